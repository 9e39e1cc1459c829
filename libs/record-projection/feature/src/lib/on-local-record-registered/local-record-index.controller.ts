import type { ReadModelCollection, ReadModelStore } from '@ilinks/platform/read-models';
import { READ_MODEL_STORE } from '@ilinks/platform/runtime';
import { NotFoundError, ValidationError } from '@ilinks/shared/kernel';
import { Controller, Get, Inject, type OnModuleInit, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { localRecordIndexProjection, type LocalRecordIndexEntry } from './local-record-index.projection';

/** Internal lookup of the record service's local-record index. */
@Controller('local-record-index')
export class LocalRecordIndexController implements OnModuleInit {
  private index!: ReadModelCollection<LocalRecordIndexEntry>;

  constructor(@Inject(READ_MODEL_STORE) private readonly store: ReadModelStore) {}

  async onModuleInit(): Promise<void> {
    this.index = await this.store.collection<LocalRecordIndexEntry>(localRecordIndexProjection.collection);
  }

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
    return { organisation, total: await this.index.count({ organisation }) };
  }

  @Get(':localRecordId')
  async byId(
    @Param('localRecordId', new ParseUUIDPipe()) localRecordId: string,
  ): Promise<LocalRecordIndexEntry> {
    const entry = await this.index.get(localRecordId);
    if (!entry) throw new NotFoundError('No such local record');
    return entry.body;
  }
}
