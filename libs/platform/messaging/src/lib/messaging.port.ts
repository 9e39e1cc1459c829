/**
 * The messaging port: how integration events travel between services. Two adapters implement it —
 * Kafka (kafkajs) for distributed mode and in-process for embedded mode — and both must pass
 * `messageBusContract`.
 *
 * Semantics: at-least-once delivery; messages with the same key are handled in the order they were
 * published; a consumer group's offset advances only after the handler succeeded; a handler that
 * keeps failing is retried a bounded number of times with backoff, then the message goes to the
 * dead-letter topic `<topic>.dlq` with the reason in headers, and the group moves on.
 */

/** A message on the bus. Headers carry CloudEvents `ce_*` attributes and `traceparent`. */
export interface BusMessage {
  readonly topic: string;
  /** Partitioning key: one subject's messages stay in order. Never personal data. */
  readonly key: string;
  readonly value: Buffer;
  readonly headers: Readonly<Record<string, string>>;
}

export interface ConsumedMessage extends BusMessage {
  readonly partition: number;
  /** Offset within the partition, as a decimal string (Kafka's representation). */
  readonly offset: string;
  /** How many times this message has been handed to a handler in this process (1 = first). */
  readonly attempt: number;
}

export interface RetryPolicy {
  /** Handler attempts before the message is dead-lettered (including the first). */
  readonly maxAttempts: number;
  readonly initialBackoffMs: number;
  readonly maxBackoffMs: number;
}

export interface ConsumerOptions {
  readonly groupId: string;
  readonly topics: readonly string[];
  /** Where a group with no committed offset starts. Default: earliest. */
  readonly fromBeginning?: boolean;
  readonly retry?: Partial<RetryPolicy>;
}

export type MessageHandler = (message: ConsumedMessage) => Promise<void>;

/** A running consumer. `stop()` lets the in-flight message finish and commits before resolving. */
export interface Consumer {
  /** Resolves once the consumer has joined its group and been assigned partitions. */
  readonly ready: Promise<void>;
  stop(): Promise<void>;
}

/** How far a consumer group is behind on one partition, in messages. */
export interface PartitionLag {
  readonly topic: string;
  readonly partition: number;
  readonly lag: number;
}

export interface MessageBus {
  /** Resolves only when the broker has durably acknowledged every message (acks=all). */
  publish(messages: readonly BusMessage[]): Promise<void>;
  consume(options: ConsumerOptions, handler: MessageHandler): Promise<Consumer>;
  /**
   * Messages a group has yet to commit, per partition of the topics: the end of each partition
   * minus the group's committed offset (the whole partition when it has committed nothing).
   */
  consumerLag(groupId: string, topics: readonly string[]): Promise<PartitionLag[]>;
  /** Creates topics (and their `.dlq` twins) if missing. */
  ensureTopics(topics: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

/** Thrown by a handler to send a message straight to the dead-letter topic: retrying cannot help. */
export class PoisonMessageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PoisonMessageError';
  }
}

export const DEAD_LETTER_SUFFIX = '.dlq';
export const deadLetterTopicOf = (topic: string): string => `${topic}${DEAD_LETTER_SUFFIX}`;

/** Headers added to a dead-lettered message. */
export const DeadLetterHeaders = {
  reason: 'x-dlq-reason',
  error: 'x-dlq-error',
  originalTopic: 'x-dlq-original-topic',
  originalPartition: 'x-dlq-original-partition',
  originalOffset: 'x-dlq-original-offset',
  attempts: 'x-dlq-attempts',
  consumerGroup: 'x-dlq-consumer-group',
} as const;

export const defaultRetryPolicy: RetryPolicy = { maxAttempts: 5, initialBackoffMs: 100, maxBackoffMs: 5000 };

/** Exponential backoff with a cap; `attempt` is the attempt that just failed (1-based). */
export function backoffDelay(policy: RetryPolicy, attempt: number): number {
  return Math.min(policy.maxBackoffMs, policy.initialBackoffMs * 2 ** (attempt - 1));
}
