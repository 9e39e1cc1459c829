import { canonicalJson, deterministicUuid } from '@ilinks/shared/kernel';

const REQUEST_NAMESPACE = 'ilinks:diagnostics:request';
const REPORT_NAMESPACE = 'ilinks:diagnostics:report';
const CONTENT_NAMESPACE = 'ilinks:diagnostics:content';

/** Prefix of every stream the diagnostics service owns. */
export const DIAGNOSTICS_STREAM_PREFIX = 'diagnostics.';

/**
 * Our id for a partner's test request: the same for the same requesting organisation and partner
 * id, so a resend lands on the same stream, and not the partner's id itself, so stream names and
 * Kafka keys carry nothing a person could be found by.
 */
export function requestIdFor(organisation: string, partnerRequestId: string): string {
  return deterministicUuid(REQUEST_NAMESPACE, `${organisation}|${partnerRequestId}`);
}

/** Our id for a lab's report: the same for the same lab and partner report id. */
export function reportIdFor(labOrganisation: string, partnerReportId: string): string {
  return deterministicUuid(REPORT_NAMESPACE, `${labOrganisation}|${partnerReportId}`);
}

/** The stream of one test request. */
export const requestStream = (requestId: string): string =>
  `${DIAGNOSTICS_STREAM_PREFIX}request-${requestId}`;

/** The stream of one report and its acknowledgements, escalations and release. */
export const reportStream = (reportId: string): string => `${DIAGNOSTICS_STREAM_PREFIX}report-${reportId}`;

/**
 * A stable digest of what a partner sent (canonical JSON, so key order does not matter): equal for
 * a resend of the same content, so an unchanged resend records nothing.
 */
export function contentHashOf(value: unknown): string {
  return deterministicUuid(CONTENT_NAMESPACE, canonicalJson(value));
}
