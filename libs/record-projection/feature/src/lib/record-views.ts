import type { ReadModelCollection, ReadModelStore } from '@ilinks/platform/read-models';
import { READ_MODEL_STORE } from '@ilinks/platform/runtime';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { type EntryDocument, entriesProjection } from './entries-view/entries.projection';
import {
  localRecordIndexProjection,
  type LocalRecordIndexEntry,
} from './on-local-record-registered/local-record-index.projection';

/** Pages read at once when a query must see every match. */
const PAGE = 1_000;

/** The record service's views, opened once (opening declares collections and indexes). */
@Injectable()
export class RecordViews implements OnModuleInit {
  entries!: ReadModelCollection<EntryDocument>;
  localRecords!: ReadModelCollection<LocalRecordIndexEntry>;

  constructor(@Inject(READ_MODEL_STORE) private readonly store: ReadModelStore) {}

  async onModuleInit(): Promise<void> {
    [this.entries, this.localRecords] = await Promise.all([
      this.store.collection<EntryDocument>(entriesProjection.collection),
      this.store.collection<LocalRecordIndexEntry>(localRecordIndexProjection.collection),
    ]);
  }

  /**
   * The local record registered under a partner's patient identifier, if the organisation that
   * registered it is the one asking (another organisation's patient is not theirs to attach to).
   */
  async localRecordIdOf(
    subject: { system: string; value: string },
    organisation: string,
  ): Promise<string | undefined> {
    const page = await this.localRecords.find({
      where: { identifierSystem: subject.system, identifierValue: subject.value },
      limit: 1,
    });
    const record = page.items[0]?.body;
    return record?.organisation === organisation ? record.localRecordId : undefined;
  }

  /** The local records linked to a person now (an indexed equality find). */
  async localRecordsOf(personId: string): Promise<LocalRecordIndexEntry[]> {
    return this.findAll(this.localRecords, { personId });
  }

  /** The entries sent about one partner identifier (an indexed equality find), of one type if given. */
  async entriesAbout(subjectKey: string, resourceType?: string): Promise<EntryDocument[]> {
    return this.findAll(
      this.entries,
      resourceType === undefined ? { subjectKey } : { subjectKey, resourceType },
    );
  }

  private async findAll<T extends EntryDocument | LocalRecordIndexEntry>(
    collection: ReadModelCollection<T>,
    where: Record<string, string>,
  ): Promise<T[]> {
    const found: T[] = [];
    let cursor: string | undefined;
    do {
      const page = await collection.find({ where, limit: PAGE, ...(cursor === undefined ? {} : { cursor }) });
      found.push(...page.items.map((item) => item.body));
      cursor = page.nextCursor;
    } while (cursor !== undefined);
    return found;
  }
}
