import type {
  ActorV1,
  CumulativeSeriesV1,
  DiagnosticReportV1,
  DiagnosticReportsPageV1,
  ResultQueuePageV1,
  TestRequestV1,
} from '@ilinks/diagnostics/contracts';
import type { Principal } from '@ilinks/platform/security';
import { ForbiddenError, NotFoundError } from '@ilinks/shared/kernel';
import { Inject, Injectable } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { noteAccess, noteAuditFacts } from '../audit/request-audit';
import { forwardedHeadersOf } from '../patient/forwarded-headers';
import { forwardedOf } from '../record/read/person-record';
import { DiagnosticSubjects } from './diagnostic-subjects';
import {
  isPartyToReport,
  isPartyToRequest,
  labelOfReport,
  labelOfRequest,
  reportEntity,
  requestEntity,
} from './diagnostic-readers';
import { type CumulativeQuery, DiagnosticsClient, type Recorded } from './diagnostics.client';
import type { PersonReportsQueryDto, UnacknowledgedQueryDto } from './diagnostics.dto';
import { DIAGNOSTICS_SETTINGS, type DiagnosticsSettings } from './diagnostics.options';
import { type AuthorizedPerson, DiagnosticsPersons, reportsScopeOf } from './diagnostics-persons';
import { diagnosticReportFromFhir } from './fhir-diagnostic-report.parse';
import { serviceRequestFromFhir } from './fhir-service-request.parse';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The same answer for an unknown report and one the caller may not see. */
export const REPORT_NOT_FOUND = 'no DiagnosticReport with this id that you may see';
export const REQUEST_NOT_FOUND = 'no ServiceRequest with this id that you may see';
/** A person's results, asked about before any one report is sifted. */
const RESULTS = { part: 'results' } as const;
const DEFAULT_PAGE = 20;
/** Individuals and carers see only what has been released to the individual. */
const RELEASED_ONLY_ROLES = ['individual', 'carer'];

/** Who acts: the token's subject, role and organisation, never anything the body says. */
export function actorOf(principal: Principal): ActorV1 {
  return { subject: principal.subject, role: principal.role, organisation: principal.organisation };
}

/**
 * Test requests, reports and results at the edge: partners' FHIR resolved to persons and recorded
 * as their token's organisation; every read of a report either by a party to it (the lab, a
 * recipient, an organisation it escalated to) or through the person's access decision. Each route
 * notes its audit facts.
 */
@Injectable()
export class DiagnosticsEdge {
  constructor(
    private readonly diagnostics: DiagnosticsClient,
    private readonly subjects: DiagnosticSubjects,
    private readonly persons: DiagnosticsPersons,
    @Inject(DIAGNOSTICS_SETTINGS) private readonly settings: DiagnosticsSettings,
  ) {}

  /** A partner's ServiceRequest recorded (201), or known already (200). */
  async recordRequest(
    body: unknown,
    principal: Principal,
    request: IncomingMessage,
  ): Promise<Recorded<TestRequestV1>> {
    noteAuditFacts(request, { operation: 'ServiceRequest.create' });
    const headers = forwardedHeadersOf(request);
    const reading = serviceRequestFromFhir(body, principal.organisation, this.settings.clock.now());
    const subject = await this.subjects.resolve(
      reading.subject,
      principal.organisation,
      'ServiceRequest',
      forwardedOf(request),
    );
    noteAccess(request, subject.personId);
    const recorded = await this.diagnostics.recordRequest(
      { ...reading.draft, subject, recordedBy: actorOf(principal) },
      headers,
    );
    noteAccess(request, subject.personId, requestEntity(recorded.value.requestId));
    return recorded;
  }

  /** A lab's DiagnosticReport recorded (201), revised or known already (200). */
  async recordReport(
    body: unknown,
    principal: Principal,
    request: IncomingMessage,
  ): Promise<Recorded<DiagnosticReportV1>> {
    noteAuditFacts(request, { operation: 'DiagnosticReport.create' });
    const headers = forwardedHeadersOf(request);
    const now = this.settings.clock.now();
    const reading = diagnosticReportFromFhir(body, now);
    const subject = await this.subjects.resolve(
      reading.subject,
      principal.organisation,
      'DiagnosticReport',
      forwardedOf(request),
    );
    noteAccess(request, subject.personId);
    const registeredPractice = await this.subjects.registeredPracticeOf(
      subject.personId,
      now,
      forwardedOf(request),
    );
    const recorded = await this.diagnostics.recordReport(
      {
        ...reading.draft,
        subject,
        recordedBy: actorOf(principal),
        ...(registeredPractice === undefined ? {} : { registeredPractice }),
      },
      headers,
    );
    noteAccess(request, subject.personId, reportEntity(recorded.value.reportId));
    return recorded;
  }

  /** A report the caller may see; the same 404 for one they may not and an unknown one. */
  async report(
    reportId: string,
    principal: Principal,
    request: IncomingMessage,
  ): Promise<DiagnosticReportV1> {
    noteAuditFacts(request, { operation: 'DiagnosticReport.read' });
    return this.readableReport(reportId, principal, request);
  }

  /** A request the caller may see (party to it, or let by the decision); 404 otherwise. */
  async testRequest(
    requestId: string,
    principal: Principal,
    request: IncomingMessage,
  ): Promise<TestRequestV1> {
    noteAuditFacts(request, { operation: 'ServiceRequest.read' });
    if (!UUID.test(requestId)) throw new NotFoundError(REQUEST_NOT_FOUND);
    const found = await this.diagnostics
      .request(requestId.toLowerCase(), forwardedOf(request))
      .catch(rethrowAs(REQUEST_NOT_FOUND));
    const personId = found.subject.personId;
    if (
      !isPartyToRequest(found, principal.organisation) &&
      !(await this.decisionShows(personId, labelOfRequest(found), principal, request))
    ) {
      noteAccess(request, personId, { ...requestEntity(found.requestId), withheld: true });
      throw new NotFoundError(REQUEST_NOT_FOUND);
    }
    noteAccess(request, personId, requestEntity(found.requestId));
    return found;
  }

  /** The caller's organisation's queue of results awaiting acknowledgement, most urgent first. */
  async unacknowledged(
    query: UnacknowledgedQueryDto,
    principal: Principal,
    request: IncomingMessage,
  ): Promise<ResultQueuePageV1> {
    noteAuditFacts(request, { operation: 'DiagnosticReport.search' });
    const page = await this.diagnostics.unacknowledged(
      {
        organisation: principal.organisation,
        ...(query.team === undefined ? {} : { team: query.team }),
        ...(query.practitioner === undefined ? {} : { practitioner: query.practitioner }),
        ...(query.abnormalOnly === undefined ? {} : { abnormalOnly: query.abnormalOnly === 'true' }),
        ...(query.cursor === undefined ? {} : { cursor: query.cursor }),
        limit: query.limit ?? DEFAULT_PAGE,
      },
      forwardedOf(request),
    );
    for (const item of page.items) noteAccess(request, item.subject.personId, reportEntity(item.reportId));
    return page;
  }

  /** Acknowledges a report the caller may see; the service refuses (403) anyone not routed it. */
  async acknowledge(
    reportId: string,
    note: string | undefined,
    principal: Principal,
    request: IncomingMessage,
  ): Promise<DiagnosticReportV1> {
    noteAuditFacts(request, { operation: 'DiagnosticReport.acknowledge' });
    const headers = forwardedHeadersOf(request);
    const report = await this.readableReport(reportId, principal, request);
    return this.diagnostics.acknowledge(
      report.reportId,
      { by: actorOf(principal), ...(note === undefined ? {} : { note }) },
      headers,
    );
  }

  /** Releases a report to the individual now; the service refuses (403) anyone not routed it. */
  async release(
    reportId: string,
    principal: Principal,
    request: IncomingMessage,
  ): Promise<DiagnosticReportV1> {
    noteAuditFacts(request, { operation: 'DiagnosticReport.release' });
    const headers = forwardedHeadersOf(request);
    const report = await this.readableReport(reportId, principal, request);
    return this.diagnostics.release(report.reportId, { by: actorOf(principal) }, headers);
  }

  /**
   * A person's reports, newest first, through the access decision: individuals and carers see only
   * those released; a report the decision hides is neither shown nor counted (audited withheld).
   */
  async personReports(
    personId: string,
    query: PersonReportsQueryDto,
    principal: Principal,
    request: IncomingMessage,
  ): Promise<DiagnosticReportsPageV1> {
    noteAuditFacts(request, { operation: 'DiagnosticReport.search' });
    const { person, access } = await this.persons.authorize(personId, RESULTS, principal, request);
    const page = await this.diagnostics.personReports(
      {
        ...reportsScopeOf(person),
        releasedOnly: releasedOnlyFor(principal),
        ...(query.cursor === undefined ? {} : { cursor: query.cursor }),
        limit: query.limit ?? DEFAULT_PAGE,
      },
      forwardedOf(request),
    );
    const reports = page.reports.filter((report) => {
      const shown = access.isVisible(labelOfReport(report));
      noteAccess(request, person.personId, reportEntity(report.reportId, !shown));
      return shown;
    });
    return { reports, ...(page.nextCursor === undefined ? {} : { nextCursor: page.nextCursor }) };
  }

  /** One analyte's series of a person: a point the decision hides (by its lab) is left out. */
  async cumulative(
    personId: string,
    analyte: string,
    principal: Principal,
    request: IncomingMessage,
  ): Promise<CumulativeSeriesV1> {
    noteAuditFacts(request, { operation: 'Observation.search' });
    const { series } = await this.siftedSeries(personId, analyte, principal, request);
    return series;
  }

  /**
   * The series plotted by the service. The drawing cannot be sifted, so it is served only when the
   * decision hides none of its points (403 otherwise: the JSON series shows what may be seen).
   */
  async cumulativeSvg(
    personId: string,
    analyte: string,
    principal: Principal,
    request: IncomingMessage,
  ): Promise<string> {
    noteAuditFacts(request, { operation: 'Observation.search' });
    const { query, hidden } = await this.siftedSeries(personId, analyte, principal, request);
    if (hidden > 0) {
      throw new ForbiddenError(
        'some results of this series are not shown to you, so it cannot be drawn: read the cumulative series as JSON',
      );
    }
    return this.diagnostics.cumulativeSvg(query, forwardedOf(request));
  }

  private async siftedSeries(
    personId: string,
    analyte: string,
    principal: Principal,
    request: IncomingMessage,
  ): Promise<{ series: CumulativeSeriesV1; query: CumulativeQuery; hidden: number }> {
    const { person, access } = await this.persons.authorize(personId, RESULTS, principal, request);
    const query: CumulativeQuery = {
      ...reportsScopeOf(person),
      analyte,
      releasedOnly: releasedOnlyFor(principal),
    };
    const series = await this.diagnostics.cumulative(query, forwardedOf(request));
    const points = series.points.filter((point) => {
      const shown = access.isVisible({ part: 'results', organisation: point.organisation });
      noteAccess(request, person.personId, reportEntity(point.reportId, !shown));
      return shown;
    });
    return { series: { ...series, points }, query, hidden: series.points.length - points.length };
  }

  /** The report, when the caller is party to it or the person's decision shows it; 404 otherwise. */
  private async readableReport(
    reportId: string,
    principal: Principal,
    request: IncomingMessage,
  ): Promise<DiagnosticReportV1> {
    if (!UUID.test(reportId)) throw new NotFoundError(REPORT_NOT_FOUND);
    const report = await this.diagnostics
      .report(reportId.toLowerCase(), forwardedOf(request))
      .catch(rethrowAs(REPORT_NOT_FOUND));
    const personId = report.subject.personId;
    if (
      !isPartyToReport(report, principal.organisation) &&
      !(await this.decisionShows(personId, labelOfReport(report), principal, request))
    ) {
      noteAccess(request, personId, reportEntity(report.reportId, true));
      throw new NotFoundError(REPORT_NOT_FOUND);
    }
    noteAccess(request, personId, reportEntity(report.reportId));
    return report;
  }

  /** Whether the person's access decision lets the caller see an item so labelled (a refusal is `false`). */
  private async decisionShows(
    personId: string,
    label: ReturnType<typeof labelOfReport>,
    principal: Principal,
    request: IncomingMessage,
  ): Promise<boolean> {
    let authorized: AuthorizedPerson;
    try {
      authorized = await this.persons.authorize(personId, label, principal, request);
    } catch (error) {
      if (error instanceof ForbiddenError || error instanceof NotFoundError) return false;
      throw error;
    }
    return authorized.access.isVisible(label);
  }
}

function releasedOnlyFor(principal: Principal): boolean {
  return RELEASED_ONLY_ROLES.includes(principal.role);
}

/** A 404 from the service becomes the edge's own 404 text; anything else passes. */
function rethrowAs(message: string): (error: unknown) => never {
  return (error: unknown) => {
    throw error instanceof NotFoundError ? new NotFoundError(message) : error;
  };
}
