import {
  assertNever,
  type Command,
  type Decider,
  type DomainEvent,
  ForbiddenError,
  NotFoundError,
} from '@ilinks/shared/kernel';
import { RECORD_STREAM_PREFIX } from '../record-entry.stream';
import type { RecordedBy } from '../record-entry.types';
import type { SafeguardingAlertRaisedData } from './safeguarding-alerts';

/** One alert's stream, under the record service's prefix so the relay publishes it. */
export const safeguardingAlertStream = (alertId: string): string =>
  `${RECORD_STREAM_PREFIX}safeguarding-alert-${alertId}`;

export type RaiseSafeguardingAlert = Command<'RaiseSafeguardingAlert', SafeguardingAlertRaisedData>;

/** Only the organisation the alert is addressed to acknowledges it. */
export type AcknowledgeSafeguardingAlert = Command<
  'AcknowledgeSafeguardingAlert',
  { readonly alertId: string; readonly organisation: string; readonly acknowledgedBy: RecordedBy }
>;

export type SafeguardingAlertCommand = RaiseSafeguardingAlert | AcknowledgeSafeguardingAlert;

export type SafeguardingAlertRaised = DomainEvent<'SafeguardingAlertRaised', SafeguardingAlertRaisedData>;
export type SafeguardingAlertAcknowledged = DomainEvent<
  'SafeguardingAlertAcknowledged',
  {
    readonly alertId: string;
    readonly organisation: string;
    readonly acknowledgedBy: RecordedBy;
    readonly acknowledgedAt: string;
  }
>;

export type SafeguardingAlertEvent = SafeguardingAlertRaised | SafeguardingAlertAcknowledged;

export type SafeguardingAlertState =
  | { readonly status: 'none' }
  | { readonly status: 'open' | 'acknowledged'; readonly organisation: string };

function decideAcknowledge(
  command: AcknowledgeSafeguardingAlert,
  state: SafeguardingAlertState,
): SafeguardingAlertEvent[] {
  if (state.status === 'none') throw new NotFoundError('no such alert');
  if (state.organisation !== command.data.organisation) {
    throw new ForbiddenError('only the organisation an alert is addressed to may acknowledge it');
  }
  if (state.status === 'acknowledged') return [];
  const { alertId, organisation, acknowledgedBy } = command.data;
  return [
    {
      type: 'SafeguardingAlertAcknowledged',
      data: {
        alertId,
        organisation,
        acknowledgedBy: { subject: acknowledgedBy.subject, role: acknowledgedBy.role },
        acknowledgedAt: command.metadata.now.toISOString(),
      },
    },
  ];
}

/**
 * One safeguarding alert (stream `record.safeguarding-alert-<alertId>`): raised once (raising it
 * again changes nothing), acknowledged once by the organisation it is addressed to.
 */
export const safeguardingAlertDecider: Decider<
  SafeguardingAlertCommand,
  SafeguardingAlertEvent,
  SafeguardingAlertState
> = {
  initialState: () => ({ status: 'none' }),
  decide(command, state) {
    switch (command.type) {
      case 'RaiseSafeguardingAlert':
        return state.status === 'none' ? [{ type: 'SafeguardingAlertRaised', data: command.data }] : [];
      case 'AcknowledgeSafeguardingAlert':
        return decideAcknowledge(command, state);
      default:
        return assertNever(command);
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case 'SafeguardingAlertRaised':
        return { status: 'open', organisation: event.data.organisation };
      case 'SafeguardingAlertAcknowledged':
        return state.status === 'none' ? state : { ...state, status: 'acknowledged' };
      default:
        // An event type a newer version wrote: it changes nothing this version knows about.
        return state;
    }
  },
};
