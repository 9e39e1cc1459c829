import type { AttachmentV1, LetterV1 } from '@ilinks/correspondence/contracts';
import type { LetterSent } from '@ilinks/correspondence/domain';
import type { Json, Projection } from '@ilinks/platform/read-models';
import {
  type LetterViewEvent,
  LETTER_VIEW_EVENTS,
  deliveredCopy,
  evolveCopy,
  forwardedCopy,
  isOpenCopy,
} from './letter-copy.view';

/** One document per letter: the letter as the API serves it, plus the view's lookup keys. */
export type LetterDocument = {
  letter: Json;
  letterId: string;
  sentAt: string;
  /** Null when the letter named no local record. */
  localRecordId: string | null;
  /** The person, for a letter without a local record (one with a record follows the record). */
  personIdWithoutRecord: string | null;
  senderOrganisation: string;
  /** `awaiting`: current and some copy still open; `closed` otherwise. */
  openness: 'awaiting' | 'closed';
};

/** The letter a document holds. */
export const letterOf = (document: LetterDocument): LetterV1 => document.letter as unknown as LetterV1;

function documentOf(letter: LetterV1): LetterDocument {
  return {
    letter: letter as unknown as Json,
    letterId: letter.letterId,
    sentAt: letter.sentAt,
    localRecordId: letter.subject.localRecordId ?? null,
    personIdWithoutRecord: letter.subject.localRecordId === undefined ? letter.subject.personId : null,
    senderOrganisation: letter.sentBy.organisation,
    openness: letter.status === 'current' && letter.copies.some(isOpenCopy) ? 'awaiting' : 'closed',
  };
}

function sentLetter(data: LetterSent['data']): LetterV1 {
  const { contentHash: _hash, copies, ...letter } = data;
  return {
    ...letter,
    // Checked against the allowed types when it was stored.
    attachment: letter.attachment as AttachmentV1,
    status: 'current',
    copies: copies.map((copy) => deliveredCopy(data.letterId, copy, data.sentAt)),
  };
}

function superseded(letter: LetterV1, supersededBy: string): LetterV1 {
  return { ...letter, status: 'superseded', supersededBy };
}

function evolveLetter(letter: LetterV1, event: LetterViewEvent): LetterV1 {
  switch (event.type) {
    case 'LetterSent':
      // The correction's sending, seen by the letter it supersedes.
      return superseded(letter, event.data.letterId);
    case 'LetterSuperseded':
      return superseded(letter, event.data.supersededBy);
    case 'CopyForwarded':
      return { ...letter, copies: [...letter.copies, forwardedCopy(event.data)] };
    case 'CopyRead':
    case 'CopyAcknowledged':
    case 'CopyRejected':
    case 'CopyAcknowledgementOverdue': {
      const change = event;
      return {
        ...letter,
        copies: letter.copies.map((copy) =>
          copy.copyId === change.data.copyId ? evolveCopy(copy, change) : copy,
        ),
      };
    }
  }
}

const byDate = (...fields: string[]) => ({ fields: [...fields, 'sentAt'] });

/**
 * `letters_v1`: every letter with all its copies, by id; the letters about a local record or a
 * person, and what an organisation sent (all, or awaiting / closed), newest first. A correction's
 * sending also marks the letter it supersedes.
 */
export const lettersProjection: Projection<LetterDocument, LetterViewEvent> = {
  collection: {
    name: 'letters_v1',
    indexes: [
      byDate('localRecordId'),
      byDate('personIdWithoutRecord'),
      byDate('senderOrganisation'),
      byDate('senderOrganisation', 'openness'),
    ],
  },
  handles: LETTER_VIEW_EVENTS,
  documentId(event) {
    if (event.type === 'LetterSent' && event.data.supersedes !== undefined) {
      return [event.data.letterId, event.data.supersedes];
    }
    return event.data.letterId;
  },
  evolve(doc, event, id) {
    if (event.type === 'LetterSent' && id === event.data.letterId) {
      return documentOf(sentLetter(event.data));
    }
    // A change to a letter never sent is not a fact this view can hold; keep what there is.
    return doc === undefined ? null : documentOf(evolveLetter(letterOf(doc), event));
  },
};
