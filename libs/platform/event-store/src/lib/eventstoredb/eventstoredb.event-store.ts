import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  excludeSystemEvents,
  streamNameFilter,
  type AllStreamResolvedEvent,
  type AllStreamSubscription,
  type AppendExpectedRevision,
  type EventData,
  type JSONType,
  type ReadPosition,
  type ResolvedEvent,
} from '@eventstore/db-client';
import { assertValidBatch, classifyPriorAppend, type StoredEventRef } from '../append-batch';
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
import { runSubscription, type SubscriptionControl } from '../subscription-runner';

export interface EventStoreDbEventStoreOptions {
  /**
   * Events read backwards from the end of a stream before each append, to recognise a batch that
   * was appended before (then the append is a no-op, reported with `alreadyAppended: true`).
   * Defaults to 256. A repeat older than that is still not written twice when its expected
   * revision lets EventStoreDB recognise it, but is reported as `alreadyAppended: false`.
   */
  readonly idempotencyWindow?: number;
  /**
   * Events of `$all` read backwards when a subscription starts, to find the last matching event
   * (the subscription has caught up once it has handled that one). Defaults to 4096. Past that,
   * `caughtUp` relies on the server's caught-up message (EventStoreDB 23.10 and later).
   */
  readonly catchUpScanLimit?: number;
}

/**
 * The distributed event store: EventStoreDB through `@eventstore/db-client` (gRPC), with the
 * semantics of the {@link EventStore} port. Needs EventStoreDB 22.6 or later (event positions on
 * stream reads); event ids must be UUIDs (ours come from `eventIdFor`).
 *
 * Positions are EventStoreDB **commit positions**. Since 20.x every event of an append has its own
 * commit position (equal to its prepare position), so a commit position alone is a checkpoint:
 * a subscription resumes from `{ commit: after, prepare: after }`. (Databases holding explicit
 * transactions written by the legacy TCP API break that assumption; iLINKS never writes those.)
 */
export class EventStoreDbEventStore implements EventStore {
  private readonly idempotencyWindow: number;
  private readonly catchUpScanLimit: number;
  private readonly subscriptions = new Set<Subscription>();
  private closed = false;

  constructor(
    private readonly client: EventStoreDBClient,
    options: EventStoreDbEventStoreOptions = {},
  ) {
    this.idempotencyWindow = options.idempotencyWindow ?? 256;
    this.catchUpScanLimit = options.catchUpScanLimit ?? 4096;
  }

  /** Connects with an `esdb://` or `esdb+discover://` connection string. */
  static fromConnectionString(
    connectionString: string,
    options?: EventStoreDbEventStoreOptions,
  ): EventStoreDbEventStore {
    return new EventStoreDbEventStore(EventStoreDBClient.connectionString(connectionString), options);
  }

  async appendToStream(
    streamName: string,
    events: readonly EventToAppend[],
    options: { readonly expectedRevision: ExpectedRevision },
  ): Promise<AppendResult> {
    assertValidBatch(streamName, events);
    const expected = options.expectedRevision;
    const recent = await this.readStream(streamName, {
      direction: 'backwards',
      maxCount: this.idempotencyWindow,
    });
    const byId = new Map(recent.map((event): [string, StoredEventRef] => [event.id, event]));
    const prior = classifyPriorAppend(
      streamName,
      events.map((event) => byId.get(event.id)),
    );
    switch (prior.kind) {
      case 'complete':
        return {
          nextExpectedRevision: prior.last.revision,
          position: prior.last.position,
          alreadyAppended: true,
        };
      case 'partial':
      case 'foreign':
        throw new WrongExpectedRevisionError(streamName, expected, recent[0]?.revision ?? 'no_stream');
      case 'none':
        break;
    }
    try {
      const result = await this.client.appendToStream(streamName, events.map(toEventData), {
        expectedRevision: toClientExpectedRevision(expected),
      });
      const position =
        result.position?.commit ?? (await this.positionOfRevision(streamName, result.nextExpectedRevision));
      return { nextExpectedRevision: result.nextExpectedRevision, position, alreadyAppended: false };
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) {
        throw new WrongExpectedRevisionError(streamName, expected, error.actualVersion);
      }
      throw error;
    }
  }

  async readStream(streamName: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    if (options.maxCount !== undefined && options.maxCount <= 0) return [];
    const backwards = options.direction === 'backwards';
    const read = this.client.readStream(streamName, {
      direction: backwards ? BACKWARDS : FORWARDS,
      fromRevision: options.fromRevision ?? (backwards ? END : START),
      ...(options.maxCount === undefined ? {} : { maxCount: options.maxCount }),
    });
    const events: RecordedEvent[] = [];
    try {
      for await (const resolved of read) {
        const event = toRecordedEvent(resolved);
        if (event) events.push(event);
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return events;
  }

  subscribeToAll(
    options: SubscribeToAllOptions,
    handler: (event: RecordedEvent) => Promise<void>,
  ): Subscription {
    const prefixes = [...(options.streamPrefixes ?? [])];
    const after = options.from === 'start' || options.from.after < 0n ? undefined : options.from.after;
    let live: AllStreamSubscription | undefined;
    const subscription = runSubscription(
      async (control) => {
        const catchUpTarget = await this.lastMatchingPosition(prefixes, after);
        if (control.stopped) return;
        live = this.client.subscribeToAll({
          fromPosition: readPositionAfter(after),
          filter: prefixes.length > 0 ? streamNameFilter({ prefixes }) : excludeSystemEvents(),
        });
        try {
          await deliver(live, catchUpTarget, handler, control);
        } finally {
          // A failed handler ends the loop, which destroys only the readable: end the gRPC call too.
          await live.unsubscribe();
        }
      },
      async () => {
        // Cancels the gRPC call, then ends the readable so that the loop's iteration stops.
        await live?.unsubscribe();
        live?.destroy();
      },
    );
    this.subscriptions.add(subscription);
    const forget = (): void => void this.subscriptions.delete(subscription);
    subscription.done.then(forget, forget);
    return subscription;
  }

  /** Commit position of the newest event outside system (`$`) streams, or -1n if there is none. */
  async headPosition(): Promise<bigint> {
    const position = await this.lastMatchingPosition([], undefined);
    return typeof position === 'bigint' ? position : -1n;
  }

  /** Stops this store's subscriptions (waiting for their handlers), then closes the client. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    await this.client.dispose();
  }

  private async positionOfRevision(streamName: string, revision: bigint): Promise<bigint> {
    const [event] = await this.readStream(streamName, { fromRevision: revision, maxCount: 1 });
    if (!event)
      throw new Error(`EventStoreDB did not return the position of revision ${revision} of ${streamName}`);
    return event.position;
  }

  /**
   * Scans `$all` backwards for the newest user event that matches the prefixes: its position;
   * `'none'` if there is none after `after`; `'unknown'` if the scan limit was reached first.
   */
  private async lastMatchingPosition(
    prefixes: readonly string[],
    after: bigint | undefined,
  ): Promise<bigint | 'none' | 'unknown'> {
    const read = this.client.readAll({
      direction: BACKWARDS,
      fromPosition: END,
      maxCount: this.catchUpScanLimit,
    });
    let scanned = 0;
    try {
      for await (const resolved of read) {
        scanned += 1;
        const event = resolved.event;
        if (!event) continue;
        const position = event.position.commit;
        if (after !== undefined && position <= after) return 'none';
        if (isUserEvent(event.streamId, event.type) && matchesPrefixes(event.streamId, prefixes))
          return position;
      }
      return scanned < this.catchUpScanLimit ? 'none' : 'unknown';
    } finally {
      // Leaving the loop early only destroys the client's readable: the gRPC call stays open and
      // keeps its share of the connection's flow-control window (later calls stall) until cancelled.
      await read.cancel();
    }
  }
}

/**
 * Hands each event to the handler in turn and marks the subscription caught up: at once when
 * nothing matched at the start, after the last event that matched then, or — when the start scan
 * could not tell — once the events buffered before the server's caught-up message are handled.
 */
async function deliver(
  live: AllStreamSubscription,
  catchUpTarget: bigint | 'none' | 'unknown',
  handler: (event: RecordedEvent) => Promise<void>,
  control: SubscriptionControl,
): Promise<void> {
  if (catchUpTarget === 'none') control.markCaughtUp();
  let handling = false;
  let remainingBeforeCaughtUp: number | undefined;
  live.on('caughtUp', () => {
    if (catchUpTarget !== 'unknown' || remainingBeforeCaughtUp !== undefined) return;
    remainingBeforeCaughtUp = live.readableLength + (handling ? 1 : 0);
    if (remainingBeforeCaughtUp === 0) control.markCaughtUp();
  });
  try {
    for await (const resolved of live as AsyncIterable<AllStreamResolvedEvent>) {
      if (control.stopped) return;
      const event = toRecordedEvent(resolved);
      if (!event) continue;
      handling = true;
      await handler(event);
      handling = false;
      if (typeof catchUpTarget === 'bigint' && event.position >= catchUpTarget) control.markCaughtUp();
      if (remainingBeforeCaughtUp !== undefined && --remainingBeforeCaughtUp <= 0) control.markCaughtUp();
    }
  } catch (error) {
    // Stopping ends the readable early, which its iterator reports as a premature close.
    if (control.stopped) return;
    throw error;
  }
}

function toClientExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case 'no_stream':
      return 'no_stream';
    case 'any':
      return 'any';
    case 'stream_exists':
      return 'stream_exists';
    default:
      return expected;
  }
}

function toEventData(event: EventToAppend): EventData {
  return {
    id: event.id,
    contentType: 'application/json',
    type: event.type,
    // The port's data is any JSON value; the client's type names only objects, arrays and strings.
    data: (event.data ?? null) as JSONType,
    metadata: { ...(event.metadata ?? {}) } as JSONType,
  };
}

function toRecordedEvent(resolved: ResolvedEvent | AllStreamResolvedEvent): RecordedEvent | undefined {
  const event = resolved.event;
  if (!event) return undefined;
  const position = knownPosition(event.position?.commit) ?? knownPosition(resolved.commitPosition);
  if (position === undefined) {
    throw new Error('EventStoreDB returned an event without a position: version 22.6 or later is needed');
  }
  return {
    id: event.id,
    streamName: event.streamId,
    type: event.type,
    data: event.data,
    metadata: isMetadata(event.metadata) ? event.metadata : {},
    revision: event.revision,
    position,
    recordedAt: event.created,
  };
}

// Servers before 22.6 fill a stream read's commit position with the largest unsigned 64-bit value.
const UNKNOWN_POSITION = 2n ** 64n - 1n;

function knownPosition(position: bigint | undefined): bigint | undefined {
  return position === undefined || position === UNKNOWN_POSITION ? undefined : position;
}

function isMetadata(value: unknown): value is EventMetadata {
  return (
    typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array)
  );
}

function isUserEvent(streamName: string, type: string): boolean {
  return !streamName.startsWith('$') && !type.startsWith('$');
}

function matchesPrefixes(streamName: string, prefixes: readonly string[]): boolean {
  return prefixes.length === 0 || prefixes.some((prefix) => streamName.startsWith(prefix));
}

/** Where EventStoreDB resumes a subscription for one of our checkpoints (a commit position). */
function readPositionAfter(checkpoint: bigint | undefined): ReadPosition {
  return checkpoint === undefined || checkpoint < 0n ? START : { commit: checkpoint, prepare: checkpoint };
}
