/**
 * The correspondence service's internal HTTP API (issue 6: letters between care settings). Called
 * by the gateway only, which has already resolved the person, applied the access decision and
 * audits the request. Plain types.
 *
 * Routes (JSON; errors are FHIR OperationOutcome with 4xx; `Idempotency-Key` on every POST — the
 * same key again records nothing new and answers as the first time):
 * - `POST /letters` {@link SendLetterRequestV1} → 201 {@link LetterV1} (200 when the same partner
 *   document is sent again unchanged; 409 when it is sent again changed: a sent letter is never
 *   altered, a correction is a new letter that `supersedes` it; 413 when the attachment is larger
 *   than the limit; 415 when its content is not what `contentType` claims or the type is not allowed)
 * - `GET /letters/:letterId` → {@link LetterV1}
 * - `GET /letters/:letterId/attachment` → {@link AttachmentContentV1} (hash verified on read)
 * - `GET /letters?localRecordId=&personId=&cursor=&limit=` → {@link LettersPageV1}: the letters
 *   about a person, across settings, newest first. Both parameters repeat: the gateway passes the
 *   person's current local records and the person ids merged into it (see {@link LetterSubjectV1}).
 * - `GET /letters?sender=&status=&cursor=&limit=` → {@link LettersPageV1}: what an organisation sent
 *   (status: `awaiting` = some copy not yet acknowledged or rejected, `closed` = none)
 * - `GET /inbox?organisation=&team=&practitioner=&personId=&status=&kind=&overdue=&cursor=&limit=` →
 *   {@link InboxPageV1} ({@link InboxQueryV1}), newest first
 * - `POST /letters/:letterId/copies/:copyId/read` {@link CopyActionRequestV1} → 200 {@link LetterCopyV1}
 * - `POST /letters/:letterId/copies/:copyId/acknowledge` {@link CopyActionRequestV1} → 200 {@link LetterCopyV1}
 * - `POST /letters/:letterId/copies/:copyId/reject` {@link RejectCopyRequestV1} → 200 {@link LetterCopyV1}
 * - `POST /letters/:letterId/copies/:copyId/forward` {@link ForwardCopyRequestV1} → 201 {@link LetterCopyV1}
 *   (the new copy, `forwardedFrom` the copy forwarded)
 *
 * Who may act on a copy: only someone of the copy's recipient organisation (403 otherwise); when
 * the copy names a practitioner, only that practitioner may acknowledge or reject it. Reading is
 * recorded once (the first reader); acknowledging or rejecting closes the copy (a second call
 * changes nothing; the other after one of them is 409).
 */

/** What kind of letter, for inbox filters and for the reader. */
export const LETTER_KINDS = [
  'discharge-summary',
  'clinic-letter',
  'referral',
  'social-care-assessment',
  'record-extract',
  'other',
] as const;
export type LetterKindV1 = (typeof LETTER_KINDS)[number];

/** Attachment content types a letter may carry; each is checked against the bytes (magic numbers, UTF-8, JSON). */
export const LETTER_CONTENT_TYPES = [
  'application/pdf',
  'text/plain',
  'application/fhir+json',
  'application/json',
  'image/png',
  'image/jpeg',
] as const;
export type LetterContentTypeV1 = (typeof LETTER_CONTENT_TYPES)[number];

/** Why a recipient rejects a copy. */
export const REJECTION_REASONS = [
  'wrong-recipient',
  'wrong-patient',
  'not-for-this-service',
  'unreadable',
  'other',
] as const;
export type RejectionReasonV1 = (typeof REJECTION_REASONS)[number];

/** Who did something (from the token). */
export interface ActorV1 {
  readonly subject: string;
  /** `system`, `practitioner`, … (the token's role). */
  readonly role: string;
  /** ODS code of their organisation. */
  readonly organisation: string;
}

/**
 * Whom a letter is about, as resolved by the gateway when it was sent. `localRecordId` is the
 * partner's local record the letter named (absent when it named an NHS number or a person id):
 * letters follow it through merges and unmerges. `personId` is the person at sending, used for
 * letters without a local record.
 */
export interface LetterSubjectV1 {
  readonly personId: string;
  readonly localRecordId?: string;
}

/** A recipient: an organisation, optionally one of its teams or practitioners. */
export interface LetterRecipientV1 {
  /** ODS code. */
  readonly organisation: string;
  /** A team of that organisation (free identifier, e.g. `district-nursing`). */
  readonly team?: string;
  /** A practitioner of that organisation (their user id, token `sub`). */
  readonly practitioner?: string;
}

export interface CodingV1 {
  readonly system: string;
  readonly code: string;
  readonly display?: string;
}

/** The document as sent: base64 bytes and what they claim to be. */
export interface AttachmentUploadV1 {
  readonly contentType: string;
  /** Base64 (standard alphabet, padding optional). */
  readonly data: string;
  readonly title?: string;
}

/** The stored document's description: it never changes after sending. */
export interface AttachmentV1 {
  readonly contentType: LetterContentTypeV1;
  /** Bytes. */
  readonly size: number;
  /** SHA-256 of the bytes, lower-case hex. */
  readonly sha256: string;
  readonly title?: string;
}

export interface AttachmentContentV1 extends AttachmentV1 {
  /** Base64 of the bytes. */
  readonly data: string;
}

export interface SendLetterRequestV1 {
  readonly subject: LetterSubjectV1;
  /** The sender (organisation from the token). */
  readonly sentBy: ActorV1;
  /** The author as the document names them (display text, e.g. "Dr A Khan, Cardiology"). */
  readonly author?: string;
  readonly kind: LetterKindV1;
  /** `DocumentReference.type` as sent (LOINC or SNOMED CT), if any. */
  readonly type?: CodingV1;
  /** 1–200 characters. */
  readonly title: string;
  /** A covering note, up to 2000 characters. */
  readonly note?: string;
  /** 1–20 distinct recipients. */
  readonly recipients: readonly LetterRecipientV1[];
  readonly attachment: AttachmentUploadV1;
  /**
   * The partner's id of the document (DocumentReference id or master identifier): with the sender
   * organisation, the letter's identity — the same document sent twice is one letter. Without
   * it, the idempotency key is used.
   */
  readonly partnerDocumentId?: string;
  /** The letter this one corrects: a letter of the same sender organisation, still current. */
  readonly supersedes?: string;
  /** The FHIR DocumentReference as sent, without the attachment's data (kept for reads). */
  readonly documentReference?: Readonly<Record<string, unknown>>;
}

export type LetterCopyStatusV1 = 'delivered' | 'read' | 'acknowledged' | 'rejected';

/** Who forwarded a copy, from which copy, with what note. */
export interface ForwardedFromV1 {
  readonly copyId: string;
  readonly by: ActorV1;
  readonly note: string;
  readonly forwardedAt: string;
}

/** One recipient's copy of a letter and what happened to it. */
export interface LetterCopyV1 {
  /** Deterministic from the letter and the recipient. */
  readonly copyId: string;
  readonly letterId: string;
  readonly recipient: LetterRecipientV1;
  readonly status: LetterCopyStatusV1;
  readonly deliveredAt: string;
  readonly readAt?: string;
  readonly readBy?: ActorV1;
  readonly acknowledgedAt?: string;
  readonly acknowledgedBy?: ActorV1;
  /** Up to 2000 characters, given on acknowledging. */
  readonly acknowledgementNote?: string;
  readonly rejectedAt?: string;
  readonly rejectedBy?: ActorV1;
  readonly rejectionReason?: RejectionReasonV1;
  readonly rejectionText?: string;
  /** When an acknowledgement is due (sending or forwarding time + the configured period). */
  readonly acknowledgementDueAt: string;
  /** Reminders raised so far because the copy was not acknowledged in time. */
  readonly reminders: readonly { readonly number: number; readonly remindedAt: string }[];
  /** Present on a copy made by forwarding: the chain goes back through `forwardedFrom.copyId`. */
  readonly forwardedFrom?: ForwardedFromV1;
}

export type LetterStatusV1 = 'current' | 'superseded';

export interface LetterV1 {
  readonly letterId: string;
  readonly subject: LetterSubjectV1;
  readonly sentBy: ActorV1;
  readonly author?: string;
  readonly kind: LetterKindV1;
  readonly type?: CodingV1;
  readonly title: string;
  readonly note?: string;
  readonly attachment: AttachmentV1;
  readonly partnerDocumentId?: string;
  readonly sentAt: string;
  readonly status: LetterStatusV1;
  /** 1 for a first letter; the superseded letter's version + 1 for a correction. */
  readonly version: number;
  readonly supersedes?: string;
  readonly supersededBy?: string;
  /** Every copy, the forwarded ones included, in the order they were made. */
  readonly copies: readonly LetterCopyV1[];
  readonly documentReference?: Readonly<Record<string, unknown>>;
}

export interface LettersPageV1 {
  readonly letters: readonly LetterV1[];
  readonly nextCursor?: string;
}

/** One inbox line: a copy with its letter's description (no document content). */
export interface InboxItemV1 {
  readonly copy: LetterCopyV1;
  readonly letterId: string;
  readonly subject: LetterSubjectV1;
  readonly sentBy: ActorV1;
  readonly author?: string;
  readonly kind: LetterKindV1;
  readonly title: string;
  readonly sentAt: string;
  readonly letterStatus: LetterStatusV1;
  /** Whether the acknowledgement is past due now (and the copy still open). */
  readonly overdue: boolean;
}

export type InboxStatusV1 = LetterCopyStatusV1 | 'open';

/** What narrows an inbox: the recipient organisation, required, and the rest. */
export interface InboxQueryV1 {
  readonly organisation: string;
  readonly team?: string;
  readonly practitioner?: string;
  readonly personId?: string;
  /** `open` = delivered or read (not yet acknowledged or rejected). */
  readonly status?: InboxStatusV1;
  readonly kind?: LetterKindV1;
  readonly overdue?: boolean;
  readonly cursor?: string;
  /** 1–100, default 20. */
  readonly limit: number;
}

export interface InboxPageV1 {
  readonly items: readonly InboxItemV1[];
  readonly nextCursor?: string;
}

export interface CopyActionRequestV1 {
  readonly by: ActorV1;
  /** On acknowledge only: up to 2000 characters. */
  readonly note?: string;
}

export interface RejectCopyRequestV1 {
  readonly by: ActorV1;
  readonly reason: RejectionReasonV1;
  /** Up to 2000 characters; required when the reason is `other`. */
  readonly text?: string;
}

export interface ForwardCopyRequestV1 {
  readonly by: ActorV1;
  /** Not the copy's own recipient, nor a recipient the letter already has. */
  readonly to: LetterRecipientV1;
  /** 1–2000 characters: why it is forwarded. */
  readonly note: string;
}
