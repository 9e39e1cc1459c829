import {
  BreakGlassUsedV1Event,
  CareRelationshipEndedV1Event,
  CareRelationshipStartedV1Event,
  CONSENT_EVENT_SOURCE,
  type ConsentChangedV1,
  ConsentChangedV1Event,
} from '@ilinks/consent/contracts';
import type { ConsentEvent, ConsentKind } from '@ilinks/consent/domain';
import type { RecordedEvent } from '@ilinks/platform/event-store';
import {
  type BusMessage,
  defineIntegrationEvent,
  type IntegrationEventSchema,
  toValidatedBusMessage,
} from '@ilinks/platform/messaging';

export const consentChangedV1 = defineIntegrationEvent(ConsentChangedV1Event);
export const careRelationshipStartedV1 = defineIntegrationEvent(CareRelationshipStartedV1Event);
export const careRelationshipEndedV1 = defineIntegrationEvent(CareRelationshipEndedV1Event);
export const breakGlassUsedV1 = defineIntegrationEvent(BreakGlassUsedV1Event);

const WITHDRAWN_CHANGE: Record<ConsentKind, ConsentChangedV1['change']> = {
  objection: 'objection-withdrawn',
  'category-agreement': 'category-unshared',
  delegation: 'delegation-revoked',
};

/** A message about the person, keyed by them so their events stay in order, sequenced by their stream. */
function aboutPerson<T extends object>(
  event: RecordedEvent,
  schema: IntegrationEventSchema<T>,
  personId: string,
  data: T,
): BusMessage {
  return toValidatedBusMessage(
    schema,
    personId,
    {
      id: event.id,
      source: CONSENT_EVENT_SOURCE,
      subject: personId,
      sequence: event.revision.toString(),
      time: event.recordedAt.toISOString(),
      data,
    },
    event.metadata.traceparent,
  );
}

function consentChanged(
  event: RecordedEvent,
  personId: string,
  consentId: string,
  change: ConsentChangedV1['change'],
  changedAt: string,
): BusMessage {
  return aboutPerson(event, consentChangedV1, personId, { personId, consentId, change, changedAt });
}

/**
 * What the consent service tells the others: that a person's sharing choices changed (not what they
 * are: the gateway asks for the access policy), relationships that start and end (a self-declared
 * one is for review), and every break-glass grant (always reviewed).
 */
export function consentEventsMapper(recorded: RecordedEvent): BusMessage[] {
  const event = { type: recorded.type, data: recorded.data } as ConsentEvent;
  switch (event.type) {
    case 'ObjectionRecorded': {
      const { personId, consentId, recordedAt } = event.data;
      return [consentChanged(recorded, personId, consentId, 'objection-recorded', recordedAt)];
    }
    case 'CategorySharingAgreed': {
      const { personId, consentId, recordedAt } = event.data;
      return [consentChanged(recorded, personId, consentId, 'category-shared', recordedAt)];
    }
    case 'DelegationGranted': {
      const { personId, consentId, grantedAt } = event.data;
      return [consentChanged(recorded, personId, consentId, 'delegation-granted', grantedAt)];
    }
    case 'ConsentWithdrawn': {
      const { personId, consentId, kind, withdrawnAt } = event.data;
      return [consentChanged(recorded, personId, consentId, WITHDRAWN_CHANGE[kind], withdrawnAt)];
    }
    case 'CareRelationshipStarted': {
      const { startedAt: _startedAt, ...data } = event.data;
      return [aboutPerson(recorded, careRelationshipStartedV1, data.personId, { ...data })];
    }
    case 'CareRelationshipEnded': {
      const { personId, relationshipId, endedAt } = event.data;
      return [
        aboutPerson(recorded, careRelationshipEndedV1, personId, { personId, relationshipId, endedAt }),
      ];
    }
    case 'BreakGlassGranted':
      return [aboutPerson(recorded, breakGlassUsedV1, event.data.personId, { ...event.data })];
    default:
      // An event type this version does not know (written by a newer one): nothing to publish.
      return [];
  }
}
