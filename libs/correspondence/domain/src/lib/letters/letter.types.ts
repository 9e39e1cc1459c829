/** What kind of letter, for inbox filters and for the reader. */
export const LETTER_KINDS = [
  'discharge-summary',
  'clinic-letter',
  'referral',
  'social-care-assessment',
  'record-extract',
  'other',
] as const;
export type LetterKind = (typeof LETTER_KINDS)[number];

/** Why a recipient rejects a copy. */
export const REJECTION_REASONS = [
  'wrong-recipient',
  'wrong-patient',
  'not-for-this-service',
  'unreadable',
  'other',
] as const;
export type RejectionReason = (typeof REJECTION_REASONS)[number];

/** Who did something: the token's subject, role and organisation (ODS code). */
export interface LetterActor {
  readonly subject: string;
  readonly role: string;
  readonly organisation: string;
}

/** Whom a letter is about, as the gateway resolved it when it was sent. */
export interface LetterSubject {
  readonly personId: string;
  readonly localRecordId?: string;
}

/** A recipient: an organisation, optionally one of its teams or practitioners. */
export interface LetterRecipient {
  readonly organisation: string;
  readonly team?: string;
  readonly practitioner?: string;
}

export interface LetterCoding {
  readonly system: string;
  readonly code: string;
  readonly display?: string;
}

/** The stored document's description (its bytes live outside the letter's stream). */
export interface LetterAttachment {
  readonly contentType: string;
  readonly size: number;
  readonly sha256: string;
  readonly title?: string;
}

/** How reminders follow an acknowledgement left overdue. */
export interface ReminderPolicy {
  /** Seconds between one reminder and the next (the first is raised when the acknowledgement is due). */
  readonly intervalSeconds: number;
  /** Most reminders raised for one copy. */
  readonly maxReminders: number;
}

export type CopyStatus = 'delivered' | 'read' | 'acknowledged' | 'rejected';

/** One recipient's copy as the decider knows it. */
export interface CopyState {
  readonly copyId: string;
  readonly recipient: LetterRecipient;
  readonly status: CopyStatus;
  readonly acknowledgementDueAt: string;
  /** Reminders raised so far. */
  readonly reminders: number;
}
