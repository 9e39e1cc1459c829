import {
  CORRESPONDENCE_EVENT_SOURCE,
  type LetterAcknowledgementOverdueV1,
  LetterAcknowledgementOverdueV1Event,
  type LetterCopyChangedV1,
  LetterCopyChangedV1Event,
  type LetterSentV1,
  LetterSentV1Event,
  type LetterSupersededV1,
  LetterSupersededV1Event,
} from '@ilinks/correspondence/contracts';
import type { LetterEvent, LetterRecipient } from '@ilinks/correspondence/domain';
import type { RecordedEvent } from '@ilinks/platform/event-store';
import {
  type BusMessage,
  defineIntegrationEvent,
  type IntegrationEventSchema,
  toValidatedBusMessage,
} from '@ilinks/platform/messaging';

export const letterSentV1 = defineIntegrationEvent(LetterSentV1Event);
export const letterCopyChangedV1 = defineIntegrationEvent(LetterCopyChangedV1Event);
export const letterAcknowledgementOverdueV1 = defineIntegrationEvent(LetterAcknowledgementOverdueV1Event);
export const letterSupersededV1 = defineIntegrationEvent(LetterSupersededV1Event);

const recipientData = (recipient: LetterRecipient): LetterCopyChangedV1['recipient'] => ({
  organisation: recipient.organisation,
  ...(recipient.team === undefined ? {} : { team: recipient.team }),
  ...(recipient.practitioner === undefined ? {} : { practitioner: recipient.practitioner }),
});

/** The integration event of one domain event: ids, codes and times only (no title, note or content). */
function integrationEventOf(
  event: LetterEvent,
):
  | { definition: typeof letterSentV1; data: LetterSentV1 }
  | { definition: typeof letterCopyChangedV1; data: LetterCopyChangedV1 }
  | { definition: typeof letterAcknowledgementOverdueV1; data: LetterAcknowledgementOverdueV1 }
  | { definition: typeof letterSupersededV1; data: LetterSupersededV1 }
  | undefined {
  switch (event.type) {
    case 'LetterSent': {
      const { data } = event;
      return {
        definition: letterSentV1,
        data: {
          letterId: data.letterId,
          version: data.version,
          ...(data.supersedes === undefined ? {} : { supersedes: data.supersedes }),
          personId: data.subject.personId,
          ...(data.subject.localRecordId === undefined ? {} : { localRecordId: data.subject.localRecordId }),
          organisation: data.sentBy.organisation,
          kind: data.kind,
          copies: data.copies.map((copy) => ({
            copyId: copy.copyId,
            recipient: recipientData(copy.recipient),
          })),
          sentAt: data.sentAt,
        },
      };
    }
    case 'CopyRead':
      return copyChanged(event.data, 'read', event.data.readAt);
    case 'CopyAcknowledged':
      return copyChanged(event.data, 'acknowledged', event.data.acknowledgedAt);
    case 'CopyRejected':
      return copyChanged(event.data, 'rejected', event.data.rejectedAt, {
        rejectionReason: event.data.reason,
      });
    case 'CopyForwarded':
      return copyChanged(event.data, 'forwarded', event.data.forwardedFrom.forwardedAt, {
        forwardedFromCopyId: event.data.forwardedFrom.copyId,
        personId: event.data.letter.subject.personId,
      });
    case 'CopyAcknowledgementOverdue':
      return {
        definition: letterAcknowledgementOverdueV1,
        data: {
          letterId: event.data.letterId,
          copyId: event.data.copyId,
          recipient: recipientData(event.data.recipient),
          senderOrganisation: event.data.senderOrganisation,
          reminder: event.data.reminder,
          dueAt: event.data.dueAt,
          remindedAt: event.data.remindedAt,
        },
      };
    case 'LetterSuperseded':
      return {
        definition: letterSupersededV1,
        data: {
          letterId: event.data.letterId,
          supersededBy: event.data.supersededBy,
          organisation: event.data.organisation,
          supersededAt: event.data.supersededAt,
        },
      };
    default:
      return undefined;
  }
}

function copyChanged(
  data: { letterId: string; copyId: string; recipient: LetterRecipient; senderOrganisation: string },
  change: LetterCopyChangedV1['change'],
  changedAt: string,
  extra: Pick<LetterCopyChangedV1, 'rejectionReason' | 'forwardedFromCopyId' | 'personId'> = {},
): { definition: typeof letterCopyChangedV1; data: LetterCopyChangedV1 } {
  return {
    definition: letterCopyChangedV1,
    data: {
      letterId: data.letterId,
      copyId: data.copyId,
      change,
      recipient: recipientData(data.recipient),
      senderOrganisation: data.senderOrganisation,
      ...extra,
      changedAt,
    },
  };
}

/**
 * The correspondence service's relay mapper: each letter event as its integration event on
 * `ilinks.correspondence.v1`, keyed by the letter (so a letter's events stay in order).
 * Attachment streams publish nothing.
 */
export function correspondenceEventsMapper(event: RecordedEvent): BusMessage[] {
  const mapped = integrationEventOf({ type: event.type, data: event.data } as LetterEvent);
  if (mapped === undefined) return [];
  const definition = mapped.definition as IntegrationEventSchema<object>;
  return [
    toValidatedBusMessage(
      definition,
      mapped.data.letterId,
      {
        id: event.id,
        source: CORRESPONDENCE_EVENT_SOURCE,
        subject: mapped.data.letterId,
        sequence: event.revision.toString(),
        time: event.recordedAt.toISOString(),
        data: mapped.data,
      },
      event.metadata.traceparent,
    ),
  ];
}
