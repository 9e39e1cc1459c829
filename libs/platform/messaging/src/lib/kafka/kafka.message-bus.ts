import {
  type Admin,
  CompressionTypes,
  type Consumer as KafkaConsumer,
  type EachBatchPayload,
  type IHeaders,
  Kafka,
  type KafkaMessage,
  logLevel as KafkaLogLevel,
  type LogEntry,
  Partitioners,
  type Producer,
  type RetryOptions,
  type SASLOptions,
} from 'kafkajs';
import { type BusLogger, type BusLogLevel, stderrBusLogger, DEAD_LETTERED_LOG_MESSAGE } from '../bus-logger';
import {
  abortableDelay,
  deadLetterFor,
  deliverWithRetries,
  describeError,
  resolveRetryPolicy,
} from '../delivery';
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

const TOPIC_READY_TIMEOUT_MS = 30_000;

export interface KafkaMessageBusOptions {
  readonly brokers: readonly string[];
  /** Connect over TLS (the system's trusted CAs). */
  readonly ssl?: boolean;
  /** SASL authentication; the password is a secret and is never logged. */
  readonly sasl?: {
    readonly mechanism: 'plain' | 'scram-sha-256' | 'scram-sha-512';
    readonly username: string;
    readonly password: string;
  };
  /** Default `ilinks`. */
  readonly clientId?: string;
  /** Partitions of topics created by `ensureTopics`. Default 3. */
  readonly partitions?: number;
  /** Replication factor of topics created by `ensureTopics`. Default 1 (local broker). */
  readonly replicationFactor?: number;
  /** Where kafkajs and the adapter report. Default: warnings and errors to stderr, as JSON lines. */
  readonly logger?: BusLogger;
  /** Least severe kafkajs entry passed to the logger. Default `warn`. */
  readonly logLevel?: BusLogLevel;
  /** Partitions a consumer handles at the same time (each still in order). Default 1. */
  readonly partitionsConsumedConcurrently?: number;
  /**
   * kafkajs client retry settings. The default (up to ~2 minutes of exponential retries, capped at
   * 10 s apart) rides out a broker restart of tens of seconds without failing a publish or a consumer.
   */
  readonly clientRetry?: Omit<RetryOptions, 'restartOnFailure'>;
  /** Longest time the broker holds an empty fetch; also bounds how long `stop()` waits for it. Default 500 ms. */
  readonly maxWaitTimeMs?: number;
  /** Default 30 000 ms. */
  readonly sessionTimeoutMs?: number;
  /** Default 3 000 ms. */
  readonly heartbeatIntervalMs?: number;
  /** Delay before re-creating a consumer that crashed for good. Default 2 000 ms. */
  readonly restartDelayMs?: number;
  /**
   * Within a long fetched batch, commit handled offsets at least this often (ms); every batch is
   * committed when it ends. Lower means fewer redeliveries after a crash, higher means fewer
   * commit round-trips. Default 200 ms.
   */
  readonly commitIntervalMs?: number;
}

const generousRetry: Omit<RetryOptions, 'restartOnFailure'> = {
  initialRetryTime: 300,
  maxRetryTime: 10_000,
  retries: 15,
};

/**
 * The distributed adapter of the messaging port, on kafkajs. Publishing uses an idempotent
 * producer (acks=all, one request in flight, no compression) with Kafka's default partitioner.
 * Consumers handle each fetched batch one message at a time (per-partition order) and commit
 * `offset + 1` of the last message whose handler succeeded (or that was dead-lettered) — at the end
 * of the batch, and every `commitIntervalMs` within a long one; never an offset whose handler has
 * not succeeded. They retry in process with backoff, dead-letter to `<topic>.dlq` and then
 * commit, and restart themselves after a crash.
 */
export class KafkaMessageBus implements MessageBus {
  private readonly kafka: Kafka;
  private readonly logger: BusLogger;
  private ensuring: Promise<void> = Promise.resolve();
  private readonly producer: Producer;
  private producerConnection: Promise<void> | undefined;
  private admin: Promise<Admin> | undefined;
  private readonly consumers = new Set<KafkaBusConsumer>();
  private closing: Promise<void> | undefined;

  constructor(private readonly options: KafkaMessageBusOptions) {
    if (options.brokers.length === 0) throw new Error('KafkaMessageBus needs at least one broker');
    this.logger = options.logger ?? stderrBusLogger('warn');
    this.kafka = new Kafka({
      clientId: options.clientId ?? 'ilinks',
      brokers: [...options.brokers],
      ...(options.ssl ? { ssl: true } : {}),
      ...(options.sasl ? { sasl: { ...options.sasl } as SASLOptions } : {}),
      retry: options.clientRetry ?? generousRetry,
      logLevel: kafkaLogLevelOf(options.logLevel ?? 'warn'),
      logCreator: () => (entry) => forwardKafkaLog(this.logger, entry),
    });
    this.producer = this.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
      retry: options.clientRetry ?? generousRetry,
    });
  }

  /** Sends in one batch and resolves once every partition leader acknowledged with acks=all. */
  async publish(messages: readonly BusMessage[]): Promise<void> {
    this.assertOpen();
    if (messages.length === 0) return;
    await this.connectProducer();
    const byTopic = new Map<string, BusMessage[]>();
    for (const message of messages)
      byTopic.set(message.topic, [...(byTopic.get(message.topic) ?? []), message]);
    await this.producer.sendBatch({
      acks: -1,
      compression: CompressionTypes.None,
      topicMessages: [...byTopic].map(([topic, batch]) => ({
        topic,
        messages: batch.map((message) => ({
          key: message.key,
          value: message.value,
          headers: { ...message.headers },
        })),
      })),
    });
  }

  async consume(options: ConsumerOptions, handler: MessageHandler): Promise<Consumer> {
    this.assertOpen();
    if (options.groupId.length === 0) throw new Error('groupId must not be empty');
    if (options.topics.length === 0) throw new Error('a consumer needs at least one topic');
    const consumer = new KafkaBusConsumer(
      {
        kafka: this.kafka,
        logger: this.logger,
        publish: (messages) => this.publish(messages),
        settings: this.options,
        onStopped: (stopped) => this.consumers.delete(stopped),
      },
      { ...options, topics: [...new Set(options.topics)] },
      resolveRetryPolicy(options.retry),
      handler,
    );
    this.consumers.add(consumer);
    try {
      await consumer.start();
    } catch (error) {
      await consumer.stop();
      throw error;
    }
    return consumer;
  }

  /** Creates each topic and its `.dlq` twin when missing (waiting for partition leaders). */
  async consumerLag(groupId: string, topics: readonly string[]): Promise<PartitionLag[]> {
    this.assertOpen();
    const admin = await this.connectAdmin();
    const committed = await admin.fetchOffsets({ groupId, topics: [...topics] });
    const lags: PartitionLag[] = [];
    for (const topic of topics) {
      const ends = await admin.fetchTopicOffsets(topic);
      const committedOf = new Map(
        (committed.find((entry) => entry.topic === topic)?.partitions ?? []).map((p) => [
          p.partition,
          Number(p.offset),
        ]),
      );
      for (const end of ends) {
        const high = Number(end.high);
        const low = Number(end.low);
        const at = committedOf.get(end.partition);
        // -1: nothing committed yet, the group would start from the earliest message still held.
        const from = at === undefined || at < 0 ? low : at;
        lags.push({ topic, partition: end.partition, lag: Math.max(0, high - from) });
      }
    }
    return lags;
  }

  async ensureTopics(topics: readonly string[]): Promise<void> {
    this.assertOpen();
    // Serialised: services sharing this bus (embedded mode) ask for the same topics at once, and a
    // second createTopics for a topic being created returns before its leaders exist.
    const run = this.ensuring.then(() => this.createMissingTopics(topics));
    this.ensuring = run.catch(() => undefined);
    return run;
  }

  private async createMissingTopics(topics: readonly string[]): Promise<void> {
    const admin = await this.connectAdmin();
    const wanted = [...new Set(topics.flatMap((topic) => [topic, deadLetterTopicOf(topic)]))];
    const existing = new Set(await admin.listTopics());
    const missing = wanted.filter((topic) => !existing.has(topic));
    if (missing.length > 0) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((topic) => ({
          topic,
          numPartitions: this.options.partitions ?? 3,
          replicationFactor: this.options.replicationFactor ?? 1,
        })),
      });
    }
    // Listed is not ready: another client may have created a topic a moment ago.
    await this.waitForLeaders(admin, wanted);
  }

  /**
   * Until every partition of the topics has a leader in the cluster's metadata: another client may
   * have created them a moment ago, and a consumer subscribing before then fails with
   * "This server does not host this topic-partition".
   */
  private async waitForLeaders(admin: Admin, topics: readonly string[]): Promise<void> {
    const deadline = Date.now() + TOPIC_READY_TIMEOUT_MS;
    for (;;) {
      const ready = await admin
        .fetchTopicMetadata({ topics: [...topics] })
        .then(({ topics: metadata }) =>
          metadata.every(
            (topic) =>
              topic.partitions.length > 0 && topic.partitions.every((partition) => partition.leader >= 0),
          ),
        )
        .catch(() => false);
      if (ready) return;
      if (Date.now() > deadline)
        throw new Error(`topics have no leaders after ${TOPIC_READY_TIMEOUT_MS} ms: ${topics.join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  /** Stops every consumer (each finishing its in-flight message and committing), then disconnects. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      await Promise.all([...this.consumers].map((consumer) => consumer.stop()));
      if (this.producerConnection) await this.producer.disconnect();
      if (this.admin) await (await this.admin.catch(() => undefined))?.disconnect();
    })();
    return this.closing;
  }

  private connectProducer(): Promise<void> {
    this.producerConnection ??= this.producer.connect().catch((error: unknown) => {
      this.producerConnection = undefined;
      throw error;
    });
    return this.producerConnection;
  }

  private connectAdmin(): Promise<Admin> {
    this.admin ??= (async () => {
      const admin = this.kafka.admin({ retry: this.options.clientRetry ?? generousRetry });
      await admin.connect();
      return admin;
    })().catch((error: unknown) => {
      this.admin = undefined;
      throw error;
    });
    return this.admin;
  }

  private assertOpen(): void {
    if (this.closing) throw new Error('the message bus is closed');
  }
}

interface ConsumerContext {
  readonly kafka: Kafka;
  readonly logger: BusLogger;
  readonly publish: (messages: readonly BusMessage[]) => Promise<void>;
  readonly settings: KafkaMessageBusOptions;
  readonly onStopped: (consumer: KafkaBusConsumer) => void;
}

class KafkaBusConsumer implements Consumer {
  readonly ready: Promise<void>;
  private markReady!: () => void;
  private current: KafkaConsumer | undefined;
  private readonly stopSignal = new AbortController();
  private readonly inFlight = new Set<Promise<void>>();
  private stopping: Promise<void> | undefined;
  private restarting = false;

  constructor(
    private readonly context: ConsumerContext,
    private readonly options: ConsumerOptions,
    private readonly policy: RetryPolicy,
    private readonly handler: MessageHandler,
  ) {
    this.ready = new Promise((resolve) => {
      this.markReady = resolve;
    });
  }

  /** Connects, subscribes and starts fetching; `ready` resolves when the group is joined. */
  async start(): Promise<void> {
    const { settings } = this.context;
    const retry = settings.clientRetry ?? generousRetry;
    const consumer = this.context.kafka.consumer({
      groupId: this.options.groupId,
      allowAutoTopicCreation: false,
      maxWaitTimeInMs: settings.maxWaitTimeMs ?? 500,
      sessionTimeout: settings.sessionTimeoutMs ?? 30_000,
      heartbeatInterval: settings.heartbeatIntervalMs ?? 3_000,
      retry: { ...retry, restartOnFailure: async () => !this.isStopping() },
    });
    this.current = consumer;
    consumer.on(consumer.events.GROUP_JOIN, () => this.markReady());
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      this.context.logger('error', 'kafka consumer crashed', {
        groupId: this.options.groupId,
        error: describeError(payload.error),
        restartedByKafkajs: payload.restart,
      });
      if (!payload.restart && !this.isStopping()) void this.recreate(consumer);
    });
    await consumer.connect();
    await consumer.subscribe({
      topics: [...this.options.topics],
      fromBeginning: this.options.fromBeginning ?? true,
    });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: settings.partitionsConsumedConcurrently ?? 1,
      eachBatch: (payload) => this.onBatch(consumer, payload),
    });
  }

  stop(): Promise<void> {
    this.stopping ??= (async () => {
      this.stopSignal.abort();
      const consumer = this.current;
      // Paused partitions get no new message; the one in flight finishes and commits while the
      // kafkajs runner is still running (it ignores commits once stopped).
      try {
        consumer?.pause(this.options.topics.map((topic) => ({ topic })));
      } catch {
        // not running yet: nothing to pause
      }
      await Promise.allSettled([...this.inFlight]);
      await consumer?.disconnect().catch((error: unknown) => {
        this.context.logger('warn', 'kafka consumer disconnect failed', {
          groupId: this.options.groupId,
          error: describeError(error),
        });
      });
      this.context.onStopped(this);
    })();
    return this.stopping;
  }

  private isStopping(): boolean {
    return this.stopSignal.signal.aborted;
  }

  private async onBatch(consumer: KafkaConsumer, payload: EachBatchPayload): Promise<void> {
    // A batch fetched after stop() began is left uncommitted: the next owner gets it.
    if (this.isStopping() || consumer !== this.current) return;
    const work = this.handleBatch(consumer, payload);
    this.inFlight.add(work);
    try {
      await work;
    } finally {
      this.inFlight.delete(work);
    }
  }

  private async handleBatch(
    consumer: KafkaConsumer,
    { batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload,
  ): Promise<void> {
    const { topic, partition } = batch;
    const commitIntervalMs = this.context.settings.commitIntervalMs ?? 200;
    let handledUpTo: string | undefined;
    let lastCommit = Date.now();
    const commit = async (): Promise<void> => {
      if (handledUpTo === undefined) return;
      const offset = (BigInt(handledUpTo) + 1n).toString();
      handledUpTo = undefined;
      lastCommit = Date.now();
      await consumer.commitOffsets([{ topic, partition, offset }]);
    };
    try {
      for (const message of batch.messages) {
        if (this.isStopping() || !isRunning() || isStale()) break;
        if (!(await this.handleOne(topic, partition, message, heartbeat))) break;
        resolveOffset(message.offset);
        handledUpTo = message.offset;
        if (Date.now() - lastCommit >= commitIntervalMs) await commit();
        await heartbeat();
      }
    } catch (error) {
      // Keep what was handled before the failure (e.g. a rebalance seen by the heartbeat).
      await commit().catch(() => undefined);
      throw error;
    }
    await commit();
  }

  /** True when the message is done with (handled or dead-lettered); false when it was abandoned. */
  private async handleOne(
    topic: string,
    partition: number,
    message: KafkaMessage,
    heartbeat: () => Promise<void>,
  ): Promise<boolean> {
    const consumed = toConsumedMessage(topic, partition, message);
    const signal = this.stopSignal.signal;
    const outcome = await deliverWithRetries(consumed, this.handler, this.policy, {
      isStopping: () => signal.aborted,
      waitBeforeRetry: async (ms) => {
        await abortableDelay(ms, signal);
        if (!signal.aborted) await heartbeat();
      },
    });
    switch (outcome.kind) {
      case 'handled':
        return true;
      case 'dead-letter':
        this.context.logger('warn', DEAD_LETTERED_LOG_MESSAGE, {
          groupId: this.options.groupId,
          topic,
          partition,
          offset: message.offset,
          reason: outcome.reason,
          attempts: outcome.attempts,
        });
        return this.publishDeadLetter(deadLetterFor(consumed, outcome, this.options.groupId));
      case 'abandoned':
        return false;
    }
  }

  /** Publishes the dead letter, retrying until it is acknowledged; false if the consumer stops first. */
  private async publishDeadLetter(deadLetter: BusMessage): Promise<boolean> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.context.publish([deadLetter]);
        return true;
      } catch (error) {
        this.context.logger('error', 'dead letter not published, retrying', {
          groupId: this.options.groupId,
          topic: deadLetter.topic,
          error: describeError(error),
        });
        if (this.isStopping()) return false;
        await abortableDelay(Math.min(30_000, 500 * 2 ** attempt), this.stopSignal.signal);
        if (this.isStopping()) return false;
      }
    }
  }

  /** kafkajs gave up on this consumer (a non-retriable error): replace it with a fresh one. */
  private async recreate(crashed: KafkaConsumer): Promise<void> {
    if (this.restarting || crashed !== this.current) return;
    this.restarting = true;
    try {
      await crashed.disconnect().catch(() => undefined);
      while (!this.isStopping()) {
        await abortableDelay(this.context.settings.restartDelayMs ?? 2_000, this.stopSignal.signal);
        if (this.isStopping()) return;
        try {
          await this.start();
          this.context.logger('warn', 'kafka consumer re-created after a crash', {
            groupId: this.options.groupId,
          });
          return;
        } catch (error) {
          this.context.logger('error', 'kafka consumer restart failed, trying again', {
            groupId: this.options.groupId,
            error: describeError(error),
          });
          await this.current?.disconnect().catch(() => undefined);
        }
      }
    } finally {
      this.restarting = false;
    }
  }
}

function toConsumedMessage(
  topic: string,
  partition: number,
  message: KafkaMessage,
): Omit<ConsumedMessage, 'attempt'> {
  return {
    topic,
    partition,
    offset: message.offset,
    key: message.key?.toString('utf8') ?? '',
    value: message.value ?? Buffer.alloc(0),
    headers: decodeHeaders(message.headers),
  };
}

/** Kafka headers are bytes and may repeat; the port's are strings, one per name (the last wins). */
export function decodeHeaders(headers: IHeaders | undefined): Record<string, string> {
  const decoded: Record<string, string> = {};
  for (const [name, raw] of Object.entries(headers ?? {})) {
    const value = Array.isArray(raw) ? raw[raw.length - 1] : raw;
    if (value !== undefined) decoded[name] = value.toString();
  }
  return decoded;
}

function kafkaLogLevelOf(level: BusLogLevel): KafkaLogLevel {
  switch (level) {
    case 'debug':
      return KafkaLogLevel.DEBUG;
    case 'info':
      return KafkaLogLevel.INFO;
    case 'warn':
      return KafkaLogLevel.WARN;
    case 'error':
      return KafkaLogLevel.ERROR;
  }
}

/** Only these fields of a kafkajs entry are passed on: none can hold a payload. */
const forwardedKafkaFields = [
  'broker',
  'clientId',
  'groupId',
  'memberId',
  'topic',
  'partition',
  'retryCount',
  'retryTime',
  'correlationId',
];

/** Passes a kafkajs log entry on with only whitelisted fields (exported for its spec). */
export function forwardKafkaLog(logger: BusLogger, { namespace, level, log }: LogEntry): void {
  const context: Record<string, unknown> = { namespace };
  for (const field of forwardedKafkaFields) if (log[field] !== undefined) context[field] = log[field];
  if (log['error'] !== undefined)
    context['error'] = log['error'] instanceof Error ? describeError(log['error']) : String(log['error']);
  logger(busLevelOf(level, namespace, log.message), `kafkajs: ${log.message}`, context);
}

function busLevelOf(level: KafkaLogLevel, namespace: string, message: string): BusLogLevel {
  // kafkajs logs each retriable protocol error response at ERROR before retrying it.
  if (level === KafkaLogLevel.ERROR && namespace === 'Connection' && message.startsWith('Response '))
    return 'warn';
  // Publish retries are bounded on purpose (see README); kafkajs warns about it at every start.
  if (message.startsWith('Limiting retries for the idempotent producer')) return 'info';
  switch (level) {
    case KafkaLogLevel.ERROR:
    case KafkaLogLevel.NOTHING:
      return 'error';
    case KafkaLogLevel.WARN:
      return 'warn';
    case KafkaLogLevel.INFO:
      return 'info';
    case KafkaLogLevel.DEBUG:
      return 'debug';
  }
}
