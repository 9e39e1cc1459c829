/**
 * The read-model port: documents per view, written by projections and read by queries.
 * Two adapters implement it — MongoDB (mongoose) and SQLite (embedded) — and both must pass
 * `readModelStoreContract`.
 *
 * Every document carries a version per source (e.g. an event-store stream or a Kafka partition).
 * `upsert` writes only if the new version is newer than the stored one for that source, so a
 * replayed or out-of-date event never overwrites a newer state.
 */

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type DocumentBody = { [key: string]: Json };

/** Declared up front so each adapter can create real indexes. Fields are dotted paths. */
export interface IndexSpec {
  readonly fields: readonly string[];
  readonly unique?: boolean;
}

export interface CollectionSpec {
  /** Versioned view name, e.g. `person_summary_v1`. */
  readonly name: string;
  readonly indexes: readonly IndexSpec[];
}

export interface StoredDocument<T extends DocumentBody = DocumentBody> {
  readonly id: string;
  readonly body: T;
  /** Last version applied per source. */
  readonly versions: Readonly<Record<string, number>>;
}

export interface VersionGuard {
  /** Which stream of changes this write comes from. */
  readonly source: string;
  /** Monotonic within the source (stream revision, global position or offset). */
  readonly version: number;
}

export type UpsertOutcome = 'written' | 'stale';

/** One write of an `upsertMany`: the complete new body, or null to mark the document deleted. */
export interface BulkWrite<T extends DocumentBody = DocumentBody> {
  readonly id: string;
  readonly body: T | null;
  readonly guard: VersionGuard;
}

export type Filter = Readonly<Record<string, Json>>;

export interface FindOptions {
  /** Equality on indexed fields (dotted paths). */
  readonly where?: Filter;
  /** Sort by one indexed field; ties broken by id. Default: id ascending. */
  readonly sort?: { readonly field: string; readonly direction: 'asc' | 'desc' };
  readonly limit?: number;
  /** Opaque cursor from a previous page's `nextCursor`. */
  readonly cursor?: string;
}

export interface Page<T extends DocumentBody> {
  readonly items: StoredDocument<T>[];
  readonly nextCursor?: string;
}

export interface ReadModelCollection<T extends DocumentBody = DocumentBody> {
  get(id: string): Promise<StoredDocument<T> | undefined>;
  /** The documents that exist among `ids` (at most 1,000), in no particular order; one round trip. */
  getMany(ids: readonly string[]): Promise<StoredDocument<T>[]>;
  /**
   * Writes `body` for `id` unless the stored version for `guard.source` is already >= `guard.version`.
   * `body` is the complete new document (projections compute it with a pure evolve function).
   */
  upsert(id: string, body: T, guard: VersionGuard): Promise<UpsertOutcome>;
  /**
   * Many `upsert`s (a body) or `markDeleted`s (`body: null`) under the same guard rule, in one
   * transaction where the store has them: for bulk loads and rebuilds. Outcomes in entry order.
   */
  upsertMany(entries: readonly BulkWrite<T>[]): Promise<UpsertOutcome[]>;
  /** Removes the document and its versions outright (admin, tests). Projections use `markDeleted`. */
  delete(id: string): Promise<void>;
  /**
   * Deletes `id` as of `guard`, under the same rule as `upsert`: nothing happens ('stale') unless
   * `guard.version` is newer than the stored version for `guard.source`. The document then
   * disappears from `get`, `find` and `count`, but its versions stay behind as a tombstone, so an
   * older or replayed event cannot bring it back; a newer one can (`upsert` writes over a tombstone).
   */
  markDeleted(id: string, guard: VersionGuard): Promise<UpsertOutcome>;
  find(options?: FindOptions): Promise<Page<T>>;
  count(where?: Filter): Promise<number>;
  /** Removes every document, for a rebuild. */
  clear(): Promise<void>;
  /**
   * Optional, for a rebuild: sets aside work that can wait until the end of a bulk load (e.g.
   * keeping up indexes that only serve queries) and resolves with the function that ends the load
   * and catches up on that work. Meanwhile writes keep every guarantee (unique indexes included)
   * and queries stay correct, if slower. Opening the collection again also ends it, so a load cut
   * short by a crash leaves nothing to repair by hand.
   */
  beginBulkLoad?(): Promise<() => Promise<void>>;
}

export interface ReadModelStore {
  collection<T extends DocumentBody = DocumentBody>(spec: CollectionSpec): Promise<ReadModelCollection<T>>;
  close(): Promise<void>;
}
