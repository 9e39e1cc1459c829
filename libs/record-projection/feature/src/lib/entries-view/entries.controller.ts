import type { RecordEntryV1 } from '@ilinks/record-projection/contracts';
import { entryIdFor } from '@ilinks/record-projection/domain';
import { type Issue, ValidationError } from '@ilinks/shared/kernel';
import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { RecordEntries } from '../record-entry/record-entries';

/** Reads one entry: by our id, or by the partner's key. */
@Controller('entries')
export class EntriesController {
  constructor(private readonly entries: RecordEntries) {}

  /** By the partner's key: `organisation`, `resourceType` and `partnerId`, all required. */
  @Get()
  async byPartnerKey(
    @Query('organisation') organisation?: string,
    @Query('resourceType') resourceType?: string,
    @Query('partnerId') partnerId?: string,
  ): Promise<RecordEntryV1> {
    const issues: Issue[] = Object.entries({ organisation, resourceType, partnerId })
      .filter(([, value]) => typeof value !== 'string' || value.length === 0)
      .map(([name]) => ({ path: name, message: `${name} is required` }));
    if (issues.length > 0) throw new ValidationError('the partner key is incomplete', issues);
    return this.entries.entry(
      entryIdFor({
        organisation: String(organisation),
        resourceType: String(resourceType),
        partnerId: String(partnerId),
      }),
    );
  }

  @Get(':entryId')
  async byId(@Param('entryId', new ParseUUIDPipe()) entryId: string): Promise<RecordEntryV1> {
    return this.entries.entry(entryId);
  }
}
