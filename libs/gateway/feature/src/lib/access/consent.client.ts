import type {
  BreakGlassGrantV1,
  BreakGlassRequestV1,
  CareRelationshipV1,
  PersonAccessPolicyV1,
  StartRelationshipRequestV1,
} from '@ilinks/consent/contracts';
import { NotFoundError } from '@ilinks/shared/kernel';
import { Inject, Injectable } from '@nestjs/common';
import { BACKEND_SERVICES, type BackendServices } from '../bootstrap/backend-services';
import { type ForwardedHeaders, type ServiceCaller, serviceCaller } from '../patient/service-call';

const SERVICE = 'consent';
const SERVICE_TEXT = 'the consent service';
const TIMEOUT_MS = 5_000;

/**
 * The consent service's internal API as the gateway's enforcement point uses it (routes in
 * `@ilinks/consent/contracts`). Refusals become the kernel's typed errors with the service's issue
 * texts; an unreachable or failing service becomes `UnavailableError` (503): access is then refused,
 * never assumed.
 */
@Injectable()
export class ConsentClient {
  private readonly call: ServiceCaller;

  constructor(@Inject(BACKEND_SERVICES) services: BackendServices) {
    this.call = serviceCaller(services, {
      name: SERVICE,
      text: SERVICE_TEXT,
      client: 'ConsentClient',
      timeoutMs: TIMEOUT_MS,
    });
  }

  /**
   * `GET /persons/:personId/access-policy`; `undefined` when the service has not heard of the
   * person yet (it learns of persons from identity's events, asynchronously).
   */
  async getAccessPolicy(
    personId: string,
    headers: ForwardedHeaders = {},
  ): Promise<PersonAccessPolicyV1 | undefined> {
    try {
      return await this.call<PersonAccessPolicyV1>(
        'GET',
        `/persons/${encodeURIComponent(personId)}/access-policy`,
        headers,
      );
    } catch (error) {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    }
  }

  /** `POST /persons/:personId/break-glass`: a new grant, or the caller's unexpired one. */
  breakGlass(
    personId: string,
    request: BreakGlassRequestV1,
    headers: ForwardedHeaders = {},
  ): Promise<BreakGlassGrantV1> {
    return this.call('POST', `/persons/${encodeURIComponent(personId)}/break-glass`, headers, request);
  }

  /** `POST /persons/:personId/relationships`. */
  startRelationship(
    personId: string,
    request: StartRelationshipRequestV1,
    headers: ForwardedHeaders = {},
  ): Promise<CareRelationshipV1> {
    return this.call('POST', `/persons/${encodeURIComponent(personId)}/relationships`, headers, request);
  }
}
