import type { Coding, Participant, ResultFlag, ResultInput } from '../results/result.types';
import type { DiagnosticSubject, RequestIdentifier } from '../requests/test-request.decider';

/** A result as recorded: what the lab sent, with how it reads and its normalised value (computed by the caller). */
export interface RecordedResult extends ResultInput {
  readonly partnerObservationId?: string;
  readonly resource: Readonly<Record<string, unknown>>;
  readonly flag: ResultFlag;
  readonly analyte?: string;
  readonly normalised?: { readonly value: number; readonly unit: string };
}

/** A report (a FHIR DiagnosticReport) as the lab sent it, its results read. */
export interface ReportContent {
  readonly subject: DiagnosticSubject;
  readonly partnerReportId: string;
  readonly basedOn: readonly RequestIdentifier[];
  readonly registeredPractice?: string;
  /** FHIR DiagnosticReport status as sent. */
  readonly status: string;
  readonly category?: 'laboratory' | 'imaging' | 'other';
  readonly code: readonly Coding[];
  readonly effectiveAt?: string;
  readonly issuedAt: string;
  readonly conclusion?: string;
  readonly results: readonly RecordedResult[];
  readonly copiesTo: readonly Participant[];
  readonly resource: Readonly<Record<string, unknown>>;
}

/** Whether a revision needs an acknowledgement, and whether it has one. */
export type AcknowledgementStatus = 'awaiting' | 'acknowledged' | 'not-required';

/** Report statuses that withdraw a report: shown as they are, needing no acknowledgement. */
export const WITHDRAWN_REPORT_STATUSES: readonly string[] = ['cancelled', 'entered-in-error'];

/** Whether a report status withdraws the report (cancelled, or entered in error). */
export function isWithdrawn(status: string): boolean {
  return WITHDRAWN_REPORT_STATUSES.includes(status);
}
