import type { AuditEntityV1 } from '@ilinks/audit/contracts';
import type { ResourceLabel } from '@ilinks/consent/domain';
import type { DiagnosticReportV1, TestRequestV1 } from '@ilinks/diagnostics/contracts';

/**
 * Whether `organisation` reads the report as one it is party to, without asking the person's access
 * decision: the lab that sent it, a recipient of it, or an organisation it escalated to.
 */
export function isPartyToReport(report: DiagnosticReportV1, organisation: string): boolean {
  return (
    report.organisation === organisation ||
    report.recipients.some((recipient) => recipient.participant.organisation === organisation) ||
    report.escalations.some((escalation) => escalation.to.organisation === organisation)
  );
}

/** Whether `organisation` is party to the request: its requester, the performer asked, or copied in. */
export function isPartyToRequest(request: TestRequestV1, organisation: string): boolean {
  return (
    request.organisation === organisation ||
    request.performer === organisation ||
    request.copiesTo.some((copy) => copy.organisation === organisation)
  );
}

/** A report as the access decision sees it: results, of the lab, not for the patient until released. */
export function labelOfReport(report: Pick<DiagnosticReportV1, 'organisation' | 'release'>): ResourceLabel {
  return { part: 'results', organisation: report.organisation, notForPatientView: !report.release.released };
}

/** A request as the access decision sees it: part of the results, of the requesting organisation. */
export function labelOfRequest(request: Pick<TestRequestV1, 'organisation'>): ResourceLabel {
  return { part: 'results', organisation: request.organisation };
}

/** A report as the audit trail names it. */
export function reportEntity(reportId: string, withheld = false): AuditEntityV1 {
  return { resourceType: 'DiagnosticReport', id: reportId, ...(withheld ? { withheld: true as const } : {}) };
}

/** A request as the audit trail names it. */
export function requestEntity(requestId: string, withheld = false): AuditEntityV1 {
  return { resourceType: 'ServiceRequest', id: requestId, ...(withheld ? { withheld: true as const } : {}) };
}
