import type {
  AcknowledgeAlertRequestV1,
  SafeguardingAlertsPageV1,
  SafeguardingAlertV1,
} from '@ilinks/record-projection/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { BACKEND_SERVICES, type BackendServices } from '../../bootstrap/backend-services';
import { type ForwardedHeaders, type ServiceCaller, serviceCaller } from '../../patient/service-call';

const SERVICE = 'record-projection';
const TIMEOUT_MS = 10_000;

/** What a list asks the record service for: the addressed organisation always. */
export interface SafeguardingAlertsQuery {
  readonly organisation: string;
  readonly personId?: string;
  readonly status?: 'open' | 'acknowledged';
  readonly cursor?: string;
  readonly limit?: number;
}

/**
 * The record service's safeguarding API, as the gateway calls it: its refusals become the kernel's
 * typed errors (403, 404), an unreachable service `UnavailableError` (503).
 */
@Injectable()
export class SafeguardingAlertsClient {
  private readonly caller: ServiceCaller;

  constructor(@Inject(BACKEND_SERVICES) services: BackendServices) {
    this.caller = serviceCaller(services, {
      name: SERVICE,
      text: 'the record service',
      client: 'SafeguardingAlertsClient',
      timeoutMs: TIMEOUT_MS,
    });
  }

  /** The alerts addressed to the organisation, newest first. */
  list(query: SafeguardingAlertsQuery, headers: ForwardedHeaders = {}): Promise<SafeguardingAlertsPageV1> {
    const params = new URLSearchParams({ organisation: query.organisation });
    if (query.personId !== undefined) params.set('personId', query.personId);
    if (query.status !== undefined) params.set('status', query.status);
    if (query.cursor !== undefined) params.set('cursor', query.cursor);
    if (query.limit !== undefined) params.set('limit', String(query.limit));
    return this.caller('GET', `/safeguarding/alerts?${params.toString()}`, headers);
  }

  acknowledge(
    alertId: string,
    request: AcknowledgeAlertRequestV1,
    headers: ForwardedHeaders = {},
  ): Promise<SafeguardingAlertV1> {
    return this.caller(
      'POST',
      `/safeguarding/alerts/${encodeURIComponent(alertId)}/acknowledge`,
      headers,
      request,
    );
  }
}
