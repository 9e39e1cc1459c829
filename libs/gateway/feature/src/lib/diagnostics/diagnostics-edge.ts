import type {
  ActorV1,
  CumulativeSeriesV1,
  DiagnosticReportV1,
  DiagnosticReportsPageV1,
  DiagnosticSubjectV1,
  ResultQueuePageV1,
  TestRequestV1,
} from '@ilinks/diagnostics/contracts';
import type { AuditEntityV1 } from '@ilinks/audit/contracts';
import type { ResourceLabel } from '@ilinks/consent/domain';
import type { Principal } from '@ilinks/platform/security';
import { ForbiddenError, NotFoundError } from '@ilinks/shared/kernel';
import { Inject, Injectable } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { noteAccess, noteAuditFacts } from '../audit/request-audit';
import { forwardedHeadersOf } from '../patient/forwarded-headers';
import { type AuthorizedPerson, dataScopeOf, GoverningPersons } from '../patient/governing-persons';
import type { PatientReference } from '../patient/patient-reference.fhir';
import type { ForwardedHeaders } from '../patient/service-call';
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

/** How to read one kind of item a caller may see when party to it or let by the person's decision. */
interface ReadableKind<T> {
  /** The same answer for an unknown item and one the caller may not see. */
  readonly notFound: string;
  read(id: string, forwarded: ForwardedHeaders): Promise<T>;
  isParty(item: T, organisation: string): boolean;
  labelOf(item: T): ResourceLabel;
  entityOf(item: T, withheld: boolean): AuditEntityV1;
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
    private readonly persons: GoverningPersons,
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
    const subject = await this.subjectOf(reading.subject, 'ServiceRequest', principal, request);
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
    const subject = await this.subjectOf(reading.subject, 'DiagnosticReport', principal, request);
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

  /** The person a sender's resource is about (422 when none is known), audited as touched. */
  private async subjectOf(
    reference: PatientReference,
    type: string,
    principal: Principal,
    request: IncomingMessage,
  ): Promise<DiagnosticSubjectV1> {
    const subject = await this.subjects.resolve(
      reference,
      principal.organisation,
      type,
      forwardedOf(request),
    );
    noteAccess(request, subject.personId);
    return subject;
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
    return this.readable<TestRequestV1>(requestId, principal, request, {
      notFound: REQUEST_NOT_FOUND,
      read: (id, forwarded) => this.diagnostics.request(id, forwarded),
      isParty: isPartyToRequest,
      labelOf: labelOfRequest,
      entityOf: (found, withheld) => requestEntity(found.requestId, withheld),
    });
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
    const { person, access } = await this.persons.open(
      personId,
      principal,
      request,
      RESULTS,
      forwardedOf(request),
    );
    const page = await this.diagnostics.personReports(
      {
        ...dataScopeOf(person),
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
   * The series plotted by the service, without the labs whose points the decision hides (the
   * drawing cannot be sifted afterwards, so the service leaves them out before drawing).
   */
  async cumulativeSvg(
    personId: string,
    analyte: string,
    principal: Principal,
    request: IncomingMessage,
  ): Promise<string> {
    noteAuditFacts(request, { operation: 'Observation.search' });
    const { query, hiddenOrganisations } = await this.siftedSeries(personId, analyte, principal, request);
    return this.diagnostics.cumulativeSvg(
      { ...query, excludeOrganisations: hiddenOrganisations },
      forwardedOf(request),
    );
  }

  private async siftedSeries(
    personId: string,
    analyte: string,
    principal: Principal,
    request: IncomingMessage,
  ): Promise<{ series: CumulativeSeriesV1; query: CumulativeQuery; hiddenOrganisations: string[] }> {
    const { person, access } = await this.persons.open(
      personId,
      principal,
      request,
      RESULTS,
      forwardedOf(request),
    );
    const query: CumulativeQuery = {
      ...dataScopeOf(person),
      analyte,
      releasedOnly: releasedOnlyFor(principal),
    };
    const series = await this.diagnostics.cumulative(query, forwardedOf(request));
    const points = series.points.filter((point) => {
      const shown = access.isVisible({ part: 'results', organisation: point.organisation });
      noteAccess(request, person.personId, reportEntity(point.reportId, !shown));
      return shown;
    });
    const hiddenOrganisations = [
      ...new Set(series.points.filter((point) => !points.includes(point)).map((point) => point.organisation)),
    ];
    return { series: { ...series, points }, query, hiddenOrganisations };
  }

  /**
   * The request or report, when the caller's organisation is party to it or the person's decision
   * shows it; the same 404 for one they may not see and an unknown one (audited withheld).
   */
  private async readable<T extends { readonly subject: { readonly personId: string } }>(
    id: string,
    principal: Principal,
    request: IncomingMessage,
    kind: ReadableKind<T>,
  ): Promise<T> {
    if (!UUID.test(id)) throw new NotFoundError(kind.notFound);
    const found = await kind.read(id.toLowerCase(), forwardedOf(request)).catch(rethrowAs(kind.notFound));
    const personId = found.subject.personId;
    if (
      !kind.isParty(found, principal.organisation) &&
      !(await this.decisionShows(personId, kind.labelOf(found), principal, request))
    ) {
      noteAccess(request, personId, kind.entityOf(found, true));
      throw new NotFoundError(kind.notFound);
    }
    noteAccess(request, personId, kind.entityOf(found, false));
    return found;
  }

  /** The report, when the caller is party to it or the person's decision shows it; 404 otherwise. */
  private readableReport(
    reportId: string,
    principal: Principal,
    request: IncomingMessage,
  ): Promise<DiagnosticReportV1> {
    return this.readable<DiagnosticReportV1>(reportId, principal, request, {
      notFound: REPORT_NOT_FOUND,
      read: (id, forwarded) => this.diagnostics.report(id, forwarded),
      isParty: isPartyToReport,
      labelOf: labelOfReport,
      entityOf: (report, withheld) => reportEntity(report.reportId, withheld),
    });
  }

  /** Whether the person's access decision lets the caller see an item so labelled (a refusal is `false`). */
  private async decisionShows(
    personId: string,
    label: ResourceLabel,
    principal: Principal,
    request: IncomingMessage,
  ): Promise<boolean> {
    let authorized: AuthorizedPerson;
    try {
      authorized = await this.persons.open(personId, principal, request, label, forwardedOf(request));
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
