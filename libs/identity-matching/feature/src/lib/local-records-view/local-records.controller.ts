import { NotFoundError, ValidationError } from '@ilinks/shared/kernel';
import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { IdentityViews } from '../identity-views';
import type { LocalRecordView } from './local-records.projection';

@Controller('local-records')
export class LocalRecordsController {
  constructor(private readonly views: IdentityViews) {}

  @Get(':localRecordId')
  async byId(@Param('localRecordId', new ParseUUIDPipe()) localRecordId: string): Promise<LocalRecordView> {
    const found = await this.views.localRecords.get(localRecordId);
    if (!found) throw new NotFoundError('No such local record');
    return found.body;
  }

  /** Looks a record up by the partner's own identifier. */
  @Get()
  async byIdentifier(
    @Query('system') system?: string,
    @Query('value') value?: string,
  ): Promise<LocalRecordView[]> {
    if (!system || !value) {
      throw new ValidationError('system and value are required', [
        { path: 'system|value', message: 'both query parameters are required' },
      ]);
    }
    const page = await this.views.localRecords.find({
      where: { identifierSystem: system, identifierValue: value },
      limit: 1,
    });
    return page.items.map((item) => item.body);
  }
}
