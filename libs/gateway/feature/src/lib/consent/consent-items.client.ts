import type {
  AgreeCategoryRequestV1,
  ConsentItemV1,
  ConsentListV1,
  GrantDelegationRequestV1,
  RecordObjectionRequestV1,
  WithdrawConsentRequestV1,
} from '@ilinks/consent/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { BACKEND_SERVICES, type BackendServices } from '../bootstrap/backend-services';
import { type ForwardedHeaders, type ServiceCaller, serviceCaller } from '../patient/service-call';

const SERVICE = 'consent';
const SERVICE_TEXT = 'the consent service';
const TIMEOUT_MS = 10_000;

/**
 * The consent service's consent-item routes (`@ilinks/consent/contracts`, `consent-api.v1.ts`) as
 * the FHIR `Consent` endpoints use them. Refusals become the kernel's typed errors with the
 * service's issue texts; an unreachable service becomes `UnavailableError` (503).
 */
@Injectable()
export class ConsentItemsClient {
  private readonly call: ServiceCaller;

  constructor(@Inject(BACKEND_SERVICES) services: BackendServices) {
    this.call = serviceCaller(services, {
      name: SERVICE,
      text: SERVICE_TEXT,
      client: 'ConsentItemsClient',
      timeoutMs: TIMEOUT_MS,
    });
  }

  recordObjection(
    personId: string,
    request: RecordObjectionRequestV1,
    headers: ForwardedHeaders,
  ): Promise<ConsentItemV1> {
    return this.call('POST', `${personPath(personId)}/objections`, headers, request);
  }

  agreeCategory(
    personId: string,
    request: AgreeCategoryRequestV1,
    headers: ForwardedHeaders,
  ): Promise<ConsentItemV1> {
    return this.call('POST', `${personPath(personId)}/category-agreements`, headers, request);
  }

  grantDelegation(
    personId: string,
    request: GrantDelegationRequestV1,
    headers: ForwardedHeaders,
  ): Promise<ConsentItemV1> {
    return this.call('POST', `${personPath(personId)}/delegations`, headers, request);
  }

  withdraw(
    consentId: string,
    request: WithdrawConsentRequestV1,
    headers: ForwardedHeaders,
  ): Promise<ConsentItemV1> {
    return this.call('POST', `${consentPath(consentId)}/withdraw`, headers, request);
  }

  getConsent(consentId: string, headers: ForwardedHeaders = {}): Promise<ConsentItemV1> {
    return this.call('GET', consentPath(consentId), headers);
  }

  listConsents(
    personId: string,
    status: 'active' | 'inactive' | undefined,
    headers: ForwardedHeaders = {},
  ): Promise<ConsentListV1> {
    const query = status === undefined ? '' : `?status=${status}`;
    return this.call('GET', `${personPath(personId)}/consents${query}`, headers);
  }
}

function personPath(personId: string): string {
  return `/persons/${encodeURIComponent(personId)}`;
}

function consentPath(consentId: string): string {
  return `/consents/${encodeURIComponent(consentId)}`;
}
