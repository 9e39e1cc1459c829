import type { RuntimeMode } from '@ilinks/platform/config';
import type { SoftwareInfo } from './capability-statement/capability-statement';

/** Injection token of the resolved gateway settings. */
export const GATEWAY_SETTINGS = 'ilinks:gateway-settings';

/** Injection token of the `DevTokenIssuer` (embedded mode only). */
export const DEV_TOKEN_ISSUER = 'ilinks:dev-token-issuer';

export interface GatewaySettings {
  readonly mode: RuntimeMode;
  readonly software: SoftwareInfo;
  /** Public base URL of the FHIR API; derived from each request when unset. */
  readonly baseUrl?: string;
  readonly startedAt: Date;
}
