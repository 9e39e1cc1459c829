import {
  RECORD_EVENT_SOURCE,
  type SafeguardingAlertRaisedV1,
  SafeguardingAlertRaisedV1Event,
} from '@ilinks/record-projection/contracts';
import type { SafeguardingAlertRaised } from '@ilinks/record-projection/domain';
import type { RecordedEvent } from '@ilinks/platform/event-store';
import { type BusMessage, defineIntegrationEvent, toValidatedBusMessage } from '@ilinks/platform/messaging';

export const safeguardingAlertRaisedV1 = defineIntegrationEvent(SafeguardingAlertRaisedV1Event);

/**
 * A raised alert as `SafeguardingAlertRaisedV1`, keyed by the person: ids and codes only (no flag
 * text, no attendance details). Acknowledgements are not published; anything else maps to nothing.
 */
export function safeguardingAlertMessages(event: RecordedEvent): BusMessage[] {
  if (event.type !== 'SafeguardingAlertRaised') return [];
  const alert = event.data as SafeguardingAlertRaised['data'];
  const data: SafeguardingAlertRaisedV1 = {
    alertId: alert.alertId,
    kind: alert.kind,
    personId: alert.personId,
    organisation: alert.organisation,
    audience: alert.audience,
    triggerEntryId: alert.trigger.entryId,
    raisedAt: alert.raisedAt,
  };
  return [
    toValidatedBusMessage(
      safeguardingAlertRaisedV1,
      data.personId,
      {
        id: event.id,
        source: RECORD_EVENT_SOURCE,
        subject: data.alertId,
        sequence: event.revision.toString(),
        time: event.recordedAt.toISOString(),
        data,
      },
      event.metadata.traceparent,
    ),
  ];
}
