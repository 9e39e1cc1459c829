import Database from 'better-sqlite3';
import { assertCollectionSpec, indexName } from './collection-spec';
import {
  assertBatchSize,
  planFilter,
  planFind,
  runsToRead,
  encodeCursor,
  type QueryPlan,
  type Scalar,
} from './query-plan';
import { UniqueIndexViolationError } from './read-model.errors';
import type {
  BulkWrite,
  CollectionSpec,
  DocumentBody,
  FindOptions,
  Filter,
  Page,
  ReadModelCollection,
  ReadModelStore,
  StoredDocument,
  UpsertOutcome,
  VersionGuard,
} from './read-model.port';
import { assertVersionGuard, decodeVersions, encodeSourceKey } from './source-key';

/** Options of the embedded read-model store. */
export interface SqliteReadModelStoreOptions {
  /** A database file (created if missing, opened in WAL mode) or `':memory:'`. */
  readonly filename: string;
  /** How long a write waits for another process's lock before failing. Default 5000 ms. */
  readonly busyTimeoutMs?: number;
}

/** A value better-sqlite3 binds. */
export type BindValue = string | number | bigint | null;

/** Page cache while a bulk load runs (KiB; SQLite's default is 2,000). */
const BULK_LOAD_CACHE_KIB = 64 * 1024;
/**
 * WAL pages between automatic checkpoints while a bulk load runs (SQLite's default is 1,000): each
 * checkpoint syncs the database file, so fewer of them while a rebuild writes its gigabyte.
 */
const BULK_LOAD_AUTOCHECKPOINT_PAGES = 16_000;

interface Row {
  readonly id: string;
  readonly body: string;
  readonly versions: string;
}

/**
 * The embedded read-model store: one SQLite table per view (`id TEXT PRIMARY KEY, body JSON,
 * versions JSON`), declared indexes as expression indexes on `json_extract(body, '$.<path>')`.
 * The version guard is a single `INSERT … ON CONFLICT DO UPDATE … WHERE` statement, so it is atomic
 * even with several processes on one file. A tombstone is a row whose body is NULL.
 */
export class SqliteReadModelStore implements ReadModelStore {
  private readonly db: Database.Database;
  private bulkLoads = 0;
  private cacheSizeOutsideBulkLoads = 0;
  private autoCheckpointOutsideBulkLoads = 0;

  constructor(options: SqliteReadModelStoreOptions) {
    this.db = new Database(options.filename);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(options.busyTimeoutMs ?? 5000))}`);
  }

  async collection<T extends DocumentBody = DocumentBody>(
    spec: CollectionSpec,
  ): Promise<ReadModelCollection<T>> {
    assertCollectionSpec(spec);
    const table = quoteIdentifier(spec.name);
    this.db.transaction(() => {
      this.db.exec(
        `CREATE TABLE IF NOT EXISTS ${table} (id TEXT PRIMARY KEY, body JSON, versions JSON NOT NULL)`,
      );
      for (const index of indexesOf(spec)) this.db.exec(index.create);
    })();
    return new SqliteReadModelCollection<T>(this.db, spec, () => this.beginBulkLoad());
  }

  /**
   * While any bulk load runs: a larger page cache (a rebuild's index pages stay in memory) and
   * rarer WAL checkpoints.
   */
  private beginBulkLoad(): () => void {
    if (this.bulkLoads++ === 0) {
      this.cacheSizeOutsideBulkLoads = Number(this.db.pragma('cache_size', { simple: true }));
      this.autoCheckpointOutsideBulkLoads = Number(this.db.pragma('wal_autocheckpoint', { simple: true }));
      this.db.pragma(`cache_size = -${BULK_LOAD_CACHE_KIB}`);
      this.db.pragma(`wal_autocheckpoint = ${BULK_LOAD_AUTOCHECKPOINT_PAGES}`);
    }
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      if (--this.bulkLoads === 0 && this.db.open) {
        this.db.pragma(`cache_size = ${this.cacheSizeOutsideBulkLoads}`);
        this.db.pragma(`wal_autocheckpoint = ${this.autoCheckpointOutsideBulkLoads}`);
      }
    };
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}

class SqliteReadModelCollection<T extends DocumentBody> implements ReadModelCollection<T> {
  private readonly table: string;
  private readonly statements = new Map<string, Database.Statement>();
  private preparedGuardedWrite?: Database.Statement;

  constructor(
    private readonly db: Database.Database,
    private readonly spec: CollectionSpec,
    private readonly storeBulkLoad: () => () => void,
  ) {
    this.table = quoteIdentifier(spec.name);
  }

  async get(id: string): Promise<StoredDocument<T> | undefined> {
    const row = this.statement(
      `SELECT id, body, versions FROM ${this.table} WHERE id = ? AND body IS NOT NULL`,
    ).get(id) as Row | undefined;
    return row === undefined ? undefined : toDocument<T>(row);
  }

  async getMany(ids: readonly string[]): Promise<StoredDocument<T>[]> {
    assertBatchSize(ids);
    if (ids.length === 0) return [];
    const unique = [...new Set(ids)];
    const rows = this.statement(
      `SELECT id, body, versions FROM ${this.table} WHERE body IS NOT NULL AND id IN (SELECT value FROM json_each(?))`,
    ).all(JSON.stringify(unique)) as Row[];
    return rows.map((row) => toDocument<T>(row));
  }

  async upsert(id: string, body: T, guard: VersionGuard): Promise<UpsertOutcome> {
    return this.guardedWrite(id, JSON.stringify(body), guard);
  }

  async markDeleted(id: string, guard: VersionGuard): Promise<UpsertOutcome> {
    return this.guardedWrite(id, null, guard);
  }

  async upsertMany(entries: readonly BulkWrite<T>[]): Promise<UpsertOutcome[]> {
    return this.db.transaction(() =>
      entries.map(({ id, body, guard }) =>
        this.guardedWrite(id, body === null ? null : JSON.stringify(body), guard),
      ),
    )();
  }

  async delete(id: string): Promise<void> {
    this.statement(`DELETE FROM ${this.table} WHERE id = ?`).run(id);
  }

  async find(options?: FindOptions): Promise<Page<T>> {
    const plan = planFind(this.spec, options);
    const wanted = plan.limit === undefined ? Number.POSITIVE_INFINITY : plan.limit + 1;
    const rows: Row[] = [];
    for (const query of pageQueries(this.spec.name, plan)) {
      rows.push(...(this.statement(query.sql).all(...query.values, sqlLimit(wanted - rows.length)) as Row[]));
      if (rows.length >= wanted) break;
    }
    const items = rows.slice(0, plan.limit ?? rows.length).map((row) => toDocument<T>(row));
    const last = items.at(-1);
    return rows.length > items.length && last !== undefined
      ? { items, nextCursor: encodeCursor(plan, last) }
      : { items };
  }

  async count(where?: Filter): Promise<number> {
    const conditions = filterConditions(planFilter(this.spec, where));
    const sql = `SELECT count(*) AS n FROM ${this.table} WHERE ${['body IS NOT NULL', ...conditions.sql].join(' AND ')}`;
    return (this.statement(sql).get(...conditions.values) as { n: number }).n;
  }

  async clear(): Promise<void> {
    this.statement(`DELETE FROM ${this.table}`).run();
  }

  /**
   * Drops the view's query indexes (the unique ones stay, to keep refusing duplicates) and grows
   * the page cache; the end recreates them in one pass over the table, which costs less than
   * keeping them up row by row. `collection()` recreates them too, should the load be cut short.
   */
  async beginBulkLoad(): Promise<() => Promise<void>> {
    const queryIndexes = indexesOf(this.spec).filter((index) => !index.unique);
    this.db.transaction(() => {
      for (const index of queryIndexes) this.db.exec(`DROP INDEX IF EXISTS ${index.name}`);
    })();
    const endStoreLoad = this.storeBulkLoad();
    return async () => {
      try {
        this.db.transaction(() => {
          for (const index of queryIndexes) this.db.exec(index.create);
        })();
      } finally {
        endStoreLoad();
      }
    };
  }

  private guardedWrite(id: string, bodyJson: string | null, guard: VersionGuard): UpsertOutcome {
    assertVersionGuard(guard);
    const key = encodeSourceKey(guard.source);
    const path = `$."${key}"`;
    const version = BigInt(guard.version);
    const parameters = [id, bodyJson, key, version, path, version, path, path, version];
    try {
      const result = this.guardedWriteStatement().run(...parameters);
      return result.changes > 0 ? 'written' : 'stale';
    } catch (error) {
      throw this.translateError(error);
    }
  }

  /**
   * One statement: insert, or update only where the stored version for this source is absent or
   * lower; `changes` is 0 exactly when the guard refused the write. The body is JSON.stringify's
   * output, valid and minified already: stored as it is, not parsed again by json(). Positional
   * parameters, cheaper to bind than named ones on every projected write: id, body, key, version,
   * then path and version for the update, path twice and version for its guard. Prepared once.
   */
  private guardedWriteStatement(): Database.Statement {
    this.preparedGuardedWrite ??= this.statement(
      `INSERT INTO ${this.table} (id, body, versions) VALUES (?, ?, json_object(?, ?)) ` +
        `ON CONFLICT(id) DO UPDATE SET body = excluded.body, versions = json_set(versions, ?, ?) ` +
        `WHERE json_extract(versions, ?) IS NULL OR json_extract(versions, ?) < ?`,
    );
    return this.preparedGuardedWrite;
  }

  private translateError(error: unknown): unknown {
    // Duck-typed: the native addon builds its errors with the SqliteError class of the first module
    // instance that loaded it, so where modules load more than once (Jest runs test files in band
    // in separate realms) even `instanceof Error` fails.
    const { code, message } = (typeof error === 'object' && error !== null ? error : {}) as {
      code?: unknown;
      message?: unknown;
    };
    if (code === 'SQLITE_CONSTRAINT_UNIQUE' && typeof message === 'string') {
      const violated = this.spec.indexes.find(
        (index) => index.unique === true && message.includes(indexName(this.spec.name, index)),
      );
      if (violated !== undefined) return new UniqueIndexViolationError(this.spec.name, violated.fields);
    }
    return error;
  }

  private statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (statement === undefined) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }
}

/** A SELECT with its parameters; the LIMIT is the last, unbound parameter. */
export interface SqliteQuery {
  readonly sql: string;
  readonly values: readonly BindValue[];
}

/**
 * The queries that read one page, in order: one per sort run (see `SortRun`), each a single range
 * of an index, so a page costs a seek plus the rows it returns whatever the cursor's depth.
 * Exported for the spec that checks the query plans.
 */
export function pageQueries(collection: string, plan: QueryPlan): SqliteQuery[] {
  const table = quoteIdentifier(collection);
  const direction = plan.direction === 'asc' ? 'ASC' : 'DESC';
  const comparison = plan.direction === 'asc' ? '>' : '<';
  const filter = filterConditions(plan.where);
  const select = (conditions: string[], orderBy: string): string =>
    `SELECT id, body, versions FROM ${table} WHERE ${['body IS NOT NULL', ...filter.sql, ...conditions].join(' AND ')} ORDER BY ${orderBy} LIMIT ?`;

  const sortField = plan.sortField;
  if (sortField === undefined) {
    const after = plan.after === undefined ? [] : [`id ${comparison} ?`];
    return [
      {
        sql: select(after, `id ${direction}`),
        values: [...filter.values, ...(plan.after === undefined ? [] : [plan.after.id])],
      },
    ];
  }
  const expression = fieldExpression(sortField);
  const byId = `id ${direction}`;
  const byValue = `${expression} ${direction}, ${byId}`;
  // Within one value (null included), rows are in id order: ordering by id alone lets SQLite walk
  // the (field, id) index instead of sorting. A keyset "after (v, id)" is split into its two index
  // ranges: the rest of v's ties, then the values beyond v.
  return runsToRead(plan).flatMap((run, position): SqliteQuery[] => {
    const after = position === 0 ? plan.after : undefined;
    if (run === 'null') {
      return after === undefined
        ? [{ sql: select([`${expression} IS NULL`], byId), values: filter.values }]
        : [
            {
              sql: select([`${expression} IS NULL`, `id ${comparison} ?`], byId),
              values: [...filter.values, after.id],
            },
          ];
    }
    if (after === undefined)
      return [{ sql: select([`${expression} IS NOT NULL`], byValue), values: filter.values }];
    const value = toBindValue(after.value);
    return [
      {
        sql: select([`${expression} = ?`, `id ${comparison} ?`], byId),
        values: [...filter.values, value, after.id],
      },
      { sql: select([`${expression} ${comparison} ?`], byValue), values: [...filter.values, value] },
    ];
  });
}

/** One index of a view: its quoted name, the statement that creates it, whether it is unique. */
interface SqliteIndex {
  readonly name: string;
  readonly create: string;
  readonly unique: boolean;
}

/**
 * The SQLite indexes of a view. Every declared index gets a query index ending with id, so
 * "ORDER BY field, id" and keyset seeks walk it without sorting; a unique one also gets its
 * enforcement index.
 */
function indexesOf(spec: CollectionSpec): SqliteIndex[] {
  const table = quoteIdentifier(spec.name);
  return spec.indexes.flatMap((index): SqliteIndex[] => {
    const queryName = quoteIdentifier(indexName(spec.name, { fields: index.fields }));
    const queryColumns = [...index.fields.map(fieldExpression), 'id'].join(', ');
    const query: SqliteIndex = {
      name: queryName,
      create: `CREATE INDEX IF NOT EXISTS ${queryName} ON ${table} (${queryColumns})`,
      unique: false,
    };
    if (index.unique !== true) return [query];
    const uniqueName = quoteIdentifier(indexName(spec.name, index));
    const uniqueColumns = index.fields.flatMap(uniqueKeyExpressions).join(', ');
    return [
      query,
      {
        name: uniqueName,
        create: `CREATE UNIQUE INDEX IF NOT EXISTS ${uniqueName} ON ${table} (${uniqueColumns})`,
        unique: true,
      },
    ];
  });
}

/** `json_extract(body, '$.<path>')`, written exactly as in the index so the planner can use it. */
function fieldExpression(path: string): string {
  // The path was validated as dotted identifiers, so it needs no escaping inside the literal.
  return `json_extract(body, '$.${path}')`;
}

/**
 * The key a unique index compares for one field, chosen to behave as MongoDB's (sparse) unique
 * index does: a missing field never collides (its type column is NULL, and NULLs are distinct),
 * an explicit null collides with another null, 1 and 1.0 collide, and values of different JSON
 * types (true and 1, "1" and 1) never do. A tombstone (body NULL) has every field missing.
 */
function uniqueKeyExpressions(path: string): string[] {
  const type = `json_type(body, '$.${path}')`;
  return [
    `CASE ${type} WHEN 'integer' THEN 'number' WHEN 'real' THEN 'number' ELSE ${type} END`,
    `ifnull(${fieldExpression(path)}, 0)`,
  ];
}

function filterConditions(where: QueryPlan['where']): { sql: string[]; values: BindValue[] } {
  const sql: string[] = [];
  const values: BindValue[] = [];
  for (const { field, value } of where) {
    const expression = fieldExpression(field);
    if (value === null) {
      sql.push(`${expression} IS NULL`);
      continue;
    }
    // The equality uses the index; the json_type check keeps types apart (json_extract returns
    // true as 1 and an object as its JSON text), as MongoDB's equality does.
    sql.push(`${expression} = ?`, `json_type(body, '$.${field}') IN (${jsonTypesOf(value)})`);
    values.push(toBindValue(value));
  }
  return { sql, values };
}

function jsonTypesOf(value: string | number | boolean): string {
  if (typeof value === 'string') return `'text'`;
  if (typeof value === 'number') return `'integer', 'real'`;
  return value ? `'true'` : `'false'`;
}

function toBindValue(value: Scalar): BindValue {
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value;
}

function sqlLimit(wanted: number): number {
  return Number.isFinite(wanted) ? wanted : -1;
}

function quoteIdentifier(name: string): string {
  return `"${name}"`;
}

/**
 * A stored row as a document. Its versions are decoded on first use: queries (`find`) read many
 * documents and never look at them, only projections (`get`, `getMany`) do.
 */
function toDocument<T extends DocumentBody>(row: Row): StoredDocument<T> {
  let versions: Readonly<Record<string, number>> | undefined;
  return {
    id: row.id,
    body: JSON.parse(row.body) as T,
    get versions() {
      versions ??= decodeVersions(JSON.parse(row.versions) as Record<string, number>);
      return versions;
    },
  };
}
