/**
 * The event store port: the source of truth of every service. Two adapters implement it —
 * SQLite (embedded) and EventStoreDB (distributed) — and both must pass `eventStoreContract`.
 */

/** What the writer expects the stream to be at: optimistic concurrency. */
export type ExpectedRevision = 'no_stream' | 'any' | 'stream_exists' | bigint;

/** An event to append. `id` must be deterministic (see `eventIdFor`) so retries are no-ops. */
export interface EventToAppend {
  readonly id: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata?: EventMetadata;
}

/** Metadata stored beside each event: correlation, causation, tracing. Never personal data. */
export interface EventMetadata {
  readonly correlationId?: string;
  readonly causationId?: string;
  readonly actor?: string;
  readonly traceparent?: string;
  readonly [key: string]: string | undefined;
}

export interface RecordedEvent {
  readonly id: string;
  readonly streamName: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: EventMetadata;
  /** 0-based revision of the event within its stream. */
  readonly revision: bigint;
  /** Position in the store's global order ("$all"); strictly increasing, opaque beyond ordering. */
  readonly position: bigint;
  readonly recordedAt: Date;
}

export interface AppendResult {
  /** Revision of the stream's last event after the append. */
  readonly nextExpectedRevision: bigint;
  /** Global position of the last event appended, or of the existing one when the append was a no-op. */
  readonly position: bigint;
  /** True when every event's id was already in the stream, so nothing was written. */
  readonly alreadyAppended: boolean;
}

export interface ReadStreamOptions {
  readonly direction?: 'forwards' | 'backwards';
  /** Inclusive revision to start from; defaults to the start (forwards) or the end (backwards). */
  readonly fromRevision?: bigint;
  readonly maxCount?: number;
}

/** Start of a subscription to all events: from the very beginning, or just after a checkpoint. */
export type SubscriptionStart = 'start' | { readonly after: bigint };

export interface SubscribeToAllOptions {
  readonly from: SubscriptionStart;
  /** Only events whose stream name begins with one of these prefixes are delivered. */
  readonly streamPrefixes?: readonly string[];
  /** Identifies the subscriber in logs and metrics. */
  readonly name?: string;
}

/**
 * Events are handed to `handler` one at a time, in global order, each exactly once per
 * subscription: catch-up from `from`, then live. The next event is not delivered until the
 * handler's promise settles; if it rejects, the subscription stops and `done` rejects with it.
 */
export interface Subscription {
  /** Resolves once the subscription has caught up with everything stored when it began. */
  readonly caughtUp: Promise<void>;
  /** Settles when the subscription ends: resolves after `stop()`, rejects on failure. */
  readonly done: Promise<void>;
  stop(): Promise<void>;
}

export interface EventStore {
  appendToStream(
    streamName: string,
    events: readonly EventToAppend[],
    options: { readonly expectedRevision: ExpectedRevision },
  ): Promise<AppendResult>;

  /** Reads a stream; an absent stream reads as no events. */
  readStream(streamName: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;

  subscribeToAll(
    options: SubscribeToAllOptions,
    handler: (event: RecordedEvent) => Promise<void>,
  ): Subscription;

  /** Position of the newest event in the store, or -1n if it is empty. */
  headPosition(): Promise<bigint>;

  close(): Promise<void>;
}

/** The stream is not at the revision the writer expected. Reload, decide again, retry. */
export class WrongExpectedRevisionError extends Error {
  constructor(
    readonly streamName: string,
    readonly expected: ExpectedRevision,
    readonly actual: bigint | 'no_stream',
  ) {
    super(`Stream ${streamName} is at ${String(actual)}, expected ${String(expected)}`);
    this.name = 'WrongExpectedRevisionError';
  }
}
