import type { MatchReviewEvent, PersonEvent } from '@ilinks/identity-matching/domain';
import type { Projection, ProjectionEvent } from '@ilinks/platform/read-models';

/**
 * A pair a person decided are different people, stored both ways round so either side finds it:
 * a record and a person (a reviewer said "different people", or unlinked the record), or two
 * persons (a merge was undone).
 */
export type KnownDifferentEntry = { subject: string; other: string };

type Event = ProjectionEvent<
  MatchReviewEvent['type'] | PersonEvent['type'],
  MatchReviewEvent['data'] | PersonEvent['data']
>;

const bothWays = (pairs: readonly (readonly [string, string])[]): string[] =>
  pairs.flatMap(([a, b]) => [`${a}|${b}`, `${b}|${a}`]);

function pairsOf(event: MatchReviewEvent | PersonEvent): (readonly [string, string])[] {
  switch (event.type) {
    case 'MatchReviewResolved':
      return event.data.differentPersonIds.flatMap((other) => [
        [event.data.personId, other] as const,
        [event.data.localRecordId, other] as const,
      ]);
    case 'LocalRecordUnlinked':
      return [[event.data.localRecordId, event.data.personId]];
    case 'PersonMergeUndone':
      return [[event.data.personId, event.data.mergedPersonId]];
    case 'PersonRegistered':
    case 'LocalRecordLinked':
    case 'PersonMerged':
    case 'PersonRetired':
    case 'PersonRestored':
    case 'MatchReviewRaised':
      return [];
  }
}

export const knownDifferentProjection: Projection<KnownDifferentEntry, Event> = {
  collection: { name: 'known_different_v1', indexes: [{ fields: ['subject'] }] },
  handles: ['MatchReviewResolved', 'LocalRecordUnlinked', 'PersonMergeUndone'],
  documentId: (event) => bothWays(pairsOf(event as MatchReviewEvent | PersonEvent)),
  evolve(_doc, _event, id) {
    const [subject, other] = id.split('|');
    return { subject, other };
  },
};
