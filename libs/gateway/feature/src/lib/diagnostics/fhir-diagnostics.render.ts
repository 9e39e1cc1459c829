import type { DiagnosticReportV1, TestRequestV1 } from '@ilinks/diagnostics/contracts';

type FhirResource = Readonly<Record<string, unknown>>;

/**
 * A ServiceRequest as stored: the resource as sent, under our id, its current status and revision,
 * about the person it was resolved to.
 */
export function fhirServiceRequestOf(request: TestRequestV1): FhirResource {
  return {
    ...request.resource,
    resourceType: 'ServiceRequest',
    id: request.requestId,
    meta: metaOf(request.resource, request.revision, request.recordedAt),
    status: request.status,
    subject: { reference: `Patient/${request.subject.personId}` },
  };
}

/**
 * A DiagnosticReport as stored: the resource as sent (its contained Observations included), under
 * our id, its current status and revision, about the person it was resolved to.
 */
export function fhirDiagnosticReportOf(report: DiagnosticReportV1): FhirResource {
  return {
    ...report.resource,
    resourceType: 'DiagnosticReport',
    id: report.reportId,
    meta: metaOf(report.resource, report.revision, report.recordedAt),
    status: report.status,
    subject: { reference: `Patient/${report.subject.personId}` },
  };
}

/** The sender's `meta` (profiles, tags) with our version and last update. */
function metaOf(resource: FhirResource, revision: number, recordedAt: string): FhirResource {
  const sent = resource['meta'];
  const meta =
    typeof sent === 'object' && sent !== null && !Array.isArray(sent) ? (sent as FhirResource) : {};
  return { ...meta, versionId: String(revision), lastUpdated: recordedAt };
}
