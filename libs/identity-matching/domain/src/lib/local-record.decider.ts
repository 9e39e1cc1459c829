import {
  assertNever,
  type Command,
  type Decider,
  type DomainEvent,
  ForbiddenError,
  IllegalStateError,
  type OrganisationCode,
  ValidationError,
} from '@ilinks/shared/kernel';
import { demographicsIssues, localIdentifierIssues } from './demographics.validation';
import type { Demographics, LocalIdentifier } from './local-record.types';
import type { FieldWeight } from './matching/model/score';

// ---- commands

/** A partner system registers its patient, or sends it again with what it now knows. */
export type RegisterLocalRecord = Command<
  'RegisterLocalRecord',
  {
    readonly localRecordId: string;
    /** The organisation of the caller's token: the only one allowed to own the identifier. */
    readonly organisation: OrganisationCode;
    readonly identifier: LocalIdentifier;
    readonly demographics: Demographics;
  }
>;

/** How the record was matched, as decided: what the match found and did, with its evidence. */
export interface MatchDecisionRecord {
  readonly localRecordId: string;
  /** `link`: joined `personId`; `new-person`: `personId` was created for it; `review`: a person was created and a reviewer must decide. */
  readonly outcome: 'link' | 'new-person' | 'review';
  readonly personId: string;
  readonly method?: 'nhs-number' | 'probabilistic';
  /** Probability of the best candidate (1 for an NHS-number link). */
  readonly score?: number;
  /** Per field: the comparison level reached and its weight in bits; never values. */
  readonly explanation?: readonly FieldWeight[];
  readonly reviewId?: string;
  /** Every person considered, best first, with its probability. */
  readonly candidates: readonly { readonly personId: string; readonly score: number }[];
  /** The match model that scored it. */
  readonly modelId: string;
}

/** Records the matching decision taken for a registered record. */
export type RecordMatchDecision = Command<'RecordMatchDecision', MatchDecisionRecord>;

export type LocalRecordCommand = RegisterLocalRecord | RecordMatchDecision;

// ---- events

export type LocalRecordRegistered = DomainEvent<
  'LocalRecordRegistered',
  {
    readonly localRecordId: string;
    readonly organisation: OrganisationCode;
    readonly identifier: LocalIdentifier;
    readonly demographics: Demographics;
    readonly registeredAt: string;
  }
>;

export type LocalRecordDemographicsUpdated = DomainEvent<
  'LocalRecordDemographicsUpdated',
  {
    readonly localRecordId: string;
    readonly demographics: Demographics;
    /** What the record said before, so views keyed by derived values (blocking keys) can drop the old ones. */
    readonly previousDemographics: Demographics;
    readonly updatedAt: string;
  }
>;

export type MatchDecisionRecorded = DomainEvent<
  'MatchDecisionRecorded',
  MatchDecisionRecord & { readonly decidedAt: string }
>;

export type LocalRecordEvent = LocalRecordRegistered | LocalRecordDemographicsUpdated | MatchDecisionRecorded;

// ---- state

export type LocalRecordState =
  | { readonly status: 'unregistered' }
  | {
      readonly status: 'registered';
      readonly localRecordId: string;
      readonly organisation: OrganisationCode;
      readonly identifier: LocalIdentifier;
      readonly demographics: Demographics;
    };

// ---- decider

function sameDemographics(a: Demographics, b: Demographics): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function register(command: RegisterLocalRecord, state: LocalRecordState): LocalRecordEvent[] {
  const { localRecordId, organisation, identifier, demographics } = command.data;
  const issues = [
    ...localIdentifierIssues(identifier),
    ...demographicsIssues(demographics, command.metadata.now),
  ];
  if (issues.length > 0) throw new ValidationError('The patient record is not valid', issues);
  const at = command.metadata.now.toISOString();

  switch (state.status) {
    case 'unregistered':
      return [
        {
          type: 'LocalRecordRegistered',
          data: { localRecordId, organisation, identifier, demographics, registeredAt: at },
        },
      ];
    case 'registered':
      if (state.organisation !== organisation) {
        throw new ForbiddenError('The identifier belongs to another organisation', [
          {
            path: 'identifier',
            message: "the identifier is registered by another organisation than the caller's",
          },
        ]);
      }
      if (sameDemographics(state.demographics, demographics)) return [];
      return [
        {
          type: 'LocalRecordDemographicsUpdated',
          data: { localRecordId, demographics, previousDemographics: state.demographics, updatedAt: at },
        },
      ];
    default:
      return assertNever(state);
  }
}

function recordMatchDecision(command: RecordMatchDecision, state: LocalRecordState): LocalRecordEvent[] {
  if (state.status !== 'registered') {
    throw new IllegalStateError('Cannot record a match decision: the local record is not registered');
  }
  return [
    {
      type: 'MatchDecisionRecorded',
      data: { ...command.data, decidedAt: command.metadata.now.toISOString() },
    },
  ];
}

export const localRecordDecider: Decider<LocalRecordCommand, LocalRecordEvent, LocalRecordState> = {
  decide(command, state) {
    switch (command.type) {
      case 'RegisterLocalRecord':
        return register(command, state);
      case 'RecordMatchDecision':
        return recordMatchDecision(command, state);
      default:
        return assertNever(command);
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case 'LocalRecordRegistered':
        return { status: 'registered', ...event.data };
      case 'LocalRecordDemographicsUpdated':
        return state.status === 'registered' ? { ...state, demographics: event.data.demographics } : state;
      case 'MatchDecisionRecorded':
        return state;
      default:
        return assertNever(event);
    }
  },
  initialState: () => ({ status: 'unregistered' }),
};
