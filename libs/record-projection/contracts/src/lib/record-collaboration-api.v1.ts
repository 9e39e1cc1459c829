/**
 * Annotating and sharing parts of the record, and individuals' own contributions (issue 5, items
 * 4 and 5). Record service internal API, called by the gateway (which has already applied the
 * access decision to what the caller may see and share). Plain types.
 *
 * Routes (JSON; errors are FHIR OperationOutcome; `Idempotency-Key` accepted on POST — a retried
 * request with the same key records nothing new and answers as the first time):
 * - `POST /entries/:entryId/annotations` {@link AnnotateEntryRequestV1} → 201 {@link EntryAnnotationV1}
 *   (404 when the entry is unknown or entered in error)
 * - `GET /entries/:entryId/annotations` → {@link EntryAnnotationsV1}, oldest first
 * - `POST /shares` {@link ShareRecordItemsRequestV1} → 201 {@link RecordShareV1}
 * - `GET /shares?organisation=&team=&practitioner=&personId=&status=&cursor=&limit=` →
 *   {@link RecordSharesPageV1}: the inbox of a recipient organisation (required), optionally
 *   narrowed to a team or practitioner of it or a person; newest first
 * - `GET /shares/:shareId` → {@link RecordShareV1}
 * - `POST /shares/:shareId/read` {@link MarkShareReadRequestV1} → 200 {@link RecordShareV1}
 *   (only the recipient organisation; a second call changes nothing)
 */

import type { RecordedByV1 } from './record-api.v1';

/**
 * The subject system of entries an individual contributes about themselves: `subject.value` is
 * their enterprise person id. Such entries carry `patientContributed: true` and belong to the
 * person (and, after a merge, to the person they were merged into; an unmerge gives them back).
 */
export const PERSON_SUBJECT_SYSTEM = 'https://fhir.ilinks.dev/Id/person';

export interface AnnotateEntryRequestV1 {
  /** ODS code of the annotating practitioner's organisation (from the token). */
  readonly organisation: string;
  readonly author: RecordedByV1;
  /** Plain text, 1–2000 characters. */
  readonly text: string;
}

export interface EntryAnnotationV1 {
  readonly annotationId: string;
  readonly entryId: string;
  readonly organisation: string;
  readonly author: RecordedByV1;
  readonly text: string;
  readonly annotatedAt: string;
}

export interface EntryAnnotationsV1 {
  readonly entryId: string;
  readonly annotations: readonly EntryAnnotationV1[];
}

/** Who a share is for: an organisation, optionally one of its teams or practitioners. */
export interface ShareRecipientV1 {
  /** ODS code. */
  readonly organisation: string;
  /** A team of that organisation (free identifier, e.g. `district-nursing`). */
  readonly team?: string;
  /** A practitioner of that organisation (their user id, token `sub`). */
  readonly practitioner?: string;
}

/** One shared item: what the sender saw when sharing (a snapshot, as a letter would carry it). */
export interface SharedItemV1 {
  readonly entryId: string;
  readonly revision: number;
  readonly resourceType: string;
  /** Organisation that recorded the item. */
  readonly organisation: string;
  /** The FHIR resource as the gateway served it to the sender. */
  readonly resource: Readonly<Record<string, unknown>>;
  /** The item's annotations the sender chose to include (by id, from the same entry). */
  readonly annotations: readonly EntryAnnotationV1[];
}

export interface ShareRecordItemsRequestV1 {
  readonly personId: string;
  /** ODS code of the sender's organisation (from the token). */
  readonly organisation: string;
  readonly sharedBy: RecordedByV1;
  readonly recipient: ShareRecipientV1;
  /** 1–2000 characters. */
  readonly note: string;
  /** 1–100 items, each an entry of the person the sender may see. */
  readonly items: readonly SharedItemV1[];
}

export type RecordShareStatusV1 = 'sent' | 'read';

export interface RecordShareV1 {
  readonly shareId: string;
  readonly personId: string;
  readonly organisation: string;
  readonly sharedBy: RecordedByV1;
  readonly recipient: ShareRecipientV1;
  readonly note: string;
  readonly items: readonly SharedItemV1[];
  readonly sharedAt: string;
  readonly status: RecordShareStatusV1;
  readonly readAt?: string;
  readonly readBy?: RecordedByV1;
}

/** What narrows an inbox (`GET /shares`): the recipient organisation, required, and the rest. */
export interface RecordSharesQueryV1 {
  readonly organisation: string;
  readonly team?: string;
  readonly practitioner?: string;
  readonly personId?: string;
  readonly status?: RecordShareStatusV1;
  readonly cursor?: string;
  readonly limit: number;
}

export interface RecordSharesPageV1 {
  readonly shares: readonly RecordShareV1[];
  readonly nextCursor?: string;
}

export interface MarkShareReadRequestV1 {
  /** The reader's organisation: must be the recipient organisation. */
  readonly organisation: string;
  readonly readBy: RecordedByV1;
}
