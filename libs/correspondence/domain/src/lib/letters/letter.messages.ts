import type { Command, DomainEvent } from '@ilinks/shared/kernel';
import type {
  LetterActor,
  LetterAttachment,
  LetterCoding,
  LetterKind,
  LetterRecipient,
  LetterSubject,
  RejectionReason,
  ReminderPolicy,
} from './letter.types';

/** Sends a letter about a person to 1–20 recipients; one copy each. */
export type SendLetter = Command<
  'SendLetter',
  {
    /** From {@link letterIdFor}: the stream is named by it before the command is decided. */
    readonly letterId: string;
    readonly subject: LetterSubject;
    readonly sentBy: LetterActor;
    readonly author?: string;
    readonly kind: LetterKind;
    readonly type?: LetterCoding;
    /** 1–200 characters once trimmed. */
    readonly title: string;
    /** Up to 2000 characters once trimmed. */
    readonly note?: string;
    /** 1–20 distinct recipients. */
    readonly recipients: readonly LetterRecipient[];
    /** The stored attachment's description. */
    readonly attachment: LetterAttachment;
    readonly partnerDocumentId?: string;
    /** The letter this one corrects (already marked superseded by this one). */
    readonly supersedes?: string;
    /** The version of the letter superseded: this one is the next. */
    readonly supersededVersion?: number;
    readonly documentReference?: Readonly<Record<string, unknown>>;
    /** From {@link letterContentHash}: tells an unchanged resend from a changed one. */
    readonly contentHash: string;
    /** When each copy's acknowledgement is due. */
    readonly acknowledgementDueAt: string;
  }
>;

/** A recipient opened a copy. */
export type MarkCopyRead = Command<
  'MarkCopyRead',
  { readonly letterId: string; readonly copyId: string; readonly by: LetterActor }
>;

/** A recipient acknowledges a copy, closing it. */
export type AcknowledgeCopy = Command<
  'AcknowledgeCopy',
  { readonly letterId: string; readonly copyId: string; readonly by: LetterActor; readonly note?: string }
>;

/** A recipient rejects a copy with a reason, closing it. */
export type RejectCopy = Command<
  'RejectCopy',
  {
    readonly letterId: string;
    readonly copyId: string;
    readonly by: LetterActor;
    readonly reason: RejectionReason;
    /** Up to 2000 characters; required when the reason is `other`. */
    readonly text?: string;
  }
>;

/** A recipient forwards its copy to another recipient, with a note; a new copy is made. */
export type ForwardCopy = Command<
  'ForwardCopy',
  {
    readonly letterId: string;
    readonly copyId: string;
    readonly by: LetterActor;
    readonly to: LetterRecipient;
    /** 1–2000 characters once trimmed. */
    readonly note: string;
    /** When the new copy's acknowledgement is due. */
    readonly acknowledgementDueAt: string;
  }
>;

/** Raises reminder `reminder` for a copy left unacknowledged (refused when it is not due). */
export type RemindOverdueCopy = Command<
  'RemindOverdueCopy',
  {
    readonly letterId: string;
    readonly copyId: string;
    readonly reminder: number;
    readonly policy: ReminderPolicy;
  }
>;

/** Marks a current letter superseded by a correction of the same sender organisation. */
export type MarkLetterSuperseded = Command<
  'MarkLetterSuperseded',
  { readonly letterId: string; readonly supersededBy: string; readonly organisation: string }
>;

export type LetterCommand =
  | SendLetter
  | MarkCopyRead
  | AcknowledgeCopy
  | RejectCopy
  | ForwardCopy
  | RemindOverdueCopy
  | MarkLetterSuperseded;

/** A copy made when the letter was sent. */
export interface SentCopy {
  readonly copyId: string;
  readonly recipient: LetterRecipient;
  readonly acknowledgementDueAt: string;
}

export type LetterSent = DomainEvent<
  'LetterSent',
  {
    readonly letterId: string;
    readonly version: number;
    readonly supersedes?: string;
    readonly subject: LetterSubject;
    readonly sentBy: LetterActor;
    readonly author?: string;
    readonly kind: LetterKind;
    readonly type?: LetterCoding;
    readonly title: string;
    readonly note?: string;
    readonly attachment: LetterAttachment;
    readonly partnerDocumentId?: string;
    readonly documentReference?: Readonly<Record<string, unknown>>;
    readonly contentHash: string;
    readonly copies: readonly SentCopy[];
    readonly sentAt: string;
  }
>;

/** What every copy event says about the copy, so readers need not look the letter up. */
interface CopyEventData {
  readonly letterId: string;
  readonly copyId: string;
  readonly recipient: LetterRecipient;
  readonly senderOrganisation: string;
}

export type CopyRead = DomainEvent<
  'CopyRead',
  CopyEventData & { readonly readBy: LetterActor; readonly readAt: string }
>;

export type CopyAcknowledged = DomainEvent<
  'CopyAcknowledged',
  CopyEventData & {
    readonly acknowledgedBy: LetterActor;
    readonly note?: string;
    readonly acknowledgedAt: string;
  }
>;

export type CopyRejected = DomainEvent<
  'CopyRejected',
  CopyEventData & {
    readonly rejectedBy: LetterActor;
    readonly reason: RejectionReason;
    readonly text?: string;
    readonly rejectedAt: string;
  }
>;

/** What a reader of one copy needs to know of its letter. */
export interface LetterSummary {
  readonly subject: LetterSubject;
  readonly sentBy: LetterActor;
  readonly author?: string;
  readonly kind: LetterKind;
  readonly title: string;
  readonly sentAt: string;
}

/** A new copy made by forwarding; `copyId`/`recipient` are the new copy's, `letter` its letter's summary. */
export type CopyForwarded = DomainEvent<
  'CopyForwarded',
  CopyEventData & {
    readonly letter: LetterSummary;
    readonly forwardedFrom: {
      readonly copyId: string;
      readonly by: LetterActor;
      readonly note: string;
      readonly forwardedAt: string;
    };
    readonly acknowledgementDueAt: string;
  }
>;

export type CopyAcknowledgementOverdue = DomainEvent<
  'CopyAcknowledgementOverdue',
  CopyEventData & {
    readonly reminder: number;
    readonly dueAt: string;
    readonly remindedAt: string;
    /** When the next reminder falls due; null when this was the last. */
    readonly nextReminderAt: string | null;
  }
>;

export type LetterSuperseded = DomainEvent<
  'LetterSuperseded',
  {
    readonly letterId: string;
    readonly supersededBy: string;
    readonly organisation: string;
    /** Every copy of the superseded letter (their inbox lines show it superseded). */
    readonly copyIds: readonly string[];
    readonly supersededAt: string;
  }
>;

export type LetterEvent =
  | LetterSent
  | CopyRead
  | CopyAcknowledged
  | CopyRejected
  | CopyForwarded
  | CopyAcknowledgementOverdue
  | LetterSuperseded;
