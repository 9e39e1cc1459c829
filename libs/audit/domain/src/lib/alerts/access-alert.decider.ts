import {
  assertNever,
  type Command,
  type Decider,
  type DomainEvent,
  IllegalStateError,
  NotFoundError,
} from '@ilinks/shared/kernel';

/** What an alert is about. */
export const ACCESS_ALERT_KINDS = ['break-glass', 'self-declared-relationship', 'unusual-access'] as const;
export type AccessAlertKind = (typeof ACCESS_ALERT_KINDS)[number];

export const REVIEW_OUTCOMES = ['appropriate', 'inappropriate', 'escalated'] as const;
export type ReviewOutcome = (typeof REVIEW_OUTCOMES)[number];

/** Each alert is its own stream. */
export const ACCESS_ALERT_STREAM_PREFIX = 'audit.alert-';

export function accessAlertStream(alertId: string): string {
  return `${ACCESS_ALERT_STREAM_PREFIX}${alertId}`;
}

export interface AccessAlertRaisedData {
  readonly alertId: string;
  readonly kind: AccessAlertKind;
  readonly raisedAt: string;
  readonly subject: string;
  readonly organisation: string;
  readonly personIds: readonly string[];
  readonly detail: string;
}

export interface AccessAlertReviewedData {
  readonly alertId: string;
  readonly reviewedBy: string;
  readonly reviewedAt: string;
  readonly outcome: ReviewOutcome;
  readonly note?: string;
}

export type AccessAlertRaised = DomainEvent<'AccessAlertRaised', AccessAlertRaisedData>;
export type AccessAlertReviewed = DomainEvent<'AccessAlertReviewed', AccessAlertReviewedData>;
export type AccessAlertEvent = AccessAlertRaised | AccessAlertReviewed;

export type RaiseAccessAlert = Command<'RaiseAccessAlert', AccessAlertRaisedData>;
export type ReviewAccessAlert = Command<
  'ReviewAccessAlert',
  {
    readonly alertId: string;
    readonly reviewedBy: string;
    readonly outcome: ReviewOutcome;
    readonly note?: string;
  }
>;
export type AccessAlertCommand = RaiseAccessAlert | ReviewAccessAlert;

export type AccessAlertState =
  | { readonly status: 'none' }
  | { readonly status: 'open'; readonly alertId: string }
  | { readonly status: 'reviewed'; readonly alertId: string };

/**
 * An alert for information governance: raised once (raising it again records nothing), then
 * reviewed once; a second review is refused, so the first reviewer's word stands.
 */
export const accessAlertDecider: Decider<AccessAlertCommand, AccessAlertEvent, AccessAlertState> = {
  initialState: () => ({ status: 'none' }),

  decide(command, state) {
    switch (command.type) {
      case 'RaiseAccessAlert':
        if (state.status !== 'none') return [];
        return [{ type: 'AccessAlertRaised', data: command.data }];
      case 'ReviewAccessAlert': {
        if (state.status === 'none') throw new NotFoundError('No such alert');
        if (state.status === 'reviewed') throw new IllegalStateError('The alert has already been reviewed');
        const { alertId, reviewedBy, outcome, note } = command.data;
        return [
          {
            type: 'AccessAlertReviewed',
            data: {
              alertId,
              reviewedBy,
              reviewedAt: command.metadata.now.toISOString(),
              outcome,
              ...(note === undefined ? {} : { note }),
            },
          },
        ];
      }
      default:
        return assertNever(command);
    }
  },

  evolve(_state, event) {
    switch (event.type) {
      case 'AccessAlertRaised':
        return { status: 'open', alertId: event.data.alertId };
      case 'AccessAlertReviewed':
        return { status: 'reviewed', alertId: event.data.alertId };
      default:
        return assertNever(event);
    }
  },
};
