import Database from 'better-sqlite3';
import { systemClock, type Clock } from '@ilinks/shared/kernel';
import { assertValidBatch, classifyPriorAppend, type StoredEventRef } from '../append-batch';
import { EventIdConflictError } from '../event-store.errors';
import {
  WrongExpectedRevisionError,
  type AppendResult,
  type EventMetadata,
  type EventStore,
  type EventToAppend,
  type ExpectedRevision,
  type ReadStreamOptions,
  type RecordedEvent,
  type SubscribeToAllOptions,
  type Subscription,
} from '../event-store.port';
import { runSubscription } from '../subscription-runner';
import { AppendSignal } from './append-signal';

/**
 * How hard SQLite syncs a commit to disk (in WAL mode).
 * - `full` (default): the WAL is fsynced at every commit, so an acknowledged append survives a
 *   process crash AND a power loss or kernel panic. The event store is the source of truth of a
 *   care record: an append acknowledged to a partner must not vanish, so this is the default.
 * - `normal`: the WAL is fsynced only at checkpoints. An acknowledged append survives a process
 *   crash (kill -9: the commit is in the OS page cache) but the last commits may roll back on a
 *   power loss. Faster; fine for throwaway or rebuildable data (tests, demos).
 */
export type SqliteSynchronous = 'full' | 'normal';

export interface SqliteEventStoreOptions {
  /** Source of `recordedAt`; defaults to the system clock. */
  readonly clock?: Clock;
  /** Defaults to `full`; see {@link SqliteSynchronous}. */
  readonly synchronous?: SqliteSynchronous;
  /** How often a live subscription looks for events appended by another process. Defaults to 250 ms. */
  readonly pollIntervalMs?: number;
  /** Events read per query while a subscription catches up. Defaults to 500. */
  readonly pageSize?: number;
  /** How long an append waits for another connection's write lock before failing. Defaults to 5000 ms. */
  readonly busyTimeoutMs?: number;
}

interface EventRow {
  readonly position: bigint;
  readonly id: string;
  readonly stream: string;
  readonly revision: bigint;
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
  readonly recorded_at: string;
}

type StreamHead = Pick<EventRow, 'revision' | 'position'>;

const SCHEMA_VERSION = 1;

// `position` is the rowid: SQLite hands out max+1 under the write lock, so positions grow
// with commit order and a reader never sees a gap fill in later. Rows are never deleted.
const SCHEMA = `
  CREATE TABLE IF NOT EXISTS events (
    position    INTEGER PRIMARY KEY,
    id          TEXT    NOT NULL UNIQUE,
    stream      TEXT    NOT NULL,
    revision    INTEGER NOT NULL,
    type        TEXT    NOT NULL,
    data        TEXT    NOT NULL, -- JSON
    metadata    TEXT    NOT NULL, -- JSON
    recorded_at TEXT    NOT NULL, -- ISO 8601
    UNIQUE (stream, revision)
  );
`;

/**
 * The embedded event store: one SQLite file (or `':memory:'`) in WAL mode, with the semantics of
 * the {@link EventStore} port. Appends are serialised by SQLite's write lock (`BEGIN IMMEDIATE`),
 * so several instances or processes may share one file. Live subscriptions are woken by this
 * instance's appends at once, and see other processes' appends within `pollIntervalMs`.
 */
export class SqliteEventStore implements EventStore {
  private readonly db: Database.Database;
  private readonly clock: Clock;
  private readonly pollIntervalMs: number;
  private readonly pageSize: number;
  private readonly signal = new AppendSignal();
  private readonly subscriptions = new Set<Subscription>();
  private readonly statements: ReturnType<typeof prepareStatements>;
  private readonly appendInTransaction: (
    streamName: string,
    events: readonly EventToAppend[],
    expected: ExpectedRevision,
  ) => AppendResult;
  private closed = false;

  constructor(filePath: string, options: SqliteEventStoreOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.pollIntervalMs = options.pollIntervalMs ?? 250;
    this.pageSize = options.pageSize ?? 500;
    this.db = openDatabase(filePath, options.synchronous ?? 'full', options.busyTimeoutMs ?? 5000);
    this.statements = prepareStatements(this.db);
    const transaction = this.db.transaction(
      (streamName: string, events: readonly EventToAppend[], expected: ExpectedRevision) =>
        this.appendUnderLock(streamName, events, expected),
    );
    // IMMEDIATE takes the write lock before the revision check, so check-then-insert is atomic
    // across connections and processes too.
    this.appendInTransaction = (streamName, events, expected) =>
      transaction.immediate(streamName, events, expected);
  }

  async appendToStream(
    streamName: string,
    events: readonly EventToAppend[],
    options: { readonly expectedRevision: ExpectedRevision },
  ): Promise<AppendResult> {
    assertValidBatch(streamName, events);
    const result = this.appendInTransaction(streamName, events, options.expectedRevision);
    if (!result.alreadyAppended) this.signal.notify();
    return result;
  }

  async readStream(streamName: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const limit = options.maxCount ?? -1;
    const rows =
      options.direction === 'backwards'
        ? this.statements.readBackwards.all({ stream: streamName, from: options.fromRevision ?? null, limit })
        : this.statements.readForwards.all(streamName, options.fromRevision ?? 0n, limit);
    return (rows as EventRow[]).map(toRecordedEvent);
  }

  subscribeToAll(
    options: SubscribeToAllOptions,
    handler: (event: RecordedEvent) => Promise<void>,
  ): Subscription {
    const readPage = this.pageReader(options.streamPrefixes ?? []);
    let after = options.from === 'start' ? -1n : options.from.after;
    const subscription = runSubscription(async (control) => {
      while (!control.stopped) {
        const seenVersion = this.signal.version;
        const rows = readPage(after);
        for (const row of rows) {
          if (control.stopped) return;
          const event = toRecordedEvent(row);
          await handler(event);
          after = event.position;
        }
        if (rows.length < this.pageSize) {
          // A short page means nothing newer was committed when it was read.
          control.markCaughtUp();
          await this.signal.wait(seenVersion, this.pollIntervalMs, control.stopSignal);
        }
      }
    });
    this.subscriptions.add(subscription);
    const forget = (): void => void this.subscriptions.delete(subscription);
    subscription.done.then(forget, forget);
    return subscription;
  }

  async headPosition(): Promise<bigint> {
    const row = this.statements.head.get() as { position: bigint | null };
    return row.position ?? -1n;
  }

  /** Stops this store's subscriptions (waiting for their handlers), then closes the file. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    this.db.close();
  }

  private appendUnderLock(
    streamName: string,
    events: readonly EventToAppend[],
    expected: ExpectedRevision,
  ): AppendResult {
    const prior = classifyPriorAppend(
      streamName,
      events.map((event) => this.findEvent(event.id)),
    );
    const head = this.statements.streamHead.get(streamName) as StreamHead | undefined;
    switch (prior.kind) {
      case 'complete':
        return {
          nextExpectedRevision: prior.last.revision,
          position: prior.last.position,
          alreadyAppended: true,
        };
      case 'foreign':
        throw new EventIdConflictError(streamName, prior.eventId);
      case 'partial':
        throw new WrongExpectedRevisionError(streamName, expected, head?.revision ?? 'no_stream');
      case 'none':
        break;
    }
    if (!isExpected(expected, head?.revision)) {
      throw new WrongExpectedRevisionError(streamName, expected, head?.revision ?? 'no_stream');
    }
    const recordedAt = this.clock.now().toISOString();
    const firstRevision = head === undefined ? 0n : head.revision + 1n;
    let position = -1n;
    events.forEach((event, index) => {
      const inserted = this.statements.insert.run(
        event.id,
        streamName,
        firstRevision + BigInt(index),
        event.type,
        JSON.stringify(event.data ?? null),
        JSON.stringify(event.metadata ?? {}),
        recordedAt,
      );
      position = BigInt(inserted.lastInsertRowid);
    });
    return {
      nextExpectedRevision: firstRevision + BigInt(events.length - 1),
      position,
      alreadyAppended: false,
    };
  }

  private findEvent(id: string): StoredEventRef | undefined {
    const row = this.statements.byId.get(id) as
      | Pick<EventRow, 'stream' | 'revision' | 'position'>
      | undefined;
    return row && { id, streamName: row.stream, revision: row.revision, position: row.position };
  }

  private pageReader(prefixes: readonly string[]): (after: bigint) => EventRow[] {
    const prefixClause = prefixes.map(() => 'substr(stream, 1, length(?)) = ?').join(' OR ');
    const statement = this.db.prepare(
      `SELECT * FROM events WHERE position > ? ${prefixClause ? `AND (${prefixClause})` : ''} ORDER BY position LIMIT ?`,
    );
    const prefixParameters = prefixes.flatMap((prefix) => [prefix, prefix]);
    return (after) => statement.all(after, ...prefixParameters, this.pageSize) as EventRow[];
  }
}

function openDatabase(
  filePath: string,
  synchronous: SqliteSynchronous,
  busyTimeoutMs: number,
): Database.Database {
  const db = new Database(filePath);
  db.defaultSafeIntegers(true);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
  db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(busyTimeoutMs))}`);
  const version = Number(db.pragma('user_version', { simple: true }));
  if (version > SCHEMA_VERSION) {
    db.close();
    throw new Error(
      `The event store file has schema version ${version}; this code knows up to ${SCHEMA_VERSION}`,
    );
  }
  db.exec(SCHEMA);
  db.pragma(`user_version = ${SCHEMA_VERSION}`);
  return db;
}

function prepareStatements(db: Database.Database) {
  return {
    streamHead: db.prepare(
      'SELECT revision, position FROM events WHERE stream = ? ORDER BY revision DESC LIMIT 1',
    ),
    byId: db.prepare('SELECT stream, revision, position FROM events WHERE id = ?'),
    insert: db.prepare(
      'INSERT INTO events (id, stream, revision, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    readForwards: db.prepare(
      'SELECT * FROM events WHERE stream = ? AND revision >= ? ORDER BY revision ASC LIMIT ?',
    ),
    // A NULL start reads from the end of the stream.
    readBackwards: db.prepare(
      'SELECT * FROM events WHERE stream = @stream AND (@from IS NULL OR revision <= @from) ORDER BY revision DESC LIMIT @limit',
    ),
    head: db.prepare('SELECT MAX(position) AS position FROM events'),
  };
}

function isExpected(expected: ExpectedRevision, current: bigint | undefined): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return current === undefined;
    case 'stream_exists':
      return current !== undefined;
    default:
      return current === expected;
  }
}

function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    id: row.id,
    streamName: row.stream,
    type: row.type,
    data: JSON.parse(row.data) as unknown,
    metadata: JSON.parse(row.metadata) as EventMetadata,
    revision: row.revision,
    position: row.position,
    recordedAt: new Date(row.recorded_at),
  };
}
