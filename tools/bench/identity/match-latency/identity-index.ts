import {
  localRecordIdFor,
  localRecordStream,
  type LocalRecordEvent,
  type PersonEvent,
  personStream,
} from '@ilinks/identity-matching/domain';
import { type LocalRecordView, localRecordsProjection } from '@ilinks/identity-matching/feature';
import {
  type DocumentBody,
  documentIdsOf,
  type Projection,
  type ProjectionEvent,
  type BulkWrite,
  type ReadModelCollection,
  SqliteReadModelStore,
} from '@ilinks/platform/read-models';
import { deterministicUuid } from '@ilinks/shared/kernel';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { LocalRecordFixture } from '../../../identity-data/generate-population';
// Not exported by the feature lib's index (see README): imported by path, as lint allows for tools.
import {
  type BlockingEntry,
  blockingIndexProjection,
} from '../../../../libs/identity-matching/feature/src/lib/blocking-index/blocking-index.projection';
import {
  type PersonDocument,
  personsProjection,
} from '../../../../libs/identity-matching/feature/src/lib/persons-view/persons.projection';

/** Where the embedded identity service keeps its views under a data dir. */
export const viewsFileOf = (dataDir: string): string => join(dataDir, 'identity-matching', 'views.sqlite');

/** When every indexed record is said to have been registered and linked. */
const RECORDED_AT = '2026-11-01T09:00:00.000Z';
/** Upserts per transaction while loading. */
const BATCH = 20_000;

type AnyEvent = ProjectionEvent<string, unknown>;

/** One local record's registration, as the projector would see it: revision 0 of its own stream. */
export function registeredEventOf(record: LocalRecordFixture, localRecordId: string): AnyEvent {
  const event: LocalRecordEvent = {
    type: 'LocalRecordRegistered',
    data: {
      localRecordId,
      organisation: record.organisation,
      identifier: record.identifier,
      demographics: record.demographics,
      registeredAt: RECORDED_AT,
    },
  };
  return { ...event, source: localRecordStream(localRecordId), version: 0 };
}

/**
 * A person's stream as matching would have written it had it linked every record of one true
 * person: `PersonRegistered` with the first record, then `LocalRecordLinked` for each other one.
 */
export function personEventsOf(personId: string, localRecordIds: readonly string[]): AnyEvent[] {
  const source = personStream(personId);
  return localRecordIds.map((localRecordId, version): AnyEvent => {
    const event: PersonEvent =
      version === 0
        ? {
            type: 'PersonRegistered',
            data: { personId, localRecordId, registeredAt: RECORDED_AT, method: 'new-person' },
          }
        : {
            type: 'LocalRecordLinked',
            data: { personId, localRecordId, linkedAt: RECORDED_AT, method: 'probabilistic', score: 0.999 },
          };
    return { ...event, source, version };
  });
}

/** The person id the service gives a person first registered with `localRecordId` (`newPersonIdFor`). */
export const personIdFor = (firstLocalRecordId: string): string =>
  deterministicUuid('ilinks:identity:person', `${firstLocalRecordId}|registration`);

/**
 * A blocking entry as `blockingIndexProjection.evolve` makes it for one of the ids its `documentId`
 * gave: the id is `keyHash|localRecordId`. Built from the id because `evolve` derives every key
 * of the record again for each entry (about 100 µs here), which dominates a load of millions.
 */
export function blockingEntryOf(id: string): BlockingEntry {
  const separator = id.indexOf('|');
  return { keyHash: id.slice(0, separator), localRecordId: id.slice(separator + 1) };
}

/** Throws unless `evolve` gave exactly the entry built from its id. */
export function assertSameEntry(fromEvolve: BlockingEntry | null, built: BlockingEntry): void {
  if (JSON.stringify(fromEvolve) !== JSON.stringify(built))
    throw new Error('a blocking entry built from its id differs from the projection: load aborted');
}

/** What loading the index did and how long each view took. */
export interface IndexLoadReport {
  readonly localRecords: number;
  readonly blockingEntries: number;
  readonly persons: number;
  readonly seconds: {
    readonly prepare: number;
    readonly localRecords: number;
    readonly blocking: number;
    readonly persons: number;
  };
}

/**
 * Folds `events` of one document with the projection's own `evolve`, as `applyToReadModel` does,
 * and writes the document once per source with that source's last version as the guard — the
 * same body and versions the projector leaves, without its read and write per event.
 */
function foldedWrites<T extends DocumentBody>(
  projection: Projection<T, AnyEvent>,
  id: string,
  events: readonly AnyEvent[],
): BulkWrite<T>[] {
  const writes: BulkWrite<T>[] = [];
  let doc: T | undefined;
  for (const [index, event] of events.entries()) {
    doc = projection.evolve(doc, event, id) ?? undefined;
    const lastOfSource = events.slice(index + 1).every((later) => later.source !== event.source);
    if (doc !== undefined && lastOfSource)
      writes.push({ id, body: doc, guard: { source: event.source, version: event.version } });
  }
  return writes;
}

/** Writes `BATCH` items at a time through the adapter's own `upsertMany` (one transaction each). */
async function inBatches<I, T extends DocumentBody>(
  collection: ReadModelCollection<T>,
  items: readonly I[],
  writesOf: (item: I) => BulkWrite<T>[],
): Promise<number> {
  const started = performance.now();
  for (let start = 0; start < items.length; start += BATCH) {
    await collection.upsertMany(items.slice(start, start + BATCH).flatMap(writesOf));
  }
  return (performance.now() - started) / 1000;
}

/**
 * Writes the identity service's views for `records` — `local_records_v1`, `blocking_index_v1`,
 * `persons_v1` — into `dataDir` as its projector would after registering and linking each record
 * to its true person, using the projections' own `documentId` and `evolve`. Documents are written
 * in id order (so every B-tree grows at its end) in transactions of `BATCH` upserts. Blocking
 * entries are built from their ids, and every `checkEvery`-th is checked against `evolve` (1: all).
 */
export async function loadIdentityIndex(
  dataDir: string,
  records: readonly LocalRecordFixture[],
  checkEvery: number,
  log: (line: string) => void,
): Promise<IndexLoadReport> {
  let started = performance.now();
  const ids = records.map((record) => localRecordIdFor(record.identifier));
  const recordsByPerson = new Map<string, number[]>();
  records.forEach((record, index) => {
    const members = recordsByPerson.get(record.truePersonId);
    if (members) members.push(index);
    else recordsByPerson.set(record.truePersonId, [index]);
  });
  const persons = [...recordsByPerson.values()].map((members) => {
    const localRecordIds = members.map((index) => ids[index]);
    return { personId: personIdFor(localRecordIds[0]), localRecordIds };
  });
  const personEventOfRecord = new Map<string, AnyEvent>();
  for (const person of persons)
    for (const event of personEventsOf(person.personId, person.localRecordIds))
      personEventOfRecord.set((event.data as { localRecordId: string }).localRecordId, event);
  const recordOrder = ids.map((_, index) => index).sort((a, b) => (ids[a] < ids[b] ? -1 : 1));
  const blockingIds: string[] = [];
  const blockingRecord: number[] = [];
  records.forEach((record, index) => {
    for (const id of documentIdsOf(blockingIndexProjection, registeredEventOf(record, ids[index]))) {
      blockingIds.push(id);
      blockingRecord.push(index);
    }
  });
  const blockingOrder = blockingIds.map((_, index) => index);
  blockingOrder.sort((a, b) => (blockingIds[a] < blockingIds[b] ? -1 : 1));
  persons.sort((a, b) => (a.personId < b.personId ? -1 : 1));
  const prepare = (performance.now() - started) / 1000;
  log(
    `  prepared ${records.length} records, ${blockingIds.length} blocking entries in ${prepare.toFixed(1)} s`,
  );

  mkdirSync(join(dataDir, 'identity-matching'), { recursive: true });
  const store = new SqliteReadModelStore({ filename: viewsFileOf(dataDir) });
  try {
    const localRecords = await store.collection<LocalRecordView>(localRecordsProjection.collection);
    const blocking = await store.collection<BlockingEntry>(blockingIndexProjection.collection);
    const personDocs = await store.collection<PersonDocument>(personsProjection.collection);

    started = performance.now();
    const localRecordSeconds = await inBatches(localRecords, recordOrder, (index) => {
      const link = personEventOfRecord.get(ids[index]);
      const events = [registeredEventOf(records[index], ids[index]), ...(link ? [link] : [])];
      return foldedWrites(
        localRecordsProjection as Projection<LocalRecordView, AnyEvent>,
        ids[index],
        events,
      );
    });
    log(`  local_records_v1: ${records.length} in ${localRecordSeconds.toFixed(1)} s`);
    let checked = 0;
    const blockingSeconds = await inBatches(blocking, blockingOrder, (entry) => {
      const index = blockingRecord[entry];
      const event = registeredEventOf(records[index], ids[index]);
      const body = blockingEntryOf(blockingIds[entry]);
      if (entry % checkEvery === 0) {
        checked += 1;
        const evolve = (blockingIndexProjection as Projection<BlockingEntry, AnyEvent>).evolve;
        assertSameEntry(evolve(undefined, event, blockingIds[entry]), body);
      }
      return [{ id: blockingIds[entry], body, guard: { source: event.source, version: event.version } }];
    });
    log(`  blocking entries checked against evolve: ${checked}`);
    log(`  blocking_index_v1: ${blockingIds.length} in ${blockingSeconds.toFixed(1)} s`);
    const personSeconds = await inBatches(personDocs, persons, (person) =>
      foldedWrites(
        personsProjection as Projection<PersonDocument, AnyEvent>,
        person.personId,
        personEventsOf(person.personId, person.localRecordIds),
      ),
    );
    log(`  persons_v1: ${persons.length} in ${personSeconds.toFixed(1)} s`);
    return {
      localRecords: records.length,
      blockingEntries: blockingIds.length,
      persons: persons.length,
      seconds: {
        prepare,
        localRecords: localRecordSeconds,
        blocking: blockingSeconds,
        persons: personSeconds,
      },
    };
  } finally {
    await store.close();
  }
}
