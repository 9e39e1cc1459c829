import mongoose from 'mongoose';
import { assertCollectionSpec, indexName } from './collection-spec';
import { KeyedSerializer } from './keyed-serializer';
import {
  assertBatchSize,
  encodeCursor,
  lookup,
  planFilter,
  planFind,
  runsToRead,
  type QueryPlan,
} from './query-plan';
import { UniqueIndexViolationError } from './read-model.errors';
import type {
  BulkWrite,
  CollectionSpec,
  DocumentBody,
  Filter,
  FindOptions,
  IndexSpec,
  Page,
  ReadModelCollection,
  ReadModelStore,
  StoredDocument,
  UpsertOutcome,
  VersionGuard,
} from './read-model.port';
import { assertVersionGuard, decodeVersions, encodeSourceKey } from './source-key';

/** Options of the MongoDB read-model store. */
export interface MongoReadModelStoreOptions {
  /** A `mongodb://` URL. It may carry credentials: it is never logged or put in an error. */
  readonly url: string;
  readonly dbName: string;
  /** How long to wait for a server before an operation fails. Default 10000 ms. */
  readonly serverSelectionTimeoutMs?: number;
}

/** How a view's document is stored: a tombstone has `body: null` and keeps its versions. */
interface MongoRecord {
  _id: string;
  body: DocumentBody | null;
  versions: Record<string, number>;
}

type RecordCollection = mongoose.mongo.Collection<MongoRecord>;
type RecordFilter = mongoose.mongo.Filter<MongoRecord>;
type RecordSort = Record<string, 1 | -1>;

const DUPLICATE_KEY = 11000;
const INTERNAL_ERROR = 1;
// Each lost race means another writer stored a newer version or created the document, so the
// loop ends once the writers of one id run out; the cap only guards against a misbehaving server.
const MAX_WRITE_ATTEMPTS = 1000;

const writesInTurn = new KeyedSerializer();

/**
 * The distributed read-model store: one MongoDB collection per view, documents
 * `{ _id: id, body, versions }`, declared indexes on `body.<path>`. The version guard is a
 * conditional update (see `guardedWrite`); it runs unchanged on MongoDB and on FerretDB
 * (see FERRETDB.md for what FerretDB lacks and how this adapter avoids it).
 */
export class MongoReadModelStore implements ReadModelStore {
  private constructor(private readonly connection: mongoose.Connection) {}

  /** Connects and waits until the server answers. */
  static async connect(options: MongoReadModelStoreOptions): Promise<MongoReadModelStore> {
    const connection = mongoose.createConnection(options.url, {
      dbName: options.dbName,
      serverSelectionTimeoutMS: options.serverSelectionTimeoutMs ?? 10_000,
      autoIndex: false,
      autoCreate: false,
    });
    await connection.asPromise();
    return new MongoReadModelStore(connection);
  }

  async collection<T extends DocumentBody = DocumentBody>(
    spec: CollectionSpec,
  ): Promise<ReadModelCollection<T>> {
    assertCollectionSpec(spec);
    const db = this.connection.db;
    if (db === undefined) throw new Error('MongoReadModelStore is not connected');
    const collection = db.collection<MongoRecord>(spec.name);
    for (const index of spec.indexes) {
      const keys: Record<string, 1> = Object.fromEntries(
        index.fields.map((field) => [`body.${field}`, 1 as const]),
      );
      // As in SQLite: a query index ending with _id (sorts tie-broken by id, keyset seeks), and for
      // a unique index a separate enforcement index. That one is sparse so that documents without
      // the field (tombstones included) do not collide; MongoDB will not use a sparse index for
      // queries that may match missing fields, hence the separate query index.
      // createIndex is idempotent for an identical definition.
      await collection.createIndex(
        { ...keys, _id: 1 },
        { name: indexName(spec.name, { fields: index.fields }) },
      );
      if (index.unique === true) {
        await collection.createIndex(keys, { name: indexName(spec.name, index), unique: true, sparse: true });
      }
    }
    return new MongoReadModelCollection<T>(collection, spec);
  }

  async close(): Promise<void> {
    await this.connection.close();
  }
}

class MongoReadModelCollection<T extends DocumentBody> implements ReadModelCollection<T> {
  constructor(
    private readonly collection: RecordCollection,
    private readonly spec: CollectionSpec,
  ) {}

  async get(id: string): Promise<StoredDocument<T> | undefined> {
    const record = await this.collection.findOne({ _id: id, body: { $ne: null } });
    return record === null ? undefined : toDocument<T>(record);
  }

  async getMany(ids: readonly string[]): Promise<StoredDocument<T>[]> {
    assertBatchSize(ids);
    if (ids.length === 0) return [];
    const records = await this.collection
      .find({ _id: { $in: [...new Set(ids)] }, body: { $ne: null } })
      .toArray();
    return records.map((record) => toDocument<T>(record));
  }

  async upsert(id: string, body: T, guard: VersionGuard): Promise<UpsertOutcome> {
    return this.guardedWrite(id, body, guard);
  }

  async markDeleted(id: string, guard: VersionGuard): Promise<UpsertOutcome> {
    return this.guardedWrite(id, null, guard);
  }

  /**
   * A conditional update per document, as `upsert` does: different documents at once, the writes
   * of one document one after another in the order given.
   */
  async upsertMany(entries: readonly BulkWrite<T>[]): Promise<UpsertOutcome[]> {
    const outcomes: UpsertOutcome[] = new Array(entries.length);
    const byId = new Map<string, number[]>();
    entries.forEach((entry, index) => byId.set(entry.id, [...(byId.get(entry.id) ?? []), index]));
    await Promise.all(
      [...byId.values()].map(async (indexes) => {
        for (const index of indexes) {
          const { id, body, guard } = entries[index];
          outcomes[index] = await this.guardedWrite(id, body, guard);
        }
      }),
    );
    return outcomes;
  }

  async delete(id: string): Promise<void> {
    await this.collection.deleteOne({ _id: id });
  }

  async find(options?: FindOptions): Promise<Page<T>> {
    const plan = planFind(this.spec, options);
    const wanted = plan.limit === undefined ? Number.POSITIVE_INFINITY : plan.limit + 1;
    const records: MongoRecord[] = [];
    for (const query of pageQueries(plan)) {
      const cursor = this.collection.find(query.filter).sort(query.sort);
      if (Number.isFinite(wanted)) cursor.limit(wanted - records.length);
      records.push(...(await cursor.toArray()));
      if (records.length >= wanted) break;
    }
    const items = records.slice(0, plan.limit ?? records.length).map((record) => toDocument<T>(record));
    const last = items.at(-1);
    return records.length > items.length && last !== undefined
      ? { items, nextCursor: encodeCursor(plan, last) }
      : { items };
  }

  async count(where?: Filter): Promise<number> {
    return this.collection.countDocuments(
      and(liveDocuments(), ...filterConditions(planFilter(this.spec, where))),
    );
  }

  async clear(): Promise<void> {
    await this.collection.deleteMany({});
  }

  /**
   * Writes `body` (null: a tombstone) and the guard's version unless the stored version for the
   * source is already >= the guard's. Compare-and-set by `_id`: read the stored version, then
   * write only if it is still the one read (an insert if there was no document). On MongoDB each
   * write is one atomic, conditional operation; losing a race means somebody else wrote, so read
   * again. Filters are `_id` plus one condition, which FerretDB serves by `_id` instead of
   * scanning the collection as it does for an `$or` upsert (see FERRETDB.md).
   */
  private async guardedWrite(id: string, body: T | null, guard: VersionGuard): Promise<UpsertOutcome> {
    assertVersionGuard(guard);
    // FerretDB evaluates an update's filter and writes in separate steps, so two concurrent
    // compare-and-sets of one document can both "match" (FERRETDB.md). Writes to one document from
    // this process therefore take turns; across processes MongoDB's atomic updates are what count.
    return writesInTurn.run(`${this.collection.dbName}\u0000${this.spec.name}\u0000${id}`, () =>
      this.compareAndSet(id, body, guard),
    );
  }

  private async compareAndSet(id: string, body: T | null, guard: VersionGuard): Promise<UpsertOutcome> {
    const key = encodeSourceKey(guard.source);
    const versionField = `versions.${key}`;
    for (let attempt = 1; attempt <= MAX_WRITE_ATTEMPTS; attempt++) {
      const stored = await this.collection.findOne({ _id: id }, { projection: { [versionField]: 1 } });
      const storedVersion = stored === null ? undefined : storedVersionOf(stored, key);
      if (storedVersion !== undefined && storedVersion >= guard.version) return 'stale';
      try {
        if (stored === null) {
          await this.collection.insertOne({ _id: id, body, versions: { [key]: guard.version } });
          return 'written';
        }
        const unchanged: RecordFilter = {
          _id: id,
          [versionField]: storedVersion === undefined ? { $exists: false } : storedVersion,
        };
        const result = await this.collection.updateOne(unchanged, {
          $set: { body, [versionField]: guard.version },
        });
        if (result.matchedCount === 1) return 'written';
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
        // Either a concurrent writer of this id won (read again), or another document holds a
        // unique value. FerretDB does not say which index refused (see FERRETDB.md): ask the data.
        const now = await this.collection.findOne({ _id: id }, { projection: { [versionField]: 1 } });
        const raced =
          stored === null ? now !== null : now === null || storedVersionOf(now, key) !== storedVersion;
        if (raced) continue;
        const violated = body === null ? undefined : await this.violatedUniqueIndex(id, body);
        // No holder found, yet no race either: an index we do not know (e.g. created by hand).
        throw new UniqueIndexViolationError(this.spec.name, violated?.fields ?? []);
      }
    }
    throw new Error(`Upsert into ${this.spec.name} lost ${MAX_WRITE_ATTEMPTS} races in a row`);
  }

  /**
   * The first unique index on which another live document has the same values as `body`. Like the
   * sparse index, a body missing one of the index's fields collides on nothing.
   */
  private async violatedUniqueIndex(id: string, body: T): Promise<IndexSpec | undefined> {
    for (const index of this.spec.indexes.filter((candidate) => candidate.unique === true)) {
      const values = index.fields.map((field) => [field, lookup(body, field)] as const);
      if (values.some(([, value]) => value === undefined)) continue;
      // `{ field: null }` would also match documents without the field: ask for a stored null.
      const sameValues = values.map(([field, value]) => ({
        [`body.${field}`]: value === null ? { $type: 'null' } : value,
      }));
      const holder = await this.collection.findOne(
        and(liveDocuments(), { _id: { $ne: id } }, ...sameValues),
        {
          projection: { _id: 1 },
        },
      );
      if (holder !== null) return index;
    }
    return undefined;
  }
}

interface MongoQuery {
  readonly filter: RecordFilter;
  readonly sort: RecordSort;
}

/** The queries that read one page, in order, mirroring the SQLite adapter's (see `SortRun`). */
function pageQueries(plan: QueryPlan): MongoQuery[] {
  const order = plan.direction === 'asc' ? 1 : -1;
  const beyond = plan.direction === 'asc' ? '$gt' : '$lt';
  const filter = [liveDocuments(), ...filterConditions(plan.where)];
  const sortField = plan.sortField;
  if (sortField === undefined) {
    const after = plan.after === undefined ? [] : [{ _id: { [beyond]: plan.after.id } }];
    return [{ filter: and(...filter, ...after), sort: { _id: order } }];
  }
  const field = `body.${sortField}`;
  const byId: RecordSort = { _id: order };
  const byValue: RecordSort = { [field]: order, _id: order };
  return runsToRead(plan).flatMap((run, position): MongoQuery[] => {
    const after = position === 0 ? plan.after : undefined;
    if (run === 'null') {
      const keyset = after === undefined ? [] : [{ _id: { [beyond]: after.id } }];
      return [{ filter: and(...filter, { [field]: null }, ...keyset), sort: byId }];
    }
    if (after === undefined) return [{ filter: and(...filter, { [field]: { $ne: null } }), sort: byValue }];
    return [
      { filter: and(...filter, { [field]: after.value }, { _id: { [beyond]: after.id } }), sort: byId },
      { filter: and(...filter, { [field]: { [beyond]: after.value } }), sort: byValue },
    ];
  });
}

function liveDocuments(): RecordFilter {
  return { body: { $ne: null } };
}

function filterConditions(where: QueryPlan['where']): RecordFilter[] {
  return where.map(({ field, value }) => ({ [`body.${field}`]: value }));
}

function and(...conditions: RecordFilter[]): RecordFilter {
  return conditions.length === 1 ? (conditions[0] as RecordFilter) : { $and: conditions };
}

function storedVersionOf(record: Partial<MongoRecord>, key: string): number | undefined {
  const version = record.versions?.[key];
  return typeof version === 'number' ? version : undefined;
}

/**
 * A unique index refused the write: MongoDB's E11000, or FerretDB's InternalError carrying
 * SQLite's "UNIQUE constraint failed" when an update (rather than an insert) collides.
 */
function isDuplicateKeyError(error: unknown): boolean {
  // Duck-typed, like the SQLite adapter: an error may come from another realm's driver instance.
  const { name, code, message } = (typeof error === 'object' && error !== null ? error : {}) as {
    name?: unknown;
    code?: unknown;
    message?: unknown;
  };
  if (name !== 'MongoServerError') return false;
  return (
    code === DUPLICATE_KEY ||
    (code === INTERNAL_ERROR && typeof message === 'string' && message.includes('UNIQUE constraint failed'))
  );
}

function toDocument<T extends DocumentBody>(record: MongoRecord): StoredDocument<T> {
  return { id: record._id, body: record.body as T, versions: decodeVersions(record.versions) };
}
