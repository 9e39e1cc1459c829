import {
  IDENTITY_EVENT_SOURCE,
  IDENTITY_PERSON_LINKS_SOURCE,
  type LocalRecordPersonChangedV1,
  LocalRecordPersonChangedV1Event,
  LocalRecordRegisteredV1Event,
  type LocalRecordRegisteredV1,
  PersonsMergedV1Event,
  PersonsMergeUndoneV1Event,
} from '@ilinks/identity-matching/contracts';
import type {
  LocalRecordEvent,
  MatchModelAdopted,
  MatchReviewEvent,
  NhsNumberClaimed,
  PersonEvent,
} from '@ilinks/identity-matching/domain';
import type { RecordedEvent } from '@ilinks/platform/event-store';
import { type BusMessage, defineIntegrationEvent, toValidatedBusMessage } from '@ilinks/platform/messaging';
import { deterministicUuid } from '@ilinks/shared/kernel';

export const localRecordRegisteredV1 = defineIntegrationEvent(LocalRecordRegisteredV1Event);
export const localRecordPersonChangedV1 = defineIntegrationEvent(LocalRecordPersonChangedV1Event);
export const personsMergedV1 = defineIntegrationEvent(PersonsMergedV1Event);
export const personsMergeUndoneV1 = defineIntegrationEvent(PersonsMergeUndoneV1Event);

type Change = Omit<LocalRecordPersonChangedV1, 'localRecordId'>;

/** One message per record whose person changed, keyed and ordered by the record. */
function personChanged(
  event: RecordedEvent,
  localRecordIds: readonly string[],
  change: Change,
): BusMessage[] {
  return localRecordIds.map((localRecordId) =>
    toValidatedBusMessage(
      localRecordPersonChangedV1,
      localRecordId,
      {
        id: deterministicUuid(event.id, localRecordId),
        source: IDENTITY_PERSON_LINKS_SOURCE,
        subject: localRecordId,
        sequence: event.position.toString(),
        time: event.recordedAt.toISOString(),
        data: { localRecordId, ...change },
      },
      event.metadata.traceparent,
    ),
  );
}

/** A message about a person, keyed by it, ordered by its stream. */
function aboutPerson<T extends object>(
  event: RecordedEvent,
  schema: typeof personsMergedV1 | typeof personsMergeUndoneV1,
  personId: string,
  data: T,
): BusMessage {
  return toValidatedBusMessage(
    schema as never,
    personId,
    {
      id: event.id,
      source: IDENTITY_EVENT_SOURCE,
      subject: personId,
      sequence: event.revision.toString(),
      time: event.recordedAt.toISOString(),
      data,
    },
    event.metadata.traceparent,
  );
}

function registered(event: RecordedEvent, data: LocalRecordRegisteredV1): BusMessage {
  return toValidatedBusMessage(
    localRecordRegisteredV1,
    data.localRecordId,
    {
      id: event.id,
      source: IDENTITY_EVENT_SOURCE,
      subject: data.localRecordId,
      sequence: event.revision.toString(),
      time: event.recordedAt.toISOString(),
      data,
    },
    event.metadata.traceparent,
  );
}

/** Every event on the identity service's streams. */
type IdentityEvent = LocalRecordEvent | PersonEvent | MatchReviewEvent | NhsNumberClaimed | MatchModelAdopted;

/**
 * What the identity service tells the others: which records exist, which person each belongs to
 * (and every change of it), and merges with their undoing. Demographics stay inside the identity
 * service.
 */
export function identityEventsMapper(event: RecordedEvent): BusMessage[] {
  const domainEvent = { type: event.type, data: event.data } as IdentityEvent;
  switch (domainEvent.type) {
    case 'LocalRecordRegistered': {
      const { localRecordId, organisation, identifier, registeredAt } = domainEvent.data;
      return [registered(event, { localRecordId, organisation, identifier, registeredAt })];
    }
    case 'PersonRegistered': {
      const { personId, localRecordId, registeredAt } = domainEvent.data;
      return personChanged(event, [localRecordId], {
        personId,
        change: 'registered',
        changedAt: registeredAt,
      });
    }
    case 'LocalRecordLinked': {
      const { personId, localRecordId, linkedAt } = domainEvent.data;
      return personChanged(event, [localRecordId], { personId, change: 'linked', changedAt: linkedAt });
    }
    case 'LocalRecordUnlinked': {
      const { personId, localRecordId, unlinkedAt } = domainEvent.data;
      return personChanged(event, [localRecordId], {
        personId: null,
        change: 'unlinked',
        otherPersonId: personId,
        changedAt: unlinkedAt,
      });
    }
    case 'PersonMerged': {
      const { personId, mergedPersonId, mergeId, localRecordIds, mergedAt } = domainEvent.data;
      return [
        ...personChanged(event, localRecordIds, {
          personId,
          change: 'merged',
          otherPersonId: mergedPersonId,
          mergeId,
          changedAt: mergedAt,
        }),
        aboutPerson(event, personsMergedV1, personId, {
          personId,
          mergedPersonId,
          mergeId,
          localRecordIds: [...localRecordIds],
          mergedAt,
        }),
      ];
    }
    case 'PersonMergeUndone': {
      const { personId, mergedPersonId, mergeId, localRecordIds, undoneAt } = domainEvent.data;
      return [
        ...personChanged(event, localRecordIds, {
          personId: mergedPersonId,
          change: 'merge-undone',
          otherPersonId: personId,
          mergeId,
          changedAt: undoneAt,
        }),
        aboutPerson(event, personsMergeUndoneV1, personId, {
          personId,
          mergedPersonId,
          mergeId,
          localRecordIds: [...localRecordIds],
          undoneAt,
        }),
      ];
    }
    case 'LocalRecordDemographicsUpdated':
    case 'MatchDecisionRecorded':
    case 'PersonRetired':
    case 'PersonRestored':
    case 'MatchReviewRaised':
    case 'MatchReviewResolved':
    case 'NhsNumberClaimed':
    case 'MatchModelAdopted':
      return [];
    default:
      // An event type this version does not know (written by a newer one): nothing to publish.
      return [];
  }
}
