import {
  RECORD_EVENT_SOURCE,
  type RecordEntryChangedV1,
  RecordEntryChangedV1Event,
} from '@ilinks/record-projection/contracts';
import type { RecordEntryEvent } from '@ilinks/record-projection/domain';
import type { RecordedEvent } from '@ilinks/platform/event-store';
import { type BusMessage, defineIntegrationEvent, toValidatedBusMessage } from '@ilinks/platform/messaging';
import { safeguardingAlertMessages } from '../safeguarding/safeguarding-alert.mapper';
import { recordShareMessages } from '../sharing/record-shares.mapper';

export const recordEntryChangedV1 = defineIntegrationEvent(RecordEntryChangedV1Event);

function changeOf(event: RecordEntryEvent): RecordEntryChangedV1 {
  const { data } = event;
  const common = {
    entryId: data.entryId,
    revision: data.revision,
    organisation: data.organisation,
    resourceType: data.resourceType,
    part: data.part,
    ...(data.localRecordId === undefined ? {} : { localRecordId: data.localRecordId }),
    ...(data.effectiveAt === undefined ? {} : { effectiveAt: data.effectiveAt }),
    patientContributed: data.patientContributed ?? false,
    changedAt: data.changedAt,
  };
  switch (event.type) {
    case 'RecordEntryRecorded':
      return { ...common, change: 'recorded' };
    case 'RecordEntryRevised':
      return { ...common, change: 'revised' };
    case 'RecordEntryEnteredInError':
      return { ...common, change: 'entered-in-error' };
  }
}

const KNOWN = new Set<string>(['RecordEntryRecorded', 'RecordEntryRevised', 'RecordEntryEnteredInError']);

/**
 * What the record service tells the others: that an entry changed, keyed and ordered by the entry,
 * without clinical content or patient identifiers. `localRecordId` is the local record the service
 * knew for the entry's subject when the change was recorded (the mapper is pure, so the lookup is
 * done on the command path and travels in the domain event); absent while the patient is unknown.
 */
export function recordEventsMapper(event: RecordedEvent): BusMessage[] {
  if (event.type === 'SafeguardingAlertRaised') return safeguardingAlertMessages(event);
  if (event.type === 'RecordItemsShared') return recordShareMessages(event);
  if (!KNOWN.has(event.type)) return [];
  const data = changeOf({ type: event.type, data: event.data } as RecordEntryEvent);
  return [
    toValidatedBusMessage(
      recordEntryChangedV1,
      data.entryId,
      {
        id: event.id,
        source: RECORD_EVENT_SOURCE,
        subject: data.entryId,
        sequence: event.revision.toString(),
        time: event.recordedAt.toISOString(),
        data,
      },
      event.metadata.traceparent,
    ),
  ];
}
