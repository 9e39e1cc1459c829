import {
  IDENTITY_EVENT_SOURCE,
  LocalRecordRegisteredV1Event,
  type LocalRecordRegisteredV1,
} from '@ilinks/identity-matching/contracts';
import type { LocalRecordEvent } from '@ilinks/identity-matching/domain';
import type { RecordedEvent } from '@ilinks/platform/event-store';
import { type BusMessage, defineIntegrationEvent, toValidatedBusMessage } from '@ilinks/platform/messaging';

export const localRecordRegisteredV1 = defineIntegrationEvent(LocalRecordRegisteredV1Event);

/**
 * What the identity service tells the others. Demographics stay inside the identity service;
 * other services learn which records exist and (later) which person each belongs to.
 */
export function identityEventsMapper(event: RecordedEvent): BusMessage[] {
  const domainEvent = { type: event.type, data: event.data } as LocalRecordEvent;
  switch (domainEvent.type) {
    case 'LocalRecordRegistered': {
      const { localRecordId, organisation, identifier, registeredAt } = domainEvent.data;
      const data: LocalRecordRegisteredV1 = { localRecordId, organisation, identifier, registeredAt };
      return [
        toValidatedBusMessage(
          localRecordRegisteredV1,
          localRecordId,
          {
            id: event.id,
            source: IDENTITY_EVENT_SOURCE,
            subject: localRecordId,
            sequence: event.revision.toString(),
            time: event.recordedAt.toISOString(),
            data,
          },
          event.metadata.traceparent,
        ),
      ];
    }
    case 'LocalRecordDemographicsUpdated':
      return [];
    default:
      return [];
  }
}
