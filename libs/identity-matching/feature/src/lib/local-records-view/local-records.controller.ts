import { READ_MODEL_STORE } from '@ilinks/platform/runtime';
import type { ReadModelCollection, ReadModelStore } from '@ilinks/platform/read-models';
import { NotFoundError, ValidationError } from '@ilinks/shared/kernel';
import { Controller, Get, Inject, Param, ParseUUIDPipe, Query, type OnModuleInit } from '@nestjs/common';
import { localRecordsProjection, type LocalRecordView } from './local-records.projection';

@Controller('local-records')
export class LocalRecordsController implements OnModuleInit {
  private records!: ReadModelCollection<LocalRecordView>;

  constructor(@Inject(READ_MODEL_STORE) private readonly store: ReadModelStore) {}

  async onModuleInit(): Promise<void> {
    this.records = await this.store.collection<LocalRecordView>(localRecordsProjection.collection);
  }

  @Get(':localRecordId')
  async byId(@Param('localRecordId', new ParseUUIDPipe()) localRecordId: string): Promise<LocalRecordView> {
    const found = await this.records.get(localRecordId);
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
    const page = await this.records.find({
      where: { identifierSystem: system, identifierValue: value },
      limit: 1,
    });
    return page.items.map((item) => item.body);
  }
}
