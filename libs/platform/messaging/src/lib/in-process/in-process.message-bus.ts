import { deadLetterFor, deliverWithRetries, abortableDelay, resolveRetryPolicy } from '../delivery';
import { type BusLogger, silentBusLogger, DEAD_LETTERED_LOG_MESSAGE } from '../bus-logger';
import {
  type BusMessage,
  type ConsumedMessage,
  type Consumer,
  type ConsumerOptions,
  deadLetterTopicOf,
  type MessageBus,
  type MessageHandler,
  type RetryPolicy,
  type PartitionLag,
} from '../messaging.port';
import { partitionForKey } from '../partitioner';
import { type PartitionedMessage, SqliteMessageLog, type StoredMessage } from './sqlite.message-log';
import { WakeSignal } from './wake-signal';

export interface InProcessMessageBusOptions {
  /** SQLite file holding the log (created if missing), or `':memory:'` for tests. */
  readonly filename: string;
  /** Partitions of a topic created by this bus. Default 3. An existing topic keeps its count. */
  readonly partitions?: number;
  /**
   * Fallback poll of an idle partition, in ms (default 1000). Publishes through this bus wake
   * consumers at once; the poll only matters for writes from another connection to the same file.
   */
  readonly pollIntervalMs?: number;
  /** Messages read from the log per fetch. Default 100. */
  readonly fetchBatchSize?: number;
  /**
   * SQLite `synchronous` setting. `normal` (default, WAL): an acknowledged publish survives a
   * process crash. `full`: it also survives power loss, at the cost of an fsync per publish.
   */
  readonly synchronous?: 'normal' | 'full';
  readonly logger?: BusLogger;
}

/** What the group machinery needs from the bus. */
interface BusInternals {
  readonly log: SqliteMessageLog;
  readonly partitions: number;
  readonly pollIntervalMs: number;
  readonly fetchBatchSize: number;
  readonly logger: BusLogger;
  /** Wakes `signal` whenever a message is appended to the topic's partition. */
  listen(topic: string, partition: number, signal: WakeSignal): () => void;
  publishDeadLetter(message: BusMessage, groupId: string, original: StoredMessage): void;
}

/**
 * The embedded adapter of the messaging port: a durable, partitioned log in SQLite with Kafka's
 * semantics — keys hash to partitions with Kafka's partitioner, a group's committed offset
 * advances only after its handler succeeded (or the message was dead-lettered), and a group's
 * consumers in this process share the partitions round-robin.
 *
 * One bus instance per file per process: consumer groups are coordinated in memory.
 */
export class InProcessMessageBus implements MessageBus {
  private readonly internals: BusInternals;
  /** The workers waiting for each partition, by `${partition}/${topic}`. */
  private readonly partitionListeners = new Map<string, Set<WakeSignal>>();
  private readonly groups = new Map<string, GroupCoordinator>();
  private readonly consumers = new Set<InProcessConsumer>();
  private closing: Promise<void> | undefined;

  constructor(options: InProcessMessageBusOptions) {
    const partitions = options.partitions ?? 3;
    if (!Number.isInteger(partitions) || partitions < 1)
      throw new RangeError('partitions must be a positive integer');
    const log = new SqliteMessageLog(options.filename, { synchronous: options.synchronous ?? 'normal' });
    this.internals = {
      log,
      partitions,
      pollIntervalMs: options.pollIntervalMs ?? 1000,
      fetchBatchSize: options.fetchBatchSize ?? 100,
      logger: options.logger ?? silentBusLogger,
      listen: (topic, partition, signal) => this.listen(slotOf(topic, partition), signal),
      publishDeadLetter: (message, groupId, original) => {
        const deadLetter = this.partitioned(message);
        log.appendAndCommit(deadLetter, groupId, original.topic, original.partition, original.offset + 1);
        this.notify([deadLetter]);
      },
    };
  }

  /** Appends the messages in one SQLite transaction; resolves once it committed (the "broker ack"). */
  async publish(messages: readonly BusMessage[]): Promise<void> {
    this.assertOpen();
    if (messages.length === 0) return;
    const partitioned = messages.map((message) => this.partitioned(message));
    this.internals.log.append(partitioned);
    this.notify(partitioned);
  }

  async consume(options: ConsumerOptions, handler: MessageHandler): Promise<Consumer> {
    this.assertOpen();
    if (options.groupId.length === 0) throw new Error('groupId must not be empty');
    if (options.topics.length === 0) throw new Error('a consumer needs at least one topic');
    const policy = resolveRetryPolicy(options.retry);
    const group = this.groupFor(options.groupId);
    const consumer = new InProcessConsumer(
      group,
      [...new Set(options.topics)],
      handler,
      policy,
      this.internals,
      async () => {
        this.consumers.delete(consumer);
        if (!group.isEmpty()) return;
        if (this.groups.get(options.groupId) === group) this.groups.delete(options.groupId);
        await group.retire();
      },
    );
    this.consumers.add(consumer);
    group.join(consumer, options.fromBeginning ?? true);
    return consumer;
  }

  async consumerLag(groupId: string, topics: readonly string[]): Promise<PartitionLag[]> {
    this.assertOpen();
    const { log } = this.internals;
    return topics.flatMap((topic) =>
      Array.from({ length: log.partitionCountOf(topic) ?? 0 }, (_, partition) => {
        const end = log.endOffset(topic, partition);
        return {
          topic,
          partition,
          lag: Math.max(0, end - (log.committedOffset(groupId, topic, partition) ?? 0)),
        };
      }),
    );
  }

  async ensureTopics(topics: readonly string[]): Promise<void> {
    this.assertOpen();
    for (const topic of topics) {
      this.internals.log.ensureTopic(topic, this.internals.partitions);
      this.internals.log.ensureTopic(deadLetterTopicOf(topic), this.internals.partitions);
    }
  }

  /** Stops every consumer (each finishing its in-flight message), then closes the file. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      await Promise.all([...this.consumers].map((consumer) => consumer.stop()));
      await Promise.all([...this.groups.values()].map((group) => group.retire()));
      this.internals.log.close();
    })();
    return this.closing;
  }

  private partitioned(message: BusMessage): PartitionedMessage {
    if (message.topic.length === 0) throw new Error('a message needs a topic');
    const partitions = this.internals.log.ensureTopic(message.topic, this.internals.partitions);
    return { ...message, partition: partitionForKey(message.key, partitions) };
  }

  private groupFor(groupId: string): GroupCoordinator {
    let group = this.groups.get(groupId);
    if (!group) {
      group = new GroupCoordinator(groupId, this.internals);
      this.groups.set(groupId, group);
    }
    return group;
  }

  private listen(slot: string, signal: WakeSignal): () => void {
    let listeners = this.partitionListeners.get(slot);
    if (!listeners) {
      listeners = new Set();
      this.partitionListeners.set(slot, listeners);
    }
    listeners.add(signal);
    return () => {
      listeners.delete(signal);
      if (listeners.size === 0) this.partitionListeners.delete(slot);
    };
  }

  /** Wakes only the workers of the partitions written to: the others would read nothing. */
  private notify(messages: readonly PartitionedMessage[]): void {
    for (const slot of new Set(messages.map((message) => slotOf(message.topic, message.partition)))) {
      for (const signal of this.partitionListeners.get(slot) ?? []) signal.wake();
    }
  }

  private assertOpen(): void {
    if (this.closing) throw new Error('the message bus is closed');
  }
}

/**
 * A consumer group's members in this process and one worker per subscribed partition. A worker
 * hands its partition's messages, one at a time, to whichever member the partition is assigned to
 * now — so a join or a leave moves partitions without ever running two handlers on one partition.
 */
class GroupCoordinator {
  private readonly members: InProcessConsumer[] = [];
  private readonly workers = new Map<string, PartitionWorker>();

  constructor(
    readonly groupId: string,
    private readonly internals: BusInternals,
  ) {}

  join(member: InProcessConsumer, fromBeginning: boolean): void {
    this.members.push(member);
    for (const topic of member.topics) {
      const partitions = this.internals.log.ensureTopic(topic, this.internals.partitions);
      for (let partition = 0; partition < partitions; partition++) {
        if (
          !fromBeginning &&
          this.internals.log.committedOffset(this.groupId, topic, partition) === undefined
        ) {
          this.internals.log.commit(
            this.groupId,
            topic,
            partition,
            this.internals.log.endOffset(topic, partition),
          );
        }
        const slot = `${partition}/${topic}`;
        if (!this.workers.has(slot))
          this.workers.set(slot, new PartitionWorker(this, topic, partition, this.internals));
      }
    }
    this.wakeWorkers();
  }

  leave(member: InProcessConsumer): void {
    const index = this.members.indexOf(member);
    if (index >= 0) this.members.splice(index, 1);
    this.wakeWorkers();
  }

  /** Static round-robin: the partition goes to the subscribed member at `partition % count`, in join order. */
  assigneeOf(topic: string, partition: number): InProcessConsumer | undefined {
    const candidates = this.members.filter((member) => member.topics.includes(topic));
    return candidates.length === 0 ? undefined : candidates[partition % candidates.length];
  }

  isEmpty(): boolean {
    return this.members.length === 0;
  }

  async retire(): Promise<void> {
    const workers = [...this.workers.values()];
    this.workers.clear();
    await Promise.all(workers.map((worker) => worker.retire()));
  }

  private wakeWorkers(): void {
    for (const worker of this.workers.values()) worker.wake();
  }
}

class PartitionWorker {
  private readonly signal = new WakeSignal();
  private retired = false;
  private readonly running: Promise<void>;

  constructor(
    private readonly group: GroupCoordinator,
    private readonly topic: string,
    private readonly partition: number,
    private readonly internals: BusInternals,
  ) {
    const unlisten = internals.listen(topic, partition, this.signal);
    this.running = this.run().finally(unlisten);
  }

  wake(): void {
    this.signal.wake();
  }

  retire(): Promise<void> {
    this.retired = true;
    this.signal.wake();
    return this.running;
  }

  private async run(): Promise<void> {
    const { log, fetchBatchSize, pollIntervalMs } = this.internals;
    const { groupId } = this.group;
    while (!this.retired) {
      try {
        if (!this.group.assigneeOf(this.topic, this.partition)) {
          await this.signal.wait();
          continue;
        }
        const from = log.committedOffset(groupId, this.topic, this.partition) ?? 0;
        const batch = log.read(this.topic, this.partition, from, fetchBatchSize);
        if (batch.length === 0) {
          await this.signal.wait(pollIntervalMs);
          continue;
        }
        for (const message of batch) {
          const member = this.retired ? undefined : this.group.assigneeOf(this.topic, this.partition);
          if (!member || !(await member.deliver(message))) break;
        }
      } catch (error) {
        if (this.retired) return;
        this.internals.logger('error', 'in-process bus: partition worker failed, retrying', {
          groupId,
          topic: this.topic,
          partition: this.partition,
          error: error instanceof Error ? error.message : String(error),
        });
        await this.signal.wait(pollIntervalMs);
      }
    }
  }
}

class InProcessConsumer implements Consumer {
  /** Joining a group in process is immediate: the partitions are assigned by `join`. */
  readonly ready: Promise<void> = Promise.resolve();
  private readonly stopSignal = new AbortController();
  private readonly inFlight = new Set<Promise<boolean>>();
  private stopping: Promise<void> | undefined;

  constructor(
    private readonly group: GroupCoordinator,
    readonly topics: readonly string[],
    private readonly handler: MessageHandler,
    private readonly policy: RetryPolicy,
    private readonly internals: BusInternals,
    private readonly onStopped: () => Promise<void>,
  ) {}

  /** Handles one message with retries; true once its offset is committed (handled or dead-lettered). */
  deliver(message: StoredMessage): Promise<boolean> {
    const work = this.handleAndCommit(message);
    this.inFlight.add(work);
    return work.finally(() => this.inFlight.delete(work));
  }

  stop(): Promise<void> {
    this.stopping ??= (async () => {
      this.stopSignal.abort();
      this.group.leave(this);
      await Promise.allSettled([...this.inFlight]);
      await this.onStopped();
    })();
    return this.stopping;
  }

  private async handleAndCommit(stored: StoredMessage): Promise<boolean> {
    const message: Omit<ConsumedMessage, 'attempt'> = {
      topic: stored.topic,
      key: stored.key,
      value: stored.value,
      headers: stored.headers,
      partition: stored.partition,
      offset: String(stored.offset),
    };
    const signal = this.stopSignal.signal;
    const outcome = await deliverWithRetries(message, this.handler, this.policy, {
      isStopping: () => signal.aborted,
      waitBeforeRetry: (ms) => abortableDelay(ms, signal),
    });
    switch (outcome.kind) {
      case 'handled':
        this.internals.log.commit(this.group.groupId, stored.topic, stored.partition, stored.offset + 1);
        return true;
      case 'dead-letter':
        this.internals.logger('warn', DEAD_LETTERED_LOG_MESSAGE, {
          groupId: this.group.groupId,
          topic: stored.topic,
          partition: stored.partition,
          offset: stored.offset,
          reason: outcome.reason,
          attempts: outcome.attempts,
        });
        this.internals.publishDeadLetter(
          deadLetterFor(message, outcome, this.group.groupId),
          this.group.groupId,
          stored,
        );
        return true;
      case 'abandoned':
        return false;
    }
  }
}

/** The key of one partition of a topic. */
function slotOf(topic: string, partition: number): string {
  return `${partition}/${topic}`;
}
