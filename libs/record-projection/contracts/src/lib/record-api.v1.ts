/**
 * The record service's internal HTTP API (called by the gateway, never by partners). Plain types.
 * The service stores partners' FHIR resources ("entries") as events and serves them per person;
 * FHIR validation and the extraction of what it indexes (codes, dates, record part) happen at the
 * gateway, which also applies the access decision to what it reads back.
 *
 * Routes (JSON; errors are FHIR OperationOutcome; `Idempotency-Key` accepted on POST):
 * - `POST /entries` {@link RecordEntryRequestV1} → 201 (new) / 200 (revised or unchanged) {@link RecordEntryResultV1}
 * - `POST /entries/$batch` {@link RecordBatchRequestV1} → 200 {@link RecordBatchResultV1}: `atomic` (a
 *   FHIR transaction) decides every entry first and stores none when one is refused; otherwise each
 *   entry stands alone (a FHIR batch) with its own outcome.
 * - `POST /entries/:entryId/entered-in-error` {@link EnterInErrorRequestV1} → 200 {@link RecordEntryV1}
 *   (only the recording organisation; a second call changes nothing)
 * - `GET /entries/:entryId` → {@link RecordEntryV1} (404 when unknown)
 * - `GET /entries?organisation=&resourceType=&partnerId=` → {@link RecordEntryV1} (the partner's key)
 * - `GET /persons/:personId/entries?resourceType=&part=&includeEnteredInError=` → {@link PersonEntriesV1}:
 *   every entry of every local record linked to the person now (so merges and unmerges are always
 *   right), newest `effectiveAt` first; entries sent before their patient was registered appear as
 *   soon as identity links the record.
 */

export interface CodingV1 {
  readonly system?: string;
  readonly code?: string;
  readonly display?: string;
}

/** The partner's own identifier of the patient an entry is about (`subject.identifier`). */
export interface SubjectIdentifierV1 {
  readonly system: string;
  readonly value: string;
}

export interface RecordedByV1 {
  readonly subject: string;
  /** `system`, `practitioner` or `individual` (a patient-contributed entry). */
  readonly role: string;
}

export interface RecordEntryRequestV1 {
  /** ODS code of the recording organisation (from the token, never the body). */
  readonly organisation: string;
  readonly recordedBy: RecordedByV1;
  /** FHIR resource type, e.g. `Condition`. */
  readonly resourceType: string;
  /** The partner's id of the resource: with organisation and type, the idempotency key. */
  readonly partnerId: string;
  readonly subject: SubjectIdentifierV1;
  /** The FHIR resource as sent (validated by the gateway). */
  readonly resource: Readonly<Record<string, unknown>>;
  /** The record part it belongs to (`@ilinks/consent/domain` RECORD_PARTS). */
  readonly part: string;
  /** The clinically relevant instant (onset, period start, effective, authored…), ISO. */
  readonly effectiveAt?: string;
  /** Every coding found in the resource's main code elements, kept as sent. */
  readonly codes: readonly CodingV1[];
  /** Some coding's system is not one we know (SNOMED CT, dm+d, ICD-10, LOINC, …): flagged, still kept. */
  readonly unknownCodeSystems: boolean;
  /** A clinician marked it not for the patient's own view (`meta.security` …). */
  readonly notForPatientView?: boolean;
  /** The person themselves contributed it. */
  readonly patientContributed?: boolean;
  /** When the sender recorded it (defaults to now). */
  readonly recordedAt?: string;
}

export type RecordEntryOutcomeV1 = 'recorded' | 'revised' | 'unchanged';

export interface RecordEntryV1 {
  /** Our id: stable for (organisation, resourceType, partnerId). */
  readonly entryId: string;
  /** 1 for the first version; each real change adds one. */
  readonly revision: number;
  readonly organisation: string;
  readonly recordedBy: RecordedByV1;
  readonly resourceType: string;
  readonly partnerId: string;
  readonly subject: SubjectIdentifierV1;
  readonly part: string;
  readonly status: 'current' | 'entered-in-error';
  readonly effectiveAt?: string;
  readonly recordedAt: string;
  readonly lastUpdated: string;
  readonly codes: readonly CodingV1[];
  readonly unknownCodeSystems: boolean;
  readonly notForPatientView?: boolean;
  readonly patientContributed?: boolean;
  readonly resource: Readonly<Record<string, unknown>>;
}

export interface RecordEntryResultV1 {
  readonly outcome: RecordEntryOutcomeV1;
  readonly entry: RecordEntryV1;
}

export interface RecordBatchRequestV1 {
  readonly atomic: boolean;
  readonly entries: readonly RecordEntryRequestV1[];
}

export type RecordBatchItemV1 =
  | { readonly ok: true; readonly result: RecordEntryResultV1 }
  | { readonly ok: false; readonly status: number; readonly code: string; readonly diagnostics: string };

export interface RecordBatchResultV1 {
  /** For `atomic`: true when every entry was stored; false when none was. */
  readonly stored: boolean;
  /** One per request entry, in order. */
  readonly items: readonly RecordBatchItemV1[];
}

export interface EnterInErrorRequestV1 {
  readonly organisation: string;
  readonly recordedBy: RecordedByV1;
}

export interface PersonEntriesV1 {
  readonly personId: string;
  readonly entries: readonly RecordEntryV1[];
}
