import type { EventStore, RecordedEvent, Subscription } from '@ilinks/platform/event-store';
import type { BusMessage, MessageBus } from '@ilinks/platform/messaging';
import type { CheckpointStore } from './checkpoint-store';

/** Turns one stored domain event into the integration messages it publishes (often none or one). */
export type RelayMapper = (event: RecordedEvent) => readonly BusMessage[];

export interface RelayOptions {
  /** Names the relay's checkpoint; one per service. */
  readonly name: string;
  /** The streams this relay owns (prefixes of stream names). */
  readonly streamPrefixes: readonly string[];
  readonly mapper: RelayMapper;
  /** A batch is published once it holds this many messages... */
  readonly maxBatchSize?: number;
  /** ...or once its oldest message has waited this long. */
  readonly maxBatchDelayMs?: number;
  /** Back-off bounds while the broker refuses a batch; the relay retries until it is accepted. */
  readonly retryInitialMs?: number;
  readonly retryMaxMs?: number;
  readonly onPublishError?: (error: unknown, attempt: number) => void;
  readonly onBatchPublished?: (batch: PublishedBatch) => void;
}

export interface PublishedBatch {
  readonly messages: number;
  readonly lastPosition: bigint;
  /** Milliseconds from the oldest event's recording to the broker's acknowledgement. */
  readonly maxLagMs: number;
}

interface Pending {
  readonly messages: BusMessage[];
  lastPosition: bigint;
  oldestRecordedAt?: Date;
}

const emptyPending = (lastPosition: bigint): Pending => ({ messages: [], lastPosition });

/**
 * The outbox relay: event store subscription → message bus, then checkpoint.
 *
 * The checkpoint is written only after the broker acknowledged every message up to it, so a relay
 * killed at any moment resumes from its last checkpoint and republishes what may or may not have
 * gone out: at-least-once, never a gap. Messages go out in store order, one batch at a time, so
 * the per-key order of a subject's events is kept. Consumers make the effect exactly-once.
 */
export class Relay {
  private subscription?: Subscription;
  private pending: Pending = emptyPending(-1n);
  private flushing: Promise<void> = Promise.resolve();
  private timer?: NodeJS.Timeout;
  private stopped = false;
  private savedCheckpoint?: bigint;
  private readonly maxBatchSize: number;
  private readonly maxBatchDelayMs: number;

  constructor(
    private readonly eventStore: EventStore,
    private readonly bus: MessageBus,
    private readonly checkpoints: CheckpointStore,
    private readonly options: RelayOptions,
  ) {
    this.maxBatchSize = options.maxBatchSize ?? 500;
    this.maxBatchDelayMs = options.maxBatchDelayMs ?? 5;
  }

  /** Starts relaying from the last checkpoint. Resolves once caught up with what is stored now. */
  async start(): Promise<void> {
    const checkpoint = await this.checkpoints.load(this.options.name);
    this.savedCheckpoint = checkpoint;
    this.pending = emptyPending(checkpoint ?? -1n);
    this.subscription = this.eventStore.subscribeToAll(
      {
        from: checkpoint === undefined ? 'start' : { after: checkpoint },
        streamPrefixes: this.options.streamPrefixes,
        name: `relay:${this.options.name}`,
      },
      (event) => this.accept(event),
    );
    this.subscription.done.catch(() => undefined);
    await this.subscription.caughtUp;
  }

  /** Publishes what is buffered, saves the checkpoint and stops. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.subscription?.stop();
    this.clearTimer();
    await this.flush();
  }

  /** The position of the last event whose messages the broker has acknowledged. */
  async checkpoint(): Promise<bigint | undefined> {
    return this.checkpoints.load(this.options.name);
  }

  private async accept(event: RecordedEvent): Promise<void> {
    const messages = this.options.mapper(event);
    this.pending.messages.push(...messages);
    this.pending.lastPosition = event.position;
    if (messages.length > 0) this.pending.oldestRecordedAt ??= event.recordedAt;
    if (this.pending.messages.length >= this.maxBatchSize) {
      // Back-pressure: the subscription waits while a full batch goes out.
      await this.flush();
    } else {
      this.scheduleFlush();
    }
  }

  private scheduleFlush(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush().catch(() => undefined);
    }, this.maxBatchDelayMs);
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Serialises flushes: each takes what is pending at its turn. */
  private flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.publishPending());
    return this.flushing;
  }

  private async publishPending(): Promise<void> {
    const batch = this.pending;
    // Nothing seen yet (an empty store): there is no position to save.
    if (batch.lastPosition < 0n) return;
    if (batch.messages.length === 0 && batch.lastPosition === this.savedCheckpoint) return;
    this.pending = emptyPending(batch.lastPosition);
    this.clearTimer();
    if (batch.messages.length > 0) await this.publishUntilAccepted(batch.messages);
    await this.checkpoints.save(this.options.name, batch.lastPosition);
    this.savedCheckpoint = batch.lastPosition;
    this.options.onBatchPublished?.({
      messages: batch.messages.length,
      lastPosition: batch.lastPosition,
      maxLagMs: batch.oldestRecordedAt ? Date.now() - batch.oldestRecordedAt.getTime() : 0,
    });
  }

  private async publishUntilAccepted(messages: readonly BusMessage[]): Promise<void> {
    const initial = this.options.retryInitialMs ?? 100;
    const max = this.options.retryMaxMs ?? 5000;
    for (let attempt = 1; ; attempt++) {
      try {
        await this.bus.publish(messages);
        return;
      } catch (error) {
        this.options.onPublishError?.(error, attempt);
        if (this.stopped && attempt >= 3) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.min(max, initial * 2 ** (attempt - 1))));
      }
    }
  }
}
