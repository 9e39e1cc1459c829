import type { ReadModelStore } from '@ilinks/platform/read-models';
import { READ_MODEL_STORE } from '@ilinks/platform/runtime';
import { NotFoundError, ValidationError } from '@ilinks/shared/kernel';
import { Controller, Get, Inject, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { localRecordIndexProjection, type LocalRecordIndexEntry } from './local-record-index.projection';

/** Internal lookup of the record service's local-record index. */
@Controller('local-record-index')
export class LocalRecordIndexController {
  constructor(@Inject(READ_MODEL_STORE) private readonly store: ReadModelStore) {}

  /** How many local records an organisation has registered. */
  @Get()
  async countByOrganisation(
    @Query('organisation') organisation?: string,
  ): Promise<{ organisation: string; total: number }> {
    if (!organisation || !/^[A-Z0-9]{3,10}$/.test(organisation)) {
      throw new ValidationError('organisation is required', [
        { path: 'organisation', message: 'an ODS code is required' },
      ]);
    }
    const index = await this.store.collection<LocalRecordIndexEntry>(localRecordIndexProjection.collection);
    return { organisation, total: await index.count({ organisation }) };
  }

  @Get(':localRecordId')
  async byId(
    @Param('localRecordId', new ParseUUIDPipe()) localRecordId: string,
  ): Promise<LocalRecordIndexEntry> {
    const index = await this.store.collection<LocalRecordIndexEntry>(localRecordIndexProjection.collection);
    const entry = await index.get(localRecordId);
    if (!entry) throw new NotFoundError('No such local record');
    return entry.body;
  }
}
