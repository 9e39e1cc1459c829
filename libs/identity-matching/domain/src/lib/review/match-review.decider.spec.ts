import { IllegalStateError, ValidationError } from '@ilinks/shared/kernel';
import { DeciderSpecification } from '@ilinks/shared/testing';
import {
  type MatchReviewRaised,
  type MatchReviewResolved,
  matchReviewDecider,
  mergeIdForReview,
  type RaiseMatchReview,
  type ResolveMatchReview,
} from './match-review.decider';
import { matchReviewStream, reviewIdFor } from './match-review.stream';

const now = new Date('2026-11-26T10:00:00Z');
const reviewId = reviewIdFor('lr-1', 'p-new');
const candidates = [
  {
    personId: 'p-a',
    score: 0.93,
    grade: 'probable' as const,
    reasons: ['score-at-or-above-review-threshold'],
    explanation: [],
  },
  {
    personId: 'p-b',
    score: 0.61,
    grade: 'possible' as const,
    reasons: ['score-at-or-above-review-threshold'],
    explanation: [],
  },
];
const raiseData = { reviewId, localRecordId: 'lr-1', organisation: 'RBS', personId: 'p-new', candidates };
const raise = (data: Partial<RaiseMatchReview['data']> = {}): RaiseMatchReview => ({
  type: 'RaiseMatchReview',
  data: { ...raiseData, ...data },
  metadata: { idempotencyKey: 'raise', now },
});
const raised: MatchReviewRaised = {
  type: 'MatchReviewRaised',
  data: { ...raiseData, raisedAt: now.toISOString() },
};
const resolve = (data: Partial<ResolveMatchReview['data']>): ResolveMatchReview => ({
  type: 'ResolveMatchReview',
  data: { reviewId, decision: 'same-person', reason: 'same address history', resolvedBy: 'ig-1', ...data },
  metadata: { idempotencyKey: 'resolve', now },
});
const resolvedSame: MatchReviewResolved = {
  type: 'MatchReviewResolved',
  data: {
    reviewId,
    localRecordId: 'lr-1',
    personId: 'p-new',
    decision: 'same-person',
    samePersonId: 'p-a',
    mergeId: mergeIdForReview(reviewId),
    differentPersonIds: [],
    reason: 'same address history',
    resolvedBy: 'ig-1',
    resolvedAt: now.toISOString(),
  },
};

const spec = DeciderSpecification.for(matchReviewDecider);

describe('RaiseMatchReview', () => {
  it('raises a review with its candidates', () => {
    spec.when(raise()).then([raised]);
  });
  it('stays quiet when raised again', () => {
    spec.given([raised]).when(raise()).thenNothing();
  });
  it('refuses a review without candidates', () => {
    spec.when(raise({ candidates: [] })).thenThrows(ValidationError);
  });
});

describe('ResolveMatchReview', () => {
  it('resolves as the same person as a named candidate, naming the merge to make', () => {
    spec
      .given([raised])
      .when(resolve({ personId: 'p-a' }))
      .then([resolvedSame]);
  });
  it('resolves as different people, remembering every candidate', () => {
    spec
      .given([raised])
      .when(resolve({ decision: 'different-people', reason: 'twins' }))
      .then([
        {
          type: 'MatchReviewResolved',
          data: {
            reviewId,
            localRecordId: 'lr-1',
            personId: 'p-new',
            decision: 'different-people',
            differentPersonIds: ['p-a', 'p-b'],
            reason: 'twins',
            resolvedBy: 'ig-1',
            resolvedAt: now.toISOString(),
          },
        },
      ]);
  });
  it('refuses same-person without a candidate, or with someone who is not a candidate', () => {
    spec.given([raised]).when(resolve({})).thenThrows(ValidationError);
    spec
      .given([raised])
      .when(resolve({ personId: 'p-z' }))
      .thenThrows(ValidationError);
  });
  it('refuses a blank reason', () => {
    spec
      .given([raised])
      .when(resolve({ personId: 'p-a', reason: '  ' }))
      .thenThrows(ValidationError);
  });
  it('stays quiet when the same resolution is sent again', () => {
    spec
      .given([raised, resolvedSame])
      .when(resolve({ personId: 'p-a' }))
      .thenNothing();
  });
  it('refuses another resolution of a resolved review', () => {
    spec
      .given([raised, resolvedSame])
      .when(resolve({ personId: 'p-b' }))
      .thenThrows(IllegalStateError);
    spec
      .given([raised, resolvedSame])
      .when(resolve({ decision: 'different-people' }))
      .thenThrows(IllegalStateError);
  });
  it('refuses to resolve a review that was never raised', () => {
    spec.when(resolve({ personId: 'p-a' })).thenThrows(IllegalStateError);
  });
});

describe('match review ids', () => {
  it('are the same for the same record and person, and streams carry no identifier', () => {
    expect(reviewIdFor('lr-1', 'p-new')).toBe(reviewId);
    expect(reviewIdFor('lr-1', 'p-other')).not.toBe(reviewId);
    expect(matchReviewStream(reviewId)).toBe(`identity.match-review-${reviewId}`);
  });
});
