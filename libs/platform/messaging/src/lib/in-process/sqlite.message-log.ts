import Database from 'better-sqlite3';
import type { BusMessage } from '../messaging.port';

/** A message as stored in the log. */
export interface StoredMessage extends BusMessage {
  readonly partition: number;
  readonly offset: number;
}

/** A message to append, already assigned to a partition. */
export interface PartitionedMessage extends BusMessage {
  readonly partition: number;
}

export interface SqliteMessageLogOptions {
  /**
   * Durability of appends: `full` survives power loss; `normal` (WAL) survives a process crash and
   * is much faster. Offset commits always use `normal`: losing one to a power cut only means a
   * redelivery, which at-least-once allows, and an fsync per handled message would cap consumers
   * at the disk's fsync rate.
   */
  readonly synchronous: 'normal' | 'full';
}

interface MessageRow {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
  readonly key: string;
  readonly value: Buffer;
  readonly headers: string;
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS topics (
    topic      TEXT    NOT NULL PRIMARY KEY,
    partitions INTEGER NOT NULL CHECK (partitions > 0)
  ) STRICT;
  CREATE TABLE IF NOT EXISTS messages (
    topic     TEXT    NOT NULL,
    partition INTEGER NOT NULL,
    offset    INTEGER NOT NULL,
    key       TEXT    NOT NULL,
    value     BLOB    NOT NULL,
    headers   TEXT    NOT NULL,
    PRIMARY KEY (topic, partition, offset)
  ) STRICT, WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS consumer_offsets (
    group_id    TEXT    NOT NULL,
    topic       TEXT    NOT NULL,
    partition   INTEGER NOT NULL,
    next_offset INTEGER NOT NULL,
    PRIMARY KEY (group_id, topic, partition)
  ) STRICT, WITHOUT ROWID;
`;

/**
 * The in-process bus's durable log: topics with a fixed partition count, an append-only message
 * table with per-partition offsets, and committed group offsets. All methods are synchronous
 * (better-sqlite3); a method that writes returns only after its transaction committed.
 */
export class SqliteMessageLog {
  private readonly db: Database.Database;
  private readonly partitionCounts = new Map<string, number>();
  private readonly statements;
  private readonly relaxedCommits: boolean;

  constructor(filename: string, options: SqliteMessageLogOptions) {
    this.db = new Database(filename);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${options.synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
    this.relaxedCommits = options.synchronous === 'full';
    this.statements = {
      insertTopic: this.db.prepare('INSERT OR IGNORE INTO topics (topic, partitions) VALUES (?, ?)'),
      topicPartitions: this.db.prepare<[string], { partitions: number }>(
        'SELECT partitions FROM topics WHERE topic = ?',
      ),
      endOffset: this.db.prepare<[string, number], { next: number }>(
        'SELECT COALESCE(MAX(offset) + 1, 0) AS next FROM messages WHERE topic = ? AND partition = ?',
      ),
      insertMessage: this.db.prepare(
        'INSERT INTO messages (topic, partition, offset, key, value, headers) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      readFrom: this.db.prepare<[string, number, number, number], MessageRow>(
        'SELECT topic, partition, offset, key, value, headers FROM messages WHERE topic = ? AND partition = ? AND offset >= ? ORDER BY offset LIMIT ?',
      ),
      committed: this.db.prepare<[string, string, number], { next_offset: number }>(
        'SELECT next_offset FROM consumer_offsets WHERE group_id = ? AND topic = ? AND partition = ?',
      ),
      commit: this.db.prepare(
        `INSERT INTO consumer_offsets (group_id, topic, partition, next_offset) VALUES (?, ?, ?, ?)
         ON CONFLICT (group_id, topic, partition) DO UPDATE SET next_offset = excluded.next_offset`,
      ),
    };
  }

  /** Creates the topic with `partitions` partitions if missing; returns its (possibly older) partition count. */
  ensureTopic(topic: string, partitions: number): number {
    const known = this.partitionCounts.get(topic);
    if (known !== undefined) return known;
    this.statements.insertTopic.run(topic, partitions);
    return this.partitionCountOf(topic) ?? partitions;
  }

  partitionCountOf(topic: string): number | undefined {
    const known = this.partitionCounts.get(topic);
    if (known !== undefined) return known;
    const row = this.statements.topicPartitions.get(topic);
    if (row) this.partitionCounts.set(topic, row.partitions);
    return row?.partitions;
  }

  /** Appends messages in one transaction; the offsets are assigned here. */
  append(messages: readonly PartitionedMessage[]): void {
    this.db.transaction(() => this.appendInTransaction(messages))();
  }

  /** Appends `message` and commits `nextOffset` for the group atomically (dead-lettering). */
  appendAndCommit(
    message: PartitionedMessage,
    groupId: string,
    topic: string,
    partition: number,
    nextOffset: number,
  ): void {
    this.db.transaction(() => {
      this.appendInTransaction([message]);
      this.statements.commit.run(groupId, topic, partition, nextOffset);
    })();
  }

  /** The offset the next appended message of the partition will get. */
  endOffset(topic: string, partition: number): number {
    return this.statements.endOffset.get(topic, partition)?.next ?? 0;
  }

  read(topic: string, partition: number, fromOffset: number, limit: number): StoredMessage[] {
    return this.statements.readFrom.all(topic, partition, fromOffset, limit).map(toStoredMessage);
  }

  committedOffset(groupId: string, topic: string, partition: number): number | undefined {
    return this.statements.committed.get(groupId, topic, partition)?.next_offset;
  }

  commit(groupId: string, topic: string, partition: number, nextOffset: number): void {
    if (!this.relaxedCommits) {
      this.statements.commit.run(groupId, topic, partition, nextOffset);
      return;
    }
    // Not prepared statements: SQLite applies a PRAGMA synchronous when it is compiled.
    this.db.pragma('synchronous = NORMAL');
    try {
      this.statements.commit.run(groupId, topic, partition, nextOffset);
    } finally {
      this.db.pragma('synchronous = FULL');
    }
  }

  /** SQLite's current `synchronous` level (1 = NORMAL, 2 = FULL), for tests. */
  synchronousLevel(): number {
    return this.db.pragma('synchronous', { simple: true }) as number;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  private appendInTransaction(messages: readonly PartitionedMessage[]): void {
    const nextOffsets = new Map<string, number>();
    for (const message of messages) {
      const slot = `${message.partition}/${message.topic}`;
      const offset = nextOffsets.get(slot) ?? this.endOffset(message.topic, message.partition);
      this.statements.insertMessage.run(
        message.topic,
        message.partition,
        offset,
        message.key,
        message.value,
        JSON.stringify(message.headers),
      );
      nextOffsets.set(slot, offset + 1);
    }
  }
}

function toStoredMessage(row: MessageRow): StoredMessage {
  return {
    topic: row.topic,
    partition: row.partition,
    offset: row.offset,
    key: row.key,
    value: row.value,
    headers: JSON.parse(row.headers) as Record<string, string>,
  };
}
