import {
  RECORD_EVENT_SOURCE,
  type RecordItemsSharedV1,
  RecordItemsSharedV1Event,
} from '@ilinks/record-projection/contracts';
import type { RecordItemsShared } from '@ilinks/record-projection/domain';
import type { RecordedEvent } from '@ilinks/platform/event-store';
import { type BusMessage, defineIntegrationEvent, toValidatedBusMessage } from '@ilinks/platform/messaging';

export const recordItemsSharedV1 = defineIntegrationEvent(RecordItemsSharedV1Event);

/**
 * A share as `RecordItemsSharedV1`, keyed by the person: ids only (no note, no resources; the
 * recipient reads the share through the gateway). Reads and annotations are not published.
 */
export function recordShareMessages(event: RecordedEvent): BusMessage[] {
  if (event.type !== 'RecordItemsShared') return [];
  const share = event.data as RecordItemsShared['data'];
  const data: RecordItemsSharedV1 = {
    shareId: share.shareId,
    personId: share.personId,
    organisation: share.organisation,
    recipientOrganisation: share.recipient.organisation,
    ...(share.recipient.team === undefined ? {} : { recipientTeam: share.recipient.team }),
    ...(share.recipient.practitioner === undefined
      ? {}
      : { recipientPractitioner: share.recipient.practitioner }),
    entryIds: share.items.map((item) => item.entryId),
    sharedAt: share.sharedAt,
  };
  return [
    toValidatedBusMessage(
      recordItemsSharedV1,
      data.personId,
      {
        id: event.id,
        source: RECORD_EVENT_SOURCE,
        subject: data.shareId,
        sequence: event.revision.toString(),
        time: event.recordedAt.toISOString(),
        data,
      },
      event.metadata.traceparent,
    ),
  ];
}
