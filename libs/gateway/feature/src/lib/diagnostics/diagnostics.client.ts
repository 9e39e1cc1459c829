import type {
  AcknowledgeReportRequestV1,
  CumulativeSeriesV1,
  DiagnosticReportV1,
  DiagnosticReportsPageV1,
  RecordReportRequestV1,
  RecordTestRequestV1,
  ReleaseReportRequestV1,
  ResultQueuePageV1,
  ResultQueueQueryV1,
  TestRequestV1,
} from '@ilinks/diagnostics/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { BACKEND_SERVICES, type BackendServices } from '../bootstrap/backend-services';
import {
  type Creation,
  type ForwardedHeaders,
  type ServiceCallers,
  serviceCallers,
} from '../patient/service-call';

const SERVICE = 'diagnostics';
const SERVICE_TEXT = 'the diagnostics service';
const TIMEOUT_MS = 10_000;

/** A recorded request or report, and whether the service recorded it anew (201) or knew it (200). */
export type Recorded<T> = Creation<T>;

/** Whose reports to read: the person's current local records and every person id merged into it. */
export interface PersonReportsScope {
  readonly localRecordIds: readonly string[];
  readonly personIds: readonly string[];
}

/** A page of a person's reports. */
export interface PersonReportsQuery extends PersonReportsScope {
  readonly releasedOnly: boolean;
  readonly cursor?: string;
  readonly limit?: number;
}

/** One analyte's series of a person. */
export interface CumulativeQuery extends PersonReportsScope {
  readonly analyte: string;
  readonly releasedOnly: boolean;
  /** Labs whose results the caller may not see: the service leaves them out of a drawing. */
  readonly excludeOrganisations?: readonly string[];
}

/**
 * The diagnostics service's internal API (routes in `@ilinks/diagnostics/contracts`), as the
 * gateway calls it: refusals become the kernel's typed errors with the service's issue texts, an
 * unreachable service `UnavailableError` (503).
 */
@Injectable()
export class DiagnosticsClient {
  private readonly service: ServiceCallers;

  constructor(@Inject(BACKEND_SERVICES) services: BackendServices) {
    this.service = serviceCallers(services, {
      name: SERVICE,
      text: SERVICE_TEXT,
      client: 'DiagnosticsClient',
      timeoutMs: TIMEOUT_MS,
    });
  }

  recordRequest(request: RecordTestRequestV1, headers: ForwardedHeaders): Promise<Recorded<TestRequestV1>> {
    return this.service.create('/requests', headers, request);
  }

  request(requestId: string, headers: ForwardedHeaders): Promise<TestRequestV1> {
    return this.service.call('GET', `/requests/${encodeURIComponent(requestId)}`, headers);
  }

  recordReport(
    request: RecordReportRequestV1,
    headers: ForwardedHeaders,
  ): Promise<Recorded<DiagnosticReportV1>> {
    return this.service.create('/reports', headers, request);
  }

  report(reportId: string, headers: ForwardedHeaders): Promise<DiagnosticReportV1> {
    return this.service.call('GET', `/reports/${encodeURIComponent(reportId)}`, headers);
  }

  personReports(query: PersonReportsQuery, headers: ForwardedHeaders): Promise<DiagnosticReportsPageV1> {
    const search = scopeSearch(query);
    if (query.releasedOnly) search.set('releasedOnly', 'true');
    if (query.cursor !== undefined) search.set('cursor', query.cursor);
    if (query.limit !== undefined) search.set('limit', String(query.limit));
    return this.service.call('GET', `/reports?${search.toString()}`, headers);
  }

  unacknowledged(query: ResultQueueQueryV1, headers: ForwardedHeaders): Promise<ResultQueuePageV1> {
    const search = new URLSearchParams();
    for (const [name, value] of Object.entries(query)) {
      if (value !== undefined) search.set(name, String(value));
    }
    return this.service.call('GET', `/unacknowledged?${search.toString()}`, headers);
  }

  acknowledge(
    reportId: string,
    request: AcknowledgeReportRequestV1,
    headers: ForwardedHeaders,
  ): Promise<DiagnosticReportV1> {
    return this.service.call(
      'POST',
      `/reports/${encodeURIComponent(reportId)}/acknowledge`,
      headers,
      request,
    );
  }

  release(
    reportId: string,
    request: ReleaseReportRequestV1,
    headers: ForwardedHeaders,
  ): Promise<DiagnosticReportV1> {
    return this.service.call('POST', `/reports/${encodeURIComponent(reportId)}/release`, headers, request);
  }

  cumulative(query: CumulativeQuery, headers: ForwardedHeaders): Promise<CumulativeSeriesV1> {
    return this.service.call('GET', `/cumulative?${cumulativeSearch(query).toString()}`, headers);
  }

  /** The series plotted, as the service drew it (`image/svg+xml`). */
  cumulativeSvg(query: CumulativeQuery, headers: ForwardedHeaders): Promise<string> {
    return this.service.text(
      `/cumulative/svg?${cumulativeSearch(query).toString()}`,
      headers,
      'image/svg+xml',
    );
  }
}

function scopeSearch(scope: PersonReportsScope): URLSearchParams {
  const search = new URLSearchParams();
  for (const localRecordId of scope.localRecordIds) search.append('localRecordId', localRecordId);
  for (const personId of scope.personIds) search.append('personId', personId);
  return search;
}

function cumulativeSearch(query: CumulativeQuery): URLSearchParams {
  const search = scopeSearch(query);
  search.set('analyte', query.analyte);
  if (query.releasedOnly) search.set('releasedOnly', 'true');
  for (const organisation of query.excludeOrganisations ?? [])
    search.append('excludeOrganisation', organisation);
  return search;
}
