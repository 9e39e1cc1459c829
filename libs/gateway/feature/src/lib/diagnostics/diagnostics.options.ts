import type { Clock } from '@ilinks/shared/kernel';

/** Injection token of {@link DiagnosticsSettings}. */
export const DIAGNOSTICS_SETTINGS = 'ilinks:gateway-diagnostics-settings';

/** What the diagnostics routes need besides the services. */
export interface DiagnosticsSettings {
  /** Public base URL of the FHIR API (`Location`); derived per request when unset. */
  readonly baseUrl?: string;
  /** When a registered practice is current, and how far a past date may lie ahead (clock skew). */
  readonly clock: Clock;
}
