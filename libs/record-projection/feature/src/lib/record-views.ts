import type { ReadModelCollection, ReadModelStore } from '@ilinks/platform/read-models';
import { PERSON_SUBJECT_SYSTEM } from '@ilinks/record-projection/contracts';
import { READ_MODEL_STORE } from '@ilinks/platform/runtime';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { type EntryDocument, entriesProjection, subjectKeyOf } from './entries-view/entries.projection';
import {
  localRecordIndexProjection,
  type LocalRecordIndexEntry,
} from './on-local-record-registered/local-record-index.projection';
import {
  governingPersonOf,
  type PersonMerge,
  personAndMergedOf,
  personMergesProjection,
} from './person-merges/person-merges.projection';

/** Pages read at once when a query must see every match. */
const PAGE = 1_000;

/** The record service's views, opened once (opening declares collections and indexes). */
@Injectable()
export class RecordViews implements OnModuleInit {
  entries!: ReadModelCollection<EntryDocument>;
  localRecords!: ReadModelCollection<LocalRecordIndexEntry>;
  merges!: ReadModelCollection<PersonMerge>;

  constructor(@Inject(READ_MODEL_STORE) private readonly store: ReadModelStore) {}

  async onModuleInit(): Promise<void> {
    [this.entries, this.localRecords, this.merges] = await Promise.all([
      this.store.collection<EntryDocument>(entriesProjection.collection),
      this.store.collection<LocalRecordIndexEntry>(localRecordIndexProjection.collection),
      this.store.collection<PersonMerge>(personMergesProjection.collection),
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

  /**
   * The person's local records now, each with the entries sent about its partner identifier (of
   * these types if given): what a person read joins, before `selectPersonEntries` keeps each
   * record's own organisation's entries.
   */
  async localRecordEntriesOf(
    personId: string,
    resourceTypes?: readonly string[],
  ): Promise<{ localRecord: LocalRecordIndexEntry; entries: EntryDocument[] }[]> {
    const localRecords = await this.localRecordsOf(personId);
    return Promise.all(
      localRecords.map(async (localRecord) => {
        const subjectKey = subjectKeyOf({
          system: localRecord.identifierSystem,
          value: localRecord.identifierValue,
        });
        const found =
          resourceTypes === undefined
            ? [await this.entriesAbout(subjectKey)]
            : await Promise.all(resourceTypes.map((type) => this.entriesAbout(subjectKey, type)));
        return { localRecord, entries: found.flat() };
      }),
    );
  }

  /** The entries sent about one partner identifier (an indexed equality find), of one type if given. */
  async entriesAbout(subjectKey: string, resourceType?: string): Promise<EntryDocument[]> {
    return this.findAll(
      this.entries,
      resourceType === undefined ? { subjectKey } : { subjectKey, resourceType },
    );
  }

  /** The person a person id stands for now, through merges (itself when never merged). */
  async governingPersonOf(personId: string): Promise<string> {
    return governingPersonOf(
      personId,
      async (id) => (await this.merges.get(id))?.body.survivorId ?? undefined,
    );
  }

  /**
   * The entries individuals contributed about a person (an indexed equality find per id): under
   * its own id and under every id merged into it now; of one type if given.
   */
  async contributionsAbout(personId: string, resourceType?: string): Promise<EntryDocument[]> {
    const personIds = await personAndMergedOf(personId, async (id) =>
      (await this.findAll(this.merges, { survivorId: id })).map((merge) => merge.mergedPersonId),
    );
    const found = await Promise.all(
      personIds.map((id) =>
        this.entriesAbout(subjectKeyOf({ system: PERSON_SUBJECT_SYSTEM, value: id }), resourceType),
      ),
    );
    return found.flat();
  }

  private async findAll<T extends EntryDocument | LocalRecordIndexEntry | PersonMerge>(
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
