import {
  assertNever,
  type Command,
  type Decider,
  type DomainEvent,
  ForbiddenError,
  type OrganisationCode,
  ValidationError,
} from '@ilinks/shared/kernel';
import { demographicsIssues, localIdentifierIssues } from './demographics.validation';
import type { Demographics, LocalIdentifier } from './local-record.types';

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

export type LocalRecordCommand = RegisterLocalRecord;

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
    readonly updatedAt: string;
  }
>;

export type LocalRecordEvent = LocalRecordRegistered | LocalRecordDemographicsUpdated;

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
        { type: 'LocalRecordDemographicsUpdated', data: { localRecordId, demographics, updatedAt: at } },
      ];
    default:
      return assertNever(state);
  }
}

export const localRecordDecider: Decider<LocalRecordCommand, LocalRecordEvent, LocalRecordState> = {
  decide(command, state) {
    switch (command.type) {
      case 'RegisterLocalRecord':
        return register(command, state);
      default:
        return assertNever(command.type);
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case 'LocalRecordRegistered':
        return { status: 'registered', ...event.data };
      case 'LocalRecordDemographicsUpdated':
        return state.status === 'registered' ? { ...state, demographics: event.data.demographics } : state;
      default:
        return assertNever(event);
    }
  },
  initialState: () => ({ status: 'unregistered' }),
};
