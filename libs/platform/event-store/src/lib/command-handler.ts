import {
  ConflictError,
  eventIdFor,
  fold,
  type Command,
  type Decider,
  type DomainEvent,
} from '@ilinks/shared/kernel';
import {
  WrongExpectedRevisionError,
  type EventMetadata,
  type EventStore,
  type EventToAppend,
  type RecordedEvent,
} from './event-store.port';

export interface HandleCommandOptions {
  /** Retries after a concurrent write got there first (each reloads and decides again). Default 3. */
  readonly maxRetries?: number;
  /** W3C trace context of the request, stored in each event's metadata. */
  readonly traceparent?: string;
  /** Id of the message that caused this command, stored in each event's metadata. */
  readonly causationId?: string;
}

export interface CommandResult<Event extends DomainEvent> {
  /** The events the command recorded (or had recorded, when `alreadyAppended`); empty if it changed nothing. */
  readonly events: readonly Event[];
  /** Revision of the last of those events; with no events, the stream's revision (-1n when absent). */
  readonly nextExpectedRevision: bigint;
  /** Global position of the last of those events; with no events, of the stream's last event (-1n when absent). */
  readonly position: bigint;
  /** True when a request with the same idempotency key had already recorded these events. */
  readonly alreadyAppended: boolean;
}

/**
 * The one command path: read the stream, fold it with `evolve`, `decide`, and append the new
 * events with the revision that was read as the expected one; on a concurrent write, reload and
 * decide again, up to `maxRetries` times, then throw a kernel {@link ConflictError}.
 *
 * Event ids are `eventIdFor(streamName, idempotencyKey, index)`. A repeated request (same key)
 * records nothing twice: if the stream already holds the first id of this key, the events
 * recorded then are returned without deciding again (the state has moved on, so a decider that
 * is not idempotent could decide something else).
 *
 * Domain errors thrown by `decide` propagate unchanged.
 */
export async function handleCommand<C extends Command, E extends DomainEvent, S>(
  eventStore: EventStore,
  decider: Decider<C, E, S>,
  streamName: string,
  command: C,
  options: HandleCommandOptions = {},
): Promise<CommandResult<E>> {
  const maxRetries = options.maxRetries ?? 3;
  const idempotencyKey = command.metadata.idempotencyKey;
  for (let attempt = 0; ; attempt += 1) {
    const recorded = await eventStore.readStream(streamName);
    const earlier = recordedForKey(recorded, streamName, idempotencyKey);
    if (earlier.length > 0) return resultOf(earlier, true);

    const events = decider.decide(command, fold(decider, recorded.map(toDomainEvent<E>)));
    const last = recorded[recorded.length - 1];
    if (events.length === 0) {
      return {
        events,
        nextExpectedRevision: last?.revision ?? -1n,
        position: last?.position ?? -1n,
        alreadyAppended: false,
      };
    }
    const metadata = metadataFor(command, options);
    const toAppend = events.map(
      (event, index): EventToAppend => ({
        id: eventIdFor(streamName, idempotencyKey, index),
        type: event.type,
        data: event.data,
        metadata,
      }),
    );
    try {
      const appended = await eventStore.appendToStream(streamName, toAppend, {
        expectedRevision: last?.revision ?? 'no_stream',
      });
      return { events, ...appended };
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
      if (attempt >= maxRetries) {
        throw new ConflictError(
          `${streamName} kept changing while the command was decided (${attempt + 1} attempts)`,
        );
      }
    }
  }
}

/** The events that the request with this key recorded: ids key#0, key#1, … in a row. */
function recordedForKey(
  recorded: readonly RecordedEvent[],
  streamName: string,
  idempotencyKey: string,
): RecordedEvent[] {
  const start = recorded.findIndex((event) => event.id === eventIdFor(streamName, idempotencyKey, 0));
  if (start < 0) return [];
  const mine: RecordedEvent[] = [];
  for (let index = 0; start + index < recorded.length; index += 1) {
    const event = recorded[start + index];
    if (event.id !== eventIdFor(streamName, idempotencyKey, index)) break;
    mine.push(event);
  }
  return mine;
}

function resultOf<E extends DomainEvent>(
  recorded: readonly RecordedEvent[],
  alreadyAppended: boolean,
): CommandResult<E> {
  const last = recorded[recorded.length - 1];
  return {
    events: recorded.map(toDomainEvent<E>),
    nextExpectedRevision: last.revision,
    position: last.position,
    alreadyAppended,
  };
}

// The stream is the decider's own: what is in it was written from its event type.
function toDomainEvent<E extends DomainEvent>(event: RecordedEvent): E {
  return { type: event.type, data: event.data } as E;
}

function metadataFor(command: Command, options: HandleCommandOptions): EventMetadata {
  const entries: [string, string | undefined][] = [
    ['correlationId', command.metadata.correlationId],
    ['causationId', options.causationId],
    ['actor', command.metadata.actor],
    ['traceparent', options.traceparent],
  ];
  return Object.fromEntries(entries.filter((entry): entry is [string, string] => entry[1] !== undefined));
}
