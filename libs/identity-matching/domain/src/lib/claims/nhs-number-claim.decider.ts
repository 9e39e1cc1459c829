import {
  assertNever,
  type Command,
  ConflictError,
  type Decider,
  type DomainEvent,
  deterministicUuid,
} from '@ilinks/shared/kernel';
import { IDENTITY_STREAM_PREFIX } from '../local-record.stream';

/** Claims an NHS number for the person about to be created for it. */
export type ClaimNhsNumber = Command<
  'ClaimNhsNumber',
  { readonly personId: string; readonly localRecordId: string }
>;

export type NhsNumberClaimed = DomainEvent<
  'NhsNumberClaimed',
  { readonly personId: string; readonly localRecordId: string; readonly claimedAt: string }
>;

export type NhsNumberClaimState =
  | { readonly status: 'unclaimed' }
  | { readonly status: 'claimed'; readonly personId: string };

/** Someone else created a person for this NHS number first: match again instead of creating another. */
export class NhsNumberAlreadyClaimedError extends ConflictError {
  constructor(readonly claimedBy: string) {
    super('The NHS number was claimed by another person at the same time');
  }
}

/**
 * One stream per NHS number, written with "no stream yet" semantics by the optimistic append:
 * of two partners registering the same NHS number at once (even in different processes), exactly
 * one creates the person; the other gets {@link NhsNumberAlreadyClaimedError} and links instead.
 */
export const nhsNumberClaimDecider: Decider<ClaimNhsNumber, NhsNumberClaimed, NhsNumberClaimState> = {
  decide(command, state) {
    switch (state.status) {
      case 'unclaimed':
        return [
          {
            type: 'NhsNumberClaimed',
            data: { ...command.data, claimedAt: command.metadata.now.toISOString() },
          },
        ];
      case 'claimed':
        if (state.personId === command.data.personId) return [];
        throw new NhsNumberAlreadyClaimedError(state.personId);
      default:
        return assertNever(state);
    }
  },
  evolve(state, event) {
    return state.status === 'unclaimed' ? { status: 'claimed', personId: event.data.personId } : state;
  },
  initialState: () => ({ status: 'unclaimed' }),
};

/** The claim stream of an NHS number: named by a hash, never the number itself. */
export const nhsNumberClaimStream = (nhsNumber: string): string =>
  `${IDENTITY_STREAM_PREFIX}nhs-number-${deterministicUuid('ilinks:identity:nhs-number', nhsNumber)}`;
