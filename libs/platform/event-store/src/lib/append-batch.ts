import { InvalidAppendError } from './event-store.errors';
import type { EventToAppend } from './event-store.port';

/** Where an event of a batch already sits in the store, if it does. */
export interface StoredEventRef {
  readonly id: string;
  readonly streamName: string;
  readonly revision: bigint;
  readonly position: bigint;
}

/**
 * What the store already holds of a batch about to be appended:
 * - `none`: no id is recorded: append normally;
 * - `complete`: every id is recorded in this stream, in batch order at consecutive revisions: the
 *   batch was appended before and the append is a no-op (whatever the expected revision);
 * - `partial`: some ids are recorded, or not in that order: a conflict the caller must resolve;
 * - `foreign`: an id is recorded in another stream.
 */
export type PriorAppend =
  | { readonly kind: 'none' }
  | { readonly kind: 'complete'; readonly last: StoredEventRef }
  | { readonly kind: 'partial' }
  | { readonly kind: 'foreign'; readonly eventId: string };

/** Classifies a batch from what a lookup found for each of its ids (same order as the batch). */
export function classifyPriorAppend(
  streamName: string,
  found: readonly (StoredEventRef | undefined)[],
): PriorAppend {
  const foreign = found.find((ref) => ref !== undefined && ref.streamName !== streamName);
  if (foreign) return { kind: 'foreign', eventId: foreign.id };
  if (found.every((ref) => ref === undefined)) return { kind: 'none' };
  const first = found[0];
  const consecutive =
    first !== undefined &&
    found.every((ref, index) => ref !== undefined && ref.revision === first.revision + BigInt(index));
  const last = found[found.length - 1];
  return consecutive && last !== undefined ? { kind: 'complete', last } : { kind: 'partial' };
}

/** Refuses, before anything is written, a batch no store could append as one. */
export function assertValidBatch(streamName: string, events: readonly EventToAppend[]): void {
  if (streamName.length === 0) throw new InvalidAppendError('A stream name must not be empty');
  if (events.length === 0)
    throw new InvalidAppendError(`An append to ${streamName} needs at least one event`);
  const ids = new Set(events.map((event) => event.id));
  if (ids.size !== events.length)
    throw new InvalidAppendError(`An append to ${streamName} repeats an event id`);
}
