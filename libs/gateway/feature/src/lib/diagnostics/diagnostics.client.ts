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
import { UnavailableError } from '@ilinks/shared/kernel';
import { Inject, Injectable } from '@nestjs/common';
import { BACKEND_SERVICES, type BackendServices } from '../bootstrap/backend-services';
import {
  errorForServiceResponse,
  type ForwardedHeaders,
  type ServiceCaller,
  serviceCaller,
} from '../patient/service-call';

const SERVICE = 'diagnostics';
const SERVICE_TEXT = 'the diagnostics service';
const TIMEOUT_MS = 10_000;
const TRACEPARENT = /^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;

/** A recorded request or report, and whether the service recorded it anew (201) or knew it (200). */
export interface Recorded<T> {
  readonly value: T;
  readonly created: boolean;
}

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
}

/**
 * The diagnostics service's internal API (routes in `@ilinks/diagnostics/contracts`), as the
 * gateway calls it: refusals become the kernel's typed errors with the service's issue texts, an
 * unreachable service `UnavailableError` (503).
 */
@Injectable()
export class DiagnosticsClient {
  private readonly call: ServiceCaller;
  private readonly baseUrl: string;

  constructor(@Inject(BACKEND_SERVICES) services: BackendServices) {
    this.call = serviceCaller(services, {
      name: SERVICE,
      text: SERVICE_TEXT,
      client: 'DiagnosticsClient',
      timeoutMs: TIMEOUT_MS,
    });
    this.baseUrl = (services[SERVICE] ?? '').replace(/\/+$/, '');
  }

  recordRequest(request: RecordTestRequestV1, headers: ForwardedHeaders): Promise<Recorded<TestRequestV1>> {
    return this.post('/requests', request, headers);
  }

  request(requestId: string, headers: ForwardedHeaders): Promise<TestRequestV1> {
    return this.call('GET', `/requests/${encodeURIComponent(requestId)}`, headers);
  }

  recordReport(
    request: RecordReportRequestV1,
    headers: ForwardedHeaders,
  ): Promise<Recorded<DiagnosticReportV1>> {
    return this.post('/reports', request, headers);
  }

  report(reportId: string, headers: ForwardedHeaders): Promise<DiagnosticReportV1> {
    return this.call('GET', `/reports/${encodeURIComponent(reportId)}`, headers);
  }

  personReports(query: PersonReportsQuery, headers: ForwardedHeaders): Promise<DiagnosticReportsPageV1> {
    const search = scopeSearch(query);
    if (query.releasedOnly) search.set('releasedOnly', 'true');
    if (query.cursor !== undefined) search.set('cursor', query.cursor);
    if (query.limit !== undefined) search.set('limit', String(query.limit));
    return this.call('GET', `/reports?${search.toString()}`, headers);
  }

  unacknowledged(query: ResultQueueQueryV1, headers: ForwardedHeaders): Promise<ResultQueuePageV1> {
    const search = new URLSearchParams();
    for (const [name, value] of Object.entries(query)) {
      if (value !== undefined) search.set(name, String(value));
    }
    return this.call('GET', `/unacknowledged?${search.toString()}`, headers);
  }

  acknowledge(
    reportId: string,
    request: AcknowledgeReportRequestV1,
    headers: ForwardedHeaders,
  ): Promise<DiagnosticReportV1> {
    return this.call('POST', `/reports/${encodeURIComponent(reportId)}/acknowledge`, headers, request);
  }

  release(
    reportId: string,
    request: ReleaseReportRequestV1,
    headers: ForwardedHeaders,
  ): Promise<DiagnosticReportV1> {
    return this.call('POST', `/reports/${encodeURIComponent(reportId)}/release`, headers, request);
  }

  cumulative(query: CumulativeQuery, headers: ForwardedHeaders): Promise<CumulativeSeriesV1> {
    return this.call('GET', `/cumulative?${cumulativeSearch(query).toString()}`, headers);
  }

  /** The series plotted, as the service drew it (`image/svg+xml`). */
  async cumulativeSvg(query: CumulativeQuery, headers: ForwardedHeaders): Promise<string> {
    const response = await this.fetch(
      'GET',
      `/cumulative/svg?${cumulativeSearch(query).toString()}`,
      headers,
    );
    return response.text();
  }

  /** A POST whose status says whether it was recorded anew (201) or already known (200). */
  private async post<T>(path: string, body: unknown, headers: ForwardedHeaders): Promise<Recorded<T>> {
    const response = await this.fetch('POST', path, headers, body);
    return { value: (await response.json()) as T, created: response.status === 201 };
  }

  private async fetch(
    method: 'GET' | 'POST',
    path: string,
    headers: ForwardedHeaders,
    body?: unknown,
  ): Promise<Response> {
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers: {
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(headers.idempotencyKey === undefined ? {} : { 'idempotency-key': headers.idempotencyKey }),
          // As callService: a malformed traceparent is dropped rather than passed on.
          ...(headers.traceparent !== undefined && TRACEPARENT.test(headers.traceparent)
            ? { traceparent: headers.traceparent }
            : {}),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch {
      throw new UnavailableError(`${SERVICE_TEXT} cannot be reached`);
    }
    if (response.ok) return response;
    throw errorForServiceResponse(SERVICE_TEXT, response.status, await response.text().catch(() => ''));
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
  return search;
}
