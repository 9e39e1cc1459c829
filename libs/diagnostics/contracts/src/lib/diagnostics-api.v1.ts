/**
 * The diagnostics service's internal HTTP API (issue 6: test requests, reports and results, the
 * closed loop of acknowledgement and escalation). Called by the gateway only, which has resolved
 * the person, applied the access decision and audits the request. Plain types.
 *
 * Routes (JSON unless said; errors are FHIR OperationOutcome with 4xx; `Idempotency-Key` on every
 * POST — the same key again records nothing new and answers as the first time):
 * - `POST /requests` {@link RecordTestRequestV1} → 201 {@link TestRequestV1} (200 when the same
 *   partner request is sent again: unchanged → nothing recorded, changed → a new revision)
 * - `GET /requests/:requestId` → {@link TestRequestV1}
 * - `POST /reports` {@link RecordReportRequestV1} → 201 {@link DiagnosticReportV1} (200 when the
 *   same partner report is sent again: unchanged → nothing recorded; amended or corrected → a new
 *   revision that supersedes the one before and re-opens acknowledgement; cancelled → shown as
 *   cancelled, never removed, needs no acknowledgement). Matched to a request when `basedOn` names
 *   one of a request's identifiers; routed to the request's requester and copies, the person's
 *   registered practice and the report's own copies.
 * - `GET /reports/:reportId` → {@link DiagnosticReportV1} (with its escalation trail and history)
 * - `GET /reports?localRecordId=&personId=&releasedOnly=&cursor=&limit=` → {@link DiagnosticReportsPageV1}:
 *   a person's reports, newest first (both parameters repeat, as for letters: the gateway passes
 *   the person's current local records and the person ids merged into it); `releasedOnly=true`
 *   keeps those released to the individual now
 * - `GET /unacknowledged?organisation=&team=&practitioner=&abnormalOnly=&cursor=&limit=` →
 *   {@link ResultQueuePageV1}: reports awaiting acknowledgement routed or escalated to the
 *   organisation (team or practitioner), most urgent first (critical, abnormal, then the oldest)
 * - `POST /reports/:reportId/acknowledge` {@link AcknowledgeReportRequestV1} → 200 {@link DiagnosticReportV1}
 *   (only someone of a recipient organisation of the current revision, or of an organisation it
 *   escalated to; 403 otherwise; a second acknowledgement of the same revision changes nothing)
 * - `POST /reports/:reportId/release` {@link ReleaseReportRequestV1} → 200 {@link DiagnosticReportV1}
 *   (a clinician of a recipient organisation releases it to the individual now)
 * - `GET /cumulative?localRecordId=&personId=&analyte=&releasedOnly=&excludeOrganisation=` →
 *   {@link CumulativeSeriesV1} (analyte: an id of {@link ANALYTES} or `system|code`;
 *   `excludeOrganisation`, repeatable: labs whose results the caller may not see, left out)
 * - `GET /cumulative/svg?…same…` → `image/svg+xml`: the series plotted (a trend line, the
 *   reference range shaded, abnormal points marked), for downstream apps
 */

/** Who did something (from the token). */
export interface ActorV1 {
  readonly subject: string;
  /** `system`, `practitioner`, … (the token's role). */
  readonly role: string;
  /** ODS code of their organisation. */
  readonly organisation: string;
}

/** Whom a request or report is about; resolved by the gateway (see LetterSubjectV1: same rule). */
export interface DiagnosticSubjectV1 {
  readonly personId: string;
  readonly localRecordId?: string;
}

/** Someone a result goes to or escalates to: an organisation, optionally a team or practitioner of it. */
export interface ParticipantV1 {
  readonly organisation: string;
  readonly team?: string;
  readonly practitioner?: string;
}

export interface CodingV1 {
  readonly system: string;
  readonly code: string;
  readonly display?: string;
}

export interface IdentifierV1 {
  readonly system?: string;
  readonly value: string;
}

export interface QuantityV1 {
  readonly value: number;
  /** Human-readable unit as sent. */
  readonly unit?: string;
  /** `http://unitsofmeasure.org` for UCUM. */
  readonly system?: string;
  /** The UCUM code, e.g. `mmol/L`, `mmol/mol`, `%`, `mL/min/{1.73_m2}`. */
  readonly code?: string;
  readonly comparator?: '<' | '<=' | '>=' | '>';
}

export interface ReferenceRangeV1 {
  readonly low?: QuantityV1;
  readonly high?: QuantityV1;
  readonly text?: string;
}

export type RequestStatusV1 = 'draft' | 'active' | 'on-hold' | 'revoked' | 'completed' | 'entered-in-error';
export type RequestPriorityV1 = 'routine' | 'urgent' | 'asap' | 'stat';

export interface RecordTestRequestV1 {
  readonly subject: DiagnosticSubjectV1;
  readonly recordedBy: ActorV1;
  /** The partner's id of the ServiceRequest: with the organisation, its identity. */
  readonly partnerRequestId: string;
  /** Order numbers (placer/filler): a report's `basedOn` names one of them. */
  readonly identifiers: readonly IdentifierV1[];
  /** Who asked: the organisation is the recording organisation. */
  readonly requester: ParticipantV1;
  /** ODS code of the lab or radiology service asked, if named. */
  readonly performer?: string;
  readonly category?: 'laboratory' | 'imaging' | 'other';
  /** 1+ codings of what was asked. */
  readonly code: readonly CodingV1[];
  readonly status: RequestStatusV1;
  readonly priority?: RequestPriorityV1;
  readonly authoredOn?: string;
  /** Others the requester wants copied on the result (0–10). */
  readonly copiesTo: readonly ParticipantV1[];
  readonly resource: Readonly<Record<string, unknown>>;
}

export interface TestRequestV1 extends Omit<RecordTestRequestV1, 'recordedBy'> {
  readonly requestId: string;
  readonly revision: number;
  readonly organisation: string;
  readonly recordedAt: string;
  /** Reports matched to this request so far. */
  readonly reportIds: readonly string[];
}

export type ReportStatusV1 =
  | 'registered'
  | 'partial'
  | 'preliminary'
  | 'final'
  | 'amended'
  | 'corrected'
  | 'appended'
  | 'cancelled'
  | 'entered-in-error';

export type ResultStatusV1 =
  | 'registered'
  | 'preliminary'
  | 'final'
  | 'amended'
  | 'corrected'
  | 'cancelled'
  | 'entered-in-error';

/** One result (an Observation) as the lab sent it. */
export interface ResultInputV1 {
  readonly partnerObservationId?: string;
  /** 1+ codings (LOINC, SNOMED CT, or the lab's local code). */
  readonly code: readonly CodingV1[];
  readonly status: ResultStatusV1;
  readonly valueQuantity?: QuantityV1;
  readonly valueString?: string;
  readonly referenceRanges: readonly ReferenceRangeV1[];
  /** v3 ObservationInterpretation codes as sent (`N`, `H`, `L`, `HH`, `LL`, `A`, `AA`, …). */
  readonly interpretation: readonly CodingV1[];
  readonly effectiveAt?: string;
  readonly resource: Readonly<Record<string, unknown>>;
}

export interface RecordReportRequestV1 {
  readonly subject: DiagnosticSubjectV1;
  /** The lab (organisation from the token). */
  readonly recordedBy: ActorV1;
  /** The partner's id of the DiagnosticReport: with the organisation, its identity. */
  readonly partnerReportId: string;
  /** Order numbers this report fulfils (`basedOn` ServiceRequest identifiers). */
  readonly basedOn: readonly IdentifierV1[];
  /** The person's registered practice now, when the gateway knows it (ODS code). */
  readonly registeredPractice?: string;
  readonly status: ReportStatusV1;
  readonly category?: 'laboratory' | 'imaging' | 'other';
  readonly code: readonly CodingV1[];
  readonly effectiveAt?: string;
  readonly issuedAt: string;
  readonly conclusion?: string;
  /** 0–200 results. */
  readonly results: readonly ResultInputV1[];
  /** Others the lab copies the report to (0–10). */
  readonly copiesTo: readonly ParticipantV1[];
  /** The FHIR DiagnosticReport as sent (its contained Observations included). */
  readonly resource: Readonly<Record<string, unknown>>;
}

/** How a result reads against its range and the lab's flags: what escalation and queues sort by. */
export type ResultFlagV1 = 'normal' | 'abnormal' | 'critical' | 'unknown';

/** A result as served: what was sent, plus how it reads and its normalised value. */
export interface ResultV1 extends ResultInputV1 {
  readonly flag: ResultFlagV1;
  /** The analyte it measures (an {@link ANALYTES} id), when its code is known. */
  readonly analyte?: string;
  /** The value in the analyte's canonical UCUM unit, when the conversion is safe. */
  readonly normalised?: { readonly value: number; readonly unit: string };
}

export type RecipientReasonV1 = 'requester' | 'registered-practice' | 'copied-by-requester' | 'copied-by-lab';

export interface ReportRecipientV1 {
  readonly participant: ParticipantV1;
  readonly reasons: readonly RecipientReasonV1[];
}

export interface EscalationV1 {
  /** 1: the requester's team (or the recipient practice); 2: the organisation's duty clinician. */
  readonly level: number;
  readonly to: ParticipantV1;
  readonly escalatedAt: string;
  /** When the acknowledgement was due for this level. */
  readonly dueAt: string;
}

export interface AcknowledgementV1 {
  readonly by: ActorV1;
  readonly acknowledgedAt: string;
  readonly revision: number;
  readonly note?: string;
}

export type AcknowledgementStatusV1 = 'awaiting' | 'acknowledged' | 'not-required';

export interface DiagnosticReportV1 {
  readonly reportId: string;
  readonly revision: number;
  /** The lab. */
  readonly organisation: string;
  readonly partnerReportId: string;
  readonly subject: DiagnosticSubjectV1;
  readonly requestId?: string;
  readonly status: ReportStatusV1;
  readonly category?: 'laboratory' | 'imaging' | 'other';
  readonly code: readonly CodingV1[];
  readonly effectiveAt?: string;
  readonly issuedAt: string;
  readonly conclusion?: string;
  readonly results: readonly ResultV1[];
  /** The worst flag of its results. */
  readonly flag: ResultFlagV1;
  readonly recipients: readonly ReportRecipientV1[];
  readonly acknowledgementStatus: AcknowledgementStatusV1;
  /** Acknowledgements of every revision, oldest first (an amendment re-opens: the last is not of the current one). */
  readonly acknowledgements: readonly AcknowledgementV1[];
  /** The escalation trail of the current revision, oldest first. */
  readonly escalations: readonly EscalationV1[];
  /** When the next escalation falls due, while awaiting an acknowledgement of an abnormal result. */
  readonly escalationDueAt?: string;
  /** Earlier revisions: their status and when each was recorded. */
  readonly history: readonly {
    readonly revision: number;
    readonly status: ReportStatusV1;
    readonly recordedAt: string;
  }[];
  /** Released to the individual: by a clinician, or by the policy's delay (computed when read). */
  readonly release: {
    readonly released: boolean;
    readonly releasedAt?: string;
    readonly releasedBy?: ActorV1 | 'policy';
  };
  readonly recordedAt: string;
  readonly resource: Readonly<Record<string, unknown>>;
}

export interface DiagnosticReportsPageV1 {
  readonly reports: readonly DiagnosticReportV1[];
  readonly nextCursor?: string;
}

/** One line of an unacknowledged-results queue. */
export interface ResultQueueItemV1 {
  readonly reportId: string;
  readonly revision: number;
  readonly subject: DiagnosticSubjectV1;
  readonly organisation: string;
  readonly code: readonly CodingV1[];
  readonly status: ReportStatusV1;
  readonly flag: ResultFlagV1;
  readonly issuedAt: string;
  /** Why it is in this queue: routed here, or escalated here (with the level). */
  readonly reasons: readonly RecipientReasonV1[];
  readonly escalationLevel?: number;
  readonly participant: ParticipantV1;
}

export interface ResultQueueQueryV1 {
  readonly organisation: string;
  readonly team?: string;
  readonly practitioner?: string;
  readonly abnormalOnly?: boolean;
  readonly cursor?: string;
  /** 1–100, default 20. */
  readonly limit: number;
}

export interface ResultQueuePageV1 {
  readonly items: readonly ResultQueueItemV1[];
  readonly nextCursor?: string;
}

export interface AcknowledgeReportRequestV1 {
  readonly by: ActorV1;
  /** Up to 2000 characters (e.g. the action taken). */
  readonly note?: string;
}

export interface ReleaseReportRequestV1 {
  readonly by: ActorV1;
}

/** An analyte the cumulative view knows: codes that measure it and safe unit conversions. */
export interface AnalyteV1 {
  readonly id: string;
  readonly display: string;
  /** Canonical UCUM unit of the series. */
  readonly unit: string;
}

/** Analytes with a known canonical unit (the domain holds their codes and conversions). */
export const ANALYTES: readonly AnalyteV1[] = [
  { id: 'hba1c', display: 'HbA1c (IFCC)', unit: 'mmol/mol' },
  { id: 'egfr', display: 'eGFR', unit: 'mL/min/{1.73_m2}' },
  { id: 'creatinine', display: 'Serum creatinine', unit: 'umol/L' },
  { id: 'potassium', display: 'Serum potassium', unit: 'mmol/L' },
  { id: 'sodium', display: 'Serum sodium', unit: 'mmol/L' },
  { id: 'glucose', display: 'Plasma glucose', unit: 'mmol/L' },
  { id: 'haemoglobin', display: 'Haemoglobin', unit: 'g/L' },
  { id: 'cholesterol', display: 'Total cholesterol', unit: 'mmol/L' },
];

export interface CumulativePointV1 {
  readonly reportId: string;
  /** The lab. */
  readonly organisation: string;
  readonly effectiveAt: string;
  /** As sent. */
  readonly value: QuantityV1;
  /** In the series unit; absent when the sent unit cannot be converted safely (shown, not plotted). */
  readonly normalised?: number;
  readonly flag: ResultFlagV1;
  readonly referenceRange?: ReferenceRangeV1;
  readonly status: ResultStatusV1;
}

export interface CumulativeSeriesV1 {
  readonly analyte: AnalyteV1;
  /** Oldest first; the current revision of each report only; cancelled results kept, marked. */
  readonly points: readonly CumulativePointV1[];
}
