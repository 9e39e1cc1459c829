import {
  type PersonsMergedV1,
  PersonsMergedV1Event,
  type PersonsMergeUndoneV1,
  PersonsMergeUndoneV1Event,
} from '@ilinks/identity-matching/contracts';
import type { Projection, ProjectionEvent } from '@ilinks/platform/read-models';

/** A person identity merged into another (the survivor), and by which merge; null once undone. */
export type PersonMerge = {
  mergedPersonId: string;
  survivorId: string | null;
  mergeId: string;
};

type Event =
  | ProjectionEvent<typeof PersonsMergedV1Event.type, PersonsMergedV1>
  | ProjectionEvent<typeof PersonsMergeUndoneV1Event.type, PersonsMergeUndoneV1>;

/**
 * `person_merges_v1`: merged person → survivor (null after the merge is undone). What gives an
 * individual's own contributions, filed under the person id they had, to the person they became.
 */
export const personMergesProjection: Projection<PersonMerge, Event> = {
  collection: { name: 'person_merges_v1', indexes: [{ fields: ['survivorId'] }] },
  handles: [PersonsMergedV1Event.type, PersonsMergeUndoneV1Event.type],
  documentId: (event) => event.data.mergedPersonId,
  evolve(doc, event) {
    switch (event.type) {
      case PersonsMergedV1Event.type:
        return {
          mergedPersonId: event.data.mergedPersonId,
          survivorId: event.data.personId,
          mergeId: event.data.mergeId,
        };
      case PersonsMergeUndoneV1Event.type:
        // Only the merge being undone: a later merge of the same person stays.
        if (!doc || doc.mergeId !== event.data.mergeId) return doc ?? null;
        return { ...doc, survivorId: null };
    }
  },
};

/** Merges at most this deep are followed; deeper (or circular) chains stop where they are. */
export const MAX_MERGE_CHAIN = 16;

/**
 * The person a person id stands for now: followed through merges (A into B, B into C → C).
 * `survivorOf` answers one step (the survivor, or undefined when not merged now).
 */
export async function governingPersonOf(
  personId: string,
  survivorOf: (personId: string) => Promise<string | undefined>,
): Promise<string> {
  const seen = new Set([personId]);
  let current = personId;
  for (let step = 0; step < MAX_MERGE_CHAIN; step += 1) {
    const next = await survivorOf(current);
    if (next === undefined || seen.has(next)) return current;
    seen.add(next);
    current = next;
  }
  return current;
}

/**
 * A person id and every person id merged into it now, directly or through a chain, the person
 * first. `mergedInto` answers one step (the persons whose survivor is the given one).
 */
export async function personAndMergedOf(
  personId: string,
  mergedInto: (personId: string) => Promise<readonly string[]>,
): Promise<string[]> {
  const found = [personId];
  const seen = new Set(found);
  for (let index = 0; index < found.length; index += 1) {
    for (const merged of await mergedInto(found[index] as string)) {
      if (seen.has(merged)) continue;
      seen.add(merged);
      found.push(merged);
    }
  }
  return found;
}
