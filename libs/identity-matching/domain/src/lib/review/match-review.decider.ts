import {
  assertNever,
  type Command,
  type Decider,
  type DomainEvent,
  IllegalStateError,
  ValidationError,
} from '@ilinks/shared/kernel';
import type { FieldWeight } from '../matching/model/score';
import type { MatchGrade } from '../matching/model/thresholds';

/** One person the reviewer is asked to compare the record with. */
export interface ReviewCandidateRecord {
  readonly personId: string;
  readonly score: number;
  readonly grade: MatchGrade;
  /** Why this candidate needs a human (e.g. `nhs-number-agrees-birth-date-conflicts`). */
  readonly reasons: readonly string[];
  readonly explanation: readonly FieldWeight[];
}

export type ReviewerDecision = 'same-person' | 'different-people';

// ---- commands

/** Asks a reviewer whether the record's (provisional) person is the same as one of the candidates. */
export type RaiseMatchReview = Command<
  'RaiseMatchReview',
  {
    readonly reviewId: string;
    readonly localRecordId: string;
    readonly organisation: string;
    /** The person created for the record while the review is open. */
    readonly personId: string;
    readonly candidates: readonly ReviewCandidateRecord[];
  }
>;

/** A reviewer's answer. `personId` names the candidate for `same-person`. */
export type ResolveMatchReview = Command<
  'ResolveMatchReview',
  {
    readonly reviewId: string;
    readonly decision: ReviewerDecision;
    readonly personId?: string;
    readonly reason: string;
    readonly resolvedBy: string;
  }
>;

export type MatchReviewCommand = RaiseMatchReview | ResolveMatchReview;

// ---- events

export type MatchReviewRaised = DomainEvent<
  'MatchReviewRaised',
  RaiseMatchReview['data'] & { readonly raisedAt: string }
>;

export type MatchReviewResolved = DomainEvent<
  'MatchReviewResolved',
  {
    readonly reviewId: string;
    readonly localRecordId: string;
    /** The record's person. */
    readonly personId: string;
    readonly decision: ReviewerDecision;
    /** `same-person`: the candidate chosen; the record's person is merged into it. */
    readonly samePersonId?: string;
    /** `different-people`: every candidate, now known to be someone else. */
    readonly differentPersonIds: readonly string[];
    /** `same-person`: the merge that carries the decision out. */
    readonly mergeId?: string;
    readonly reason: string;
    readonly resolvedBy: string;
    readonly resolvedAt: string;
  }
>;

export type MatchReviewEvent = MatchReviewRaised | MatchReviewResolved;

// ---- state

export type MatchReviewState =
  | { readonly status: 'none' }
  | { readonly status: 'open'; readonly raised: MatchReviewRaised['data'] }
  | {
      readonly status: 'resolved';
      readonly raised: MatchReviewRaised['data'];
      readonly resolution: MatchReviewResolved['data'];
    };

/** The merge a `same-person` resolution makes: one per review, so a retry never merges twice. */
export const mergeIdForReview = (reviewId: string): string => `review-${reviewId}`;

function raise(command: RaiseMatchReview, state: MatchReviewState): MatchReviewEvent[] {
  if (command.data.candidates.length === 0) {
    throw new ValidationError('A review needs at least one candidate', [
      { path: 'candidates', message: 'must not be empty' },
    ]);
  }
  if (state.status !== 'none') return [];
  return [
    { type: 'MatchReviewRaised', data: { ...command.data, raisedAt: command.metadata.now.toISOString() } },
  ];
}

function sameResolution(earlier: MatchReviewResolved['data'], command: ResolveMatchReview): boolean {
  return (
    earlier.decision === command.data.decision &&
    (command.data.decision === 'different-people' || earlier.samePersonId === command.data.personId)
  );
}

function resolve(command: ResolveMatchReview, state: MatchReviewState): MatchReviewEvent[] {
  const { decision, personId, reason, resolvedBy, reviewId } = command.data;
  if (reason.trim() === '') {
    throw new ValidationError('A reason is required', [{ path: 'reason', message: 'must not be blank' }]);
  }
  switch (state.status) {
    case 'none':
      throw new IllegalStateError('No such review');
    case 'resolved':
      if (sameResolution(state.resolution, command)) return [];
      throw new IllegalStateError('The review was already resolved otherwise');
    case 'open': {
      const candidateIds = state.raised.candidates.map((candidate) => candidate.personId);
      if (decision === 'same-person' && (personId === undefined || !candidateIds.includes(personId))) {
        throw new ValidationError('Name the candidate that is the same person', [
          { path: 'personId', message: "must be one of the review's candidates" },
        ]);
      }
      const same = decision === 'same-person';
      return [
        {
          type: 'MatchReviewResolved',
          data: {
            reviewId,
            localRecordId: state.raised.localRecordId,
            personId: state.raised.personId,
            decision,
            ...(same ? { samePersonId: personId, mergeId: mergeIdForReview(reviewId) } : {}),
            differentPersonIds: same ? [] : candidateIds,
            reason,
            resolvedBy,
            resolvedAt: command.metadata.now.toISOString(),
          },
        },
      ];
    }
    default:
      return assertNever(state);
  }
}

/**
 * A potential match put in front of a person (information governance or data quality). Raised
 * once per record and provisional person; resolved once: `same-person` (the record's person is to
 * be merged into the chosen candidate) or `different-people` (remembered, so the pair is never
 * linked automatically again). Repeating the same resolution is quiet; a different one is refused.
 */
export const matchReviewDecider: Decider<MatchReviewCommand, MatchReviewEvent, MatchReviewState> = {
  decide(command, state) {
    switch (command.type) {
      case 'RaiseMatchReview':
        return raise(command, state);
      case 'ResolveMatchReview':
        return resolve(command, state);
      default:
        return assertNever(command);
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case 'MatchReviewRaised':
        return state.status === 'none' ? { status: 'open', raised: event.data } : state;
      case 'MatchReviewResolved':
        return state.status === 'open'
          ? { status: 'resolved', raised: state.raised, resolution: event.data }
          : state;
      default:
        return assertNever(event);
    }
  },
  initialState: () => ({ status: 'none' }),
};
