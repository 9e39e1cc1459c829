import type { ReviewV1 } from '@ilinks/identity-matching/contracts';
import type { MatchReviewEvent } from '@ilinks/identity-matching/domain';
import type { Json, Projection, ProjectionEvent } from '@ilinks/platform/read-models';

/** A review as the API shows it (`ReviewV1`), stored as JSON. */
export type MatchReviewDocument = { [key: string]: Json };

type Event = ProjectionEvent<MatchReviewEvent['type'], MatchReviewEvent['data']>;

export const reviewOf = (doc: MatchReviewDocument): ReviewV1 => doc as unknown as ReviewV1;
const asDocument = (review: ReviewV1): MatchReviewDocument => review as unknown as MatchReviewDocument;

export const matchReviewsProjection: Projection<MatchReviewDocument, Event> = {
  collection: {
    name: 'match_reviews_v1',
    indexes: [{ fields: ['status', 'raisedAt'] }, { fields: ['localRecordId'] }, { fields: ['personId'] }],
  },
  handles: ['MatchReviewRaised', 'MatchReviewResolved'],
  documentId: (event) => event.data.reviewId,
  evolve(doc, event) {
    const reviewEvent = event as MatchReviewEvent;
    switch (reviewEvent.type) {
      case 'MatchReviewRaised': {
        const { reviewId, localRecordId, organisation, personId, candidates, raisedAt } = reviewEvent.data;
        return asDocument({
          reviewId,
          status: 'open',
          raisedAt,
          localRecordId,
          organisation,
          personId,
          candidates,
        });
      }
      case 'MatchReviewResolved': {
        if (!doc) return null;
        const { decision, samePersonId, mergeId, reason, resolvedBy, resolvedAt } = reviewEvent.data;
        return asDocument({
          ...reviewOf(doc),
          status: 'resolved',
          resolution: {
            decision,
            ...(samePersonId === undefined ? {} : { personId: samePersonId }),
            ...(mergeId === undefined ? {} : { mergeId }),
            reason,
            resolvedBy,
            resolvedAt,
          },
        });
      }
    }
  },
};
