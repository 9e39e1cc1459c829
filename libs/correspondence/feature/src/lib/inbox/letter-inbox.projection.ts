import type { InboxItemV1, LetterCopyV1, LetterStatusV1 } from '@ilinks/correspondence/contracts';
import type { LetterSent, LetterSummary } from '@ilinks/correspondence/domain';
import type { Json, Projection } from '@ilinks/platform/read-models';
import {
  type LetterViewEvent,
  LETTER_VIEW_EVENTS,
  deliveredCopy,
  evolveCopy,
  forwardedCopy,
  isOpenCopy,
} from '../letters-view/letter-copy.view';

/** One document per copy: the inbox line (without `overdue`, computed at read) and its lookup keys. */
export type InboxDocument = {
  item: Json;
  copyId: string;
  letterId: string;
  recipientOrganisation: string;
  /** Null when the copy names no team / practitioner, so "none" filters like any other value. */
  recipientTeam: string | null;
  recipientPractitioner: string | null;
  personId: string;
  kind: string;
  status: LetterCopyV1['status'];
  open: boolean;
  sentAt: string;
  deliveredAt: string;
  acknowledgementDueAt: string;
  /** When the next reminder falls due; null when the copy is closed or its reminders are exhausted. */
  nextReminderAt: string | null;
  /** Whether the sweep must look at this copy (`nextReminderAt` not null), so that it never pages through nulls. */
  awaitingReminder: boolean;
};

/** An inbox line as stored: the contract's item without `overdue`. */
export type StoredInboxItem = Omit<InboxItemV1, 'overdue'>;

export const storedItemOf = (document: InboxDocument): StoredInboxItem =>
  document.item as unknown as StoredInboxItem;

function documentOf(item: StoredInboxItem, nextReminderAt: string | null): InboxDocument {
  const { copy } = item;
  const open = isOpenCopy(copy) && item.letterStatus === 'current';
  const next = open ? nextReminderAt : null;
  return {
    item: item as unknown as Json,
    copyId: copy.copyId,
    letterId: item.letterId,
    recipientOrganisation: copy.recipient.organisation,
    recipientTeam: copy.recipient.team ?? null,
    recipientPractitioner: copy.recipient.practitioner ?? null,
    personId: item.subject.personId,
    kind: item.kind,
    status: copy.status,
    open: isOpenCopy(copy),
    sentAt: item.sentAt,
    deliveredAt: copy.deliveredAt,
    acknowledgementDueAt: copy.acknowledgementDueAt,
    nextReminderAt: next,
    awaitingReminder: next !== null,
  };
}

function itemOf(
  letter: LetterSummary,
  letterId: string,
  copy: LetterCopyV1,
  status: LetterStatusV1,
): StoredInboxItem {
  return {
    copy,
    letterId,
    subject: { ...letter.subject },
    sentBy: { ...letter.sentBy },
    ...(letter.author === undefined ? {} : { author: letter.author }),
    kind: letter.kind,
    title: letter.title,
    sentAt: letter.sentAt,
    letterStatus: status,
  };
}

function sentItem(data: LetterSent['data'], copyId: string): InboxDocument | null {
  const sent = data.copies.find((copy) => copy.copyId === copyId);
  if (sent === undefined) return null;
  const item = itemOf(data, data.letterId, deliveredCopy(data.letterId, sent, data.sentAt), 'current');
  // The first reminder falls due with the acknowledgement.
  return documentOf(item, sent.acknowledgementDueAt);
}

function evolveItem(document: InboxDocument, event: LetterViewEvent): InboxDocument {
  const item = storedItemOf(document);
  switch (event.type) {
    case 'LetterSent':
    case 'CopyForwarded':
      return document;
    case 'LetterSuperseded':
      return documentOf({ ...item, letterStatus: 'superseded' }, null);
    case 'CopyAcknowledgementOverdue':
      return documentOf({ ...item, copy: evolveCopy(item.copy, event) }, event.data.nextReminderAt);
    case 'CopyRead':
    case 'CopyAcknowledged':
    case 'CopyRejected':
      return documentOf({ ...item, copy: evolveCopy(item.copy, event) }, document.nextReminderAt);
  }
}

const inboxIndex = (...fields: string[]) => ({ fields: ['recipientOrganisation', ...fields, 'deliveredAt'] });

/**
 * `letter_inbox_v1`: one line per copy, for the inboxes of organisations, teams and practitioners
 * (newest first, narrowed by person, status, open, kind), and for the reminder sweep (open copies
 * by when their next reminder falls due).
 */
export const letterInboxProjection: Projection<InboxDocument, LetterViewEvent> = {
  collection: {
    name: 'letter_inbox_v1',
    indexes: [
      inboxIndex(),
      inboxIndex('recipientTeam'),
      inboxIndex('recipientPractitioner'),
      inboxIndex('personId'),
      inboxIndex('status'),
      inboxIndex('open'),
      inboxIndex('kind'),
      { fields: ['awaitingReminder', 'nextReminderAt'] },
    ],
  },
  handles: LETTER_VIEW_EVENTS,
  documentId(event) {
    switch (event.type) {
      case 'LetterSent':
        return event.data.copies.map((copy) => copy.copyId);
      case 'LetterSuperseded':
        return event.data.copyIds;
      case 'CopyRead':
      case 'CopyAcknowledged':
      case 'CopyRejected':
      case 'CopyForwarded':
      case 'CopyAcknowledgementOverdue':
        return event.data.copyId;
    }
  },
  evolve(doc, event, id) {
    if (event.type === 'LetterSent') return sentItem(event.data, id);
    if (event.type === 'CopyForwarded') {
      return documentOf(
        itemOf(event.data.letter, event.data.letterId, forwardedCopy(event.data), 'current'),
        event.data.acknowledgementDueAt,
      );
    }
    // A change to a copy this view never saw delivered cannot be shown; keep what there is.
    return doc === undefined ? null : evolveItem(doc, event);
  },
};
