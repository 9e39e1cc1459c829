import type { LetterCopyV1 } from '@ilinks/correspondence/contracts';
import type {
  CopyAcknowledged,
  CopyAcknowledgementOverdue,
  CopyForwarded,
  CopyRead,
  CopyRejected,
  LetterSent,
  LetterSuperseded,
  SentCopy,
} from '@ilinks/correspondence/domain';
import type { ProjectionEvent } from '@ilinks/platform/read-models';

/** The correspondence events the views are built from, as projections see them. */
export type LetterViewEvent =
  | ProjectionEvent<'LetterSent', LetterSent['data']>
  | ProjectionEvent<'CopyRead', CopyRead['data']>
  | ProjectionEvent<'CopyAcknowledged', CopyAcknowledged['data']>
  | ProjectionEvent<'CopyRejected', CopyRejected['data']>
  | ProjectionEvent<'CopyForwarded', CopyForwarded['data']>
  | ProjectionEvent<'CopyAcknowledgementOverdue', CopyAcknowledgementOverdue['data']>
  | ProjectionEvent<'LetterSuperseded', LetterSuperseded['data']>;

/** The event types that change one copy. */
export type CopyChangeEvent = Extract<
  LetterViewEvent,
  { type: 'CopyRead' | 'CopyAcknowledged' | 'CopyRejected' | 'CopyAcknowledgementOverdue' }
>;

export const LETTER_VIEW_EVENTS: readonly LetterViewEvent['type'][] = [
  'LetterSent',
  'CopyRead',
  'CopyAcknowledged',
  'CopyRejected',
  'CopyForwarded',
  'CopyAcknowledgementOverdue',
  'LetterSuperseded',
];

/** A copy as the views store it: the contract's shape, as JSON. */
export type CopyDocument = LetterCopyV1 & { [key: string]: unknown };

/** A copy just delivered, from its letter's sending. */
export function deliveredCopy(letterId: string, copy: SentCopy, deliveredAt: string): LetterCopyV1 {
  return {
    copyId: copy.copyId,
    letterId,
    recipient: { ...copy.recipient },
    status: 'delivered',
    deliveredAt,
    acknowledgementDueAt: copy.acknowledgementDueAt,
    reminders: [],
  };
}

/** A copy just made by forwarding. */
export function forwardedCopy(data: CopyForwarded['data']): LetterCopyV1 {
  return {
    copyId: data.copyId,
    letterId: data.letterId,
    recipient: { ...data.recipient },
    status: 'delivered',
    deliveredAt: data.forwardedFrom.forwardedAt,
    acknowledgementDueAt: data.acknowledgementDueAt,
    reminders: [],
    forwardedFrom: {
      copyId: data.forwardedFrom.copyId,
      by: { ...data.forwardedFrom.by },
      note: data.forwardedFrom.note,
      forwardedAt: data.forwardedFrom.forwardedAt,
    },
  };
}

/** The copy after one of its changes (a recorded event is a fact: applied as it says). */
export function evolveCopy(copy: LetterCopyV1, event: CopyChangeEvent): LetterCopyV1 {
  switch (event.type) {
    case 'CopyRead':
      return { ...copy, status: 'read', readAt: event.data.readAt, readBy: { ...event.data.readBy } };
    case 'CopyAcknowledged':
      return {
        ...copy,
        status: 'acknowledged',
        acknowledgedAt: event.data.acknowledgedAt,
        acknowledgedBy: { ...event.data.acknowledgedBy },
        ...(event.data.note === undefined ? {} : { acknowledgementNote: event.data.note }),
      };
    case 'CopyRejected':
      return {
        ...copy,
        status: 'rejected',
        rejectedAt: event.data.rejectedAt,
        rejectedBy: { ...event.data.rejectedBy },
        rejectionReason: event.data.reason,
        ...(event.data.text === undefined ? {} : { rejectionText: event.data.text }),
      };
    case 'CopyAcknowledgementOverdue':
      return {
        ...copy,
        reminders: [...copy.reminders, { number: event.data.reminder, remindedAt: event.data.remindedAt }],
      };
  }
}

/** Whether a copy still waits for its recipient. */
export const isOpenCopy = (copy: Pick<LetterCopyV1, 'status'>): boolean =>
  copy.status === 'delivered' || copy.status === 'read';
