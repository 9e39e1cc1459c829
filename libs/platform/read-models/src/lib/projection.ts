import type {
  BulkWrite,
  CollectionSpec,
  DocumentBody,
  ReadModelCollection,
  StoredDocument,
  VersionGuard,
} from './read-model.port';

/** As many ids as one `getMany` takes. */
const GET_MANY_LIMIT = 1_000;

/**
 * An event as a projection sees it: its type and data, and where it sits in its source
 * (an event-store stream and its revision, a global position, or a Kafka partition and offset).
 */
export interface ProjectionEvent<TType extends string = string, TData = unknown> {
  readonly type: TType;
  readonly data: TData;
  /** The stream of changes the event comes from; versions are compared within one source. */
  readonly source: string;
  /** Monotonic within `source`. */
  readonly version: number;
}

/**
 * A read model as pure functions: which events it handles, which document an event changes,
 * and how that document evolves. No I/O: `applyToReadModel` does the reading and writing.
 */
export interface Projection<T extends DocumentBody, E extends ProjectionEvent = ProjectionEvent> {
  readonly collection: CollectionSpec;
  /** Event types this projection handles; others are ignored without a read. */
  readonly handles: readonly E['type'][];
  /**
   * The document the event changes, or several (e.g. a merge re-keys every record it moves), or
   * undefined / an empty list when this event changes none.
   */
  documentId(event: E): string | readonly string[] | undefined;
  /**
   * The document after the event: `doc` is undefined when there is none (never written, or deleted).
   * `id` says which document, for an event that changes several. Return null to delete it. Never
   * throw on a recorded event: it is a fact.
   */
  evolve(doc: T | undefined, event: E, id: string): T | null;
}

/** What applying one event did. `stale`: the document had already seen this event or a later one. */
export type ApplyOutcome = 'written' | 'deleted' | 'stale' | 'ignored';

/** The documents an event changes, as a list. */
export function documentIdsOf<E extends ProjectionEvent>(
  projection: Projection<DocumentBody, E>,
  event: E,
): readonly string[] {
  const ids = projection.documentId(event);
  if (ids === undefined) return [];
  return typeof ids === 'string' ? [ids] : ids;
}

/**
 * Applies one event to the read model: get → evolve → guarded write. Replays and duplicates are
 * harmless: a document remembers the last version applied per source and refuses older ones,
 * and a deletion leaves a tombstone with those versions, so a replayed older event cannot bring
 * a deleted document back.
 *
 * Apply the events of one document one at a time, in order (per-key ordering, as the messaging
 * port delivers them): two events for one document evolved concurrently would both start from the
 * same state, and the guard keeps only the newer one's result.
 */
export async function applyToReadModel<T extends DocumentBody, E extends ProjectionEvent>(
  collection: ReadModelCollection<T>,
  projection: Projection<T, E>,
  event: E,
): Promise<ApplyOutcome> {
  if (!projection.handles.includes(event.type)) return 'ignored';
  const ids = documentIdsOf(projection as Projection<DocumentBody, E>, event);
  if (ids.length === 0) return 'ignored';
  if (ids.length === 1) return applyToDocument(collection, projection, event, ids[0]);
  return applyToDocuments(collection, projection, event, ids);
}

async function applyToDocument<T extends DocumentBody, E extends ProjectionEvent>(
  collection: ReadModelCollection<T>,
  projection: Projection<T, E>,
  event: E,
  id: string,
): Promise<ApplyOutcome> {
  const current = await collection.get(id);
  const applied = current?.versions[event.source];
  // Already seen: skip evolving (the guarded write would refuse it anyway).
  if (applied !== undefined && applied >= event.version) return 'stale';
  const next = projection.evolve(current?.body, event, id);
  const guard: VersionGuard = { source: event.source, version: event.version };
  if (next === null) {
    return (await collection.markDeleted(id, guard)) === 'written' ? 'deleted' : 'stale';
  }
  return collection.upsert(id, next, guard);
}

/** One event, several documents: one read and one batch of guarded writes. */
async function applyToDocuments<T extends DocumentBody, E extends ProjectionEvent>(
  collection: ReadModelCollection<T>,
  projection: Projection<T, E>,
  event: E,
  ids: readonly string[],
): Promise<ApplyOutcome> {
  const unique = [...new Set(ids)];
  const current = new Map<string, StoredDocument<T>>();
  for (let start = 0; start < unique.length; start += GET_MANY_LIMIT) {
    const page = await collection.getMany(unique.slice(start, start + GET_MANY_LIMIT));
    for (const doc of page) current.set(doc.id, doc);
  }
  const guard: VersionGuard = { source: event.source, version: event.version };
  const writes = unique.flatMap((id): BulkWrite<T>[] => {
    const applied = current.get(id)?.versions[event.source];
    // Already seen: skip evolving (the guarded write would refuse it anyway).
    if (applied !== undefined && applied >= event.version) return [];
    return [{ id, body: projection.evolve(current.get(id)?.body, event, id), guard }];
  });
  if (writes.length === 0) return 'stale';
  const outcomes = await collection.upsertMany(writes);
  // It counts as written when any document changed; as deleted when only deletions did.
  const changed = writes.filter((_, index) => outcomes[index] === 'written');
  if (changed.length === 0) return 'stale';
  return changed.some((write) => write.body !== null) ? 'written' : 'deleted';
}

/** A document as a batch sees it while folding: its body now and the versions applied to it. */
interface FoldedDocument<T extends DocumentBody> {
  body: T | undefined;
  readonly versions: Record<string, number>;
  /** Highest version per source applied in this batch: the guards of its writes. */
  readonly written: Map<string, number>;
}

/**
 * Applies a run of events to a read model as `applyToReadModel` would one by one, in order, but
 * with one read and one write per run: the documents the events touch are read with `getMany`,
 * every event is folded into them in memory (version guard included), and each changed document is
 * written once, its final body (or deletion) guarded by the newest version of each source, with
 * `upsertMany` (one transaction where the store has them). Outcomes in event order.
 *
 * Equivalent as long as nothing else writes the collection meanwhile and events come in the order
 * they were recorded (a projector's or a rebuild's case): a tombstone (which `getMany` does not
 * return) only ever holds versions of events recorded before the deletion, so its versions cannot
 * refuse an event the fold applied after that deletion. Should the store refuse a final write all
 * the same, that document counts as unchanged in the events' outcomes.
 */
export async function applyEventsToReadModel<T extends DocumentBody, E extends ProjectionEvent>(
  collection: ReadModelCollection<T>,
  projection: Projection<T, E>,
  events: readonly E[],
): Promise<ApplyOutcome[]> {
  const idsOfEvents = events.map((event) => idsToFold(projection, event));
  const touched = new Set<string>();
  for (const ids of idsOfEvents) for (const id of ids) touched.add(id);
  if (touched.size === 0) return events.map(() => 'ignored');
  const documents = await readForFold(collection, [...touched]);
  const applied = events.map((event, index) => foldEvent(documents, projection, event, idsOfEvents[index]));
  const writes = writesOf(documents);
  const refused = new Set<string>();
  if (writes.length > 0) {
    (await collection.upsertMany(writes)).forEach((outcome, index) => {
      if (outcome === 'stale') refused.add(writes[index].id);
    });
  }
  return applied.map((changes, index) => {
    if (idsOfEvents[index].length === 0) return 'ignored';
    // As `applyToReadModel` counts: written when any document changed, deleted when only deletions did.
    const kept = changes.filter((change) => !refused.has(change.id));
    if (kept.length === 0) return 'stale';
    return kept.some((change) => !change.deleted) ? 'written' : 'deleted';
  });
}

const NO_IDS: readonly string[] = [];

/** The distinct documents an event changes (none when the projection does not handle it). */
function idsToFold<T extends DocumentBody, E extends ProjectionEvent>(
  projection: Projection<T, E>,
  event: E,
): readonly string[] {
  if (!projection.handles.includes(event.type)) return NO_IDS;
  const ids = documentIdsOf(projection as Projection<DocumentBody, E>, event);
  return ids.length < 2 ? ids : [...new Set(ids)];
}

async function readForFold<T extends DocumentBody>(
  collection: ReadModelCollection<T>,
  ids: readonly string[],
): Promise<Map<string, FoldedDocument<T>>> {
  const documents = new Map<string, FoldedDocument<T>>();
  for (const id of ids) documents.set(id, { body: undefined, versions: {}, written: new Map() });
  for (let start = 0; start < ids.length; start += GET_MANY_LIMIT) {
    for (const doc of await collection.getMany(ids.slice(start, start + GET_MANY_LIMIT))) {
      documents.set(doc.id, { body: doc.body, versions: { ...doc.versions }, written: new Map() });
    }
  }
  return documents;
}

/** What folding an event did to one document. */
interface FoldedChange {
  readonly id: string;
  readonly deleted: boolean;
}

/** One event folded into the documents it touches; what it changed (nothing when stale everywhere). */
function foldEvent<T extends DocumentBody, E extends ProjectionEvent>(
  documents: Map<string, FoldedDocument<T>>,
  projection: Projection<T, E>,
  event: E,
  ids: readonly string[],
): FoldedChange[] {
  const changes: FoldedChange[] = [];
  for (const id of ids) {
    const document = documents.get(id) as FoldedDocument<T>;
    const applied = document.versions[event.source];
    if (applied !== undefined && applied >= event.version) continue;
    const next = projection.evolve(document.body, event, id);
    document.body = next ?? undefined;
    document.versions[event.source] = event.version;
    document.written.set(event.source, event.version);
    changes.push({ id, deleted: next === null });
  }
  return changes;
}

/** The final state of each changed document: one guarded write per source that changed it. */
function writesOf<T extends DocumentBody>(documents: Map<string, FoldedDocument<T>>): BulkWrite<T>[] {
  const writes: BulkWrite<T>[] = [];
  for (const [id, document] of documents) {
    for (const [source, version] of document.written) {
      writes.push({ id, body: document.body ?? null, guard: { source, version } });
    }
  }
  return writes;
}

/** How many events of a rebuild had each outcome. */
export type RebuildReport = Readonly<Record<ApplyOutcome, number>>;

/**
 * Rebuilds a read model from scratch: clears the collection, then applies `events` in order.
 * Run it while nothing else writes to the collection (e.g. into a new view version).
 */
export async function rebuildProjection<T extends DocumentBody, E extends ProjectionEvent>(
  collection: ReadModelCollection<T>,
  projection: Projection<T, E>,
  events: AsyncIterable<E> | Iterable<E>,
): Promise<RebuildReport> {
  const report: Record<ApplyOutcome, number> = { written: 0, deleted: 0, stale: 0, ignored: 0 };
  await collection.clear();
  for await (const event of events) {
    report[await applyToReadModel(collection, projection, event)] += 1;
  }
  return report;
}
