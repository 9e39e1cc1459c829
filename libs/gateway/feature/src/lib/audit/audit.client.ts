import type {
  AccessAlertV1,
  AlertPageV1,
  AuditEventV1,
  AuditPageV1,
  ReviewAlertRequestV1,
  TrailVerificationV1,
} from '@ilinks/audit/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { BACKEND_SERVICES, type BackendServices } from '../bootstrap/backend-services';
import { type ForwardedHeaders, type ServiceCaller, serviceCaller } from '../patient/service-call';
import type { AuditEventSearch } from './audit-event-search';

export interface AlertQuery {
  readonly status?: 'open' | 'reviewed';
  readonly cursor?: string;
  readonly limit?: number;
}

const SERVICE = 'audit';
const SERVICE_TEXT = 'the audit service';
const TIMEOUT_MS = 10_000;
/** Verification walks the whole chain. */
const VERIFY_TIMEOUT_MS = 5 * 60_000;

/**
 * The audit service's internal API (`audit-api.v1.ts`), as the gateway calls it. Refusals become
 * the kernel's typed errors with the service's issue texts; an unreachable service is a 503.
 */
@Injectable()
export class AuditClient {
  private readonly call: ServiceCaller;

  constructor(@Inject(BACKEND_SERVICES) services: BackendServices) {
    this.call = serviceCaller(services, {
      name: SERVICE,
      text: SERVICE_TEXT,
      client: 'AuditClient',
      timeoutMs: TIMEOUT_MS,
    });
  }

  searchEvents(search: AuditEventSearch, headers: ForwardedHeaders = {}): Promise<AuditPageV1> {
    const query = new URLSearchParams({ limit: String(search.limit) });
    if (search.patient !== undefined) query.set('patient', search.patient);
    if (search.agent !== undefined) query.set('agent', search.agent);
    if (search.since !== undefined) query.set('since', search.since);
    if (search.until !== undefined) query.set('until', search.until);
    if (search.cursor !== undefined) query.set('cursor', search.cursor);
    return this.call('GET', `/audit-events?${query.toString()}`, headers);
  }

  getEvent(recordId: string, headers: ForwardedHeaders = {}): Promise<AuditEventV1> {
    return this.call('GET', `/audit-events/${encodeURIComponent(recordId)}`, headers);
  }

  verifyTrail(headers: ForwardedHeaders = {}): Promise<TrailVerificationV1> {
    return this.call('POST', '/trail/verify', headers, {}, VERIFY_TIMEOUT_MS);
  }

  listAlerts(query: AlertQuery, headers: ForwardedHeaders = {}): Promise<AlertPageV1> {
    const search = new URLSearchParams();
    if (query.status !== undefined) search.set('status', query.status);
    if (query.cursor !== undefined) search.set('cursor', query.cursor);
    if (query.limit !== undefined) search.set('limit', String(query.limit));
    const suffix = search.size > 0 ? `?${search.toString()}` : '';
    return this.call('GET', `/alerts${suffix}`, headers);
  }

  reviewAlert(
    alertId: string,
    request: ReviewAlertRequestV1,
    headers: ForwardedHeaders = {},
  ): Promise<AccessAlertV1> {
    return this.call('POST', `/alerts/${encodeURIComponent(alertId)}/review`, headers, request);
  }
}
