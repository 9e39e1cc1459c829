import mongoose from 'mongoose';
import { assertCollectionSpec, indexName } from './collection-spec';
import { encodeCursor, planFilter, planFind, runsToRead, type QueryPlan } from './query-plan';
import { UniqueIndexViolationError } from './read-model.errors';
import type {
  CollectionSpec,
  DocumentBody,
  Filter,
  FindOptions,
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
// A duplicate key on _id means another writer inserted the document between our filter and our
// insert; each retry follows somebody else's progress, so a handful is plenty.
const MAX_WRITE_ATTEMPTS = 10;

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

  async collection<T extends DocumentBody = DocumentBody>(spec: CollectionSpec): Promise<ReadModelCollection<T>> {
    assertCollectionSpec(spec);
    const db = this.connection.db;
    if (db === undefined) throw new Error('MongoReadModelStore is not connected');
    const collection = db.collection<MongoRecord>(spec.name);
    for (const index of spec.indexes) {
      const keys: Record<string, 1> = Object.fromEntries(index.fields.map((field) => [`body.${field}`, 1 as const]));
      // Non-unique indexes end with _id so that sorts tie-broken by id and keyset seeks use them.
      if (index.unique !== true) keys['_id'] = 1;
      // createIndex is idempotent for an identical definition.
      await collection.createIndex(keys, { name: indexName(spec.name, index), unique: index.unique === true });
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

  async upsert(id: string, body: T, guard: VersionGuard): Promise<UpsertOutcome> {
    return this.guardedWrite(id, body, guard);
  }

  async markDeleted(id: string, guard: VersionGuard): Promise<UpsertOutcome> {
    return this.guardedWrite(id, null, guard);
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
    return records.length > items.length && last !== undefined ? { items, nextCursor: encodeCursor(plan, last) } : { items };
  }

  async count(where?: Filter): Promise<number> {
    return this.collection.countDocuments(and(liveDocuments(), ...filterConditions(planFilter(this.spec, where))));
  }

  async clear(): Promise<void> {
    await this.collection.deleteMany({});
  }

  /**
   * Writes `body` (null: a tombstone) and the guard's version unless the stored version for the
   * source is already >= the guard's. Each write is one conditional update, atomic on the server.
   */
  private async guardedWrite(id: string, body: T | null, guard: VersionGuard): Promise<UpsertOutcome> {
    assertVersionGuard(guard);
    const versionField = `versions.${encodeSourceKey(guard.source)}`;
    const update = { $set: { body, [versionField]: guard.version } };
    for (let attempt = 1; attempt <= MAX_WRITE_ATTEMPTS; attempt++) {
      try {
        const filter: RecordFilter = {
          _id: id,
          $or: [{ [versionField]: { $exists: false } }, { [versionField]: { $lt: guard.version } }],
        };
        await this.collection.updateOne(filter, update, { upsert: true });
        return 'written';
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
        // The filter did not match, so the server tried to insert: either a newer version is
        // stored (stale), or another document holds a unique value, or a concurrent insert won.
        const stored = await this.collection.findOne({ _id: id }, { projection: { [versionField]: 1 } });
        const storedVersion = stored === null ? undefined : storedVersionOf(stored, encodeSourceKey(guard.source));
        if (storedVersion !== undefined && storedVersion >= guard.version) return 'stale';
        const violated = this.violatedUniqueIndex(error);
        if (violated !== undefined) throw new UniqueIndexViolationError(this.spec.name, violated);
      }
    }
    throw new Error(`Upsert into ${this.spec.name} did not settle after ${MAX_WRITE_ATTEMPTS} attempts`);
  }

  private violatedUniqueIndex(error: DuplicateKeyError): readonly string[] | undefined {
    const index = this.spec.indexes.find((candidate) => candidate.unique === true && error.message.includes(indexName(this.spec.name, candidate)));
    return index?.fields;
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

interface DuplicateKeyError {
  readonly code: number;
  readonly message: string;
}

function isDuplicateKeyError(error: unknown): error is DuplicateKeyError {
  return error instanceof mongoose.mongo.MongoServerError && error.code === DUPLICATE_KEY;
}

function toDocument<T extends DocumentBody>(record: MongoRecord): StoredDocument<T> {
  return { id: record._id, body: record.body as T, versions: decodeVersions(record.versions) };
}
