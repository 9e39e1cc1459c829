import type { Clock } from '@ilinks/shared/kernel';

/** Injection token of the {@link GatewayConsentSettings}. */
export const GATEWAY_CONSENT_SETTINGS = 'ilinks:gateway-consent-settings';

export interface GatewayConsentSettings {
  /** Public base URL of the FHIR API; derived per request when unset. */
  readonly baseUrl?: string;
  /** Where "now" comes from, to refuse a proxy delegation that has already ended. */
  readonly clock: Clock;
}
