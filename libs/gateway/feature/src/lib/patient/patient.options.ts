import type { Clock } from '@ilinks/shared/kernel';

/** Injection token of the {@link PatientModuleSettings}. */
export const PATIENT_MODULE_SETTINGS = 'ilinks:patient-module-settings';

export interface PatientModuleSettings {
  /** Public base URL of the FHIR API (`https://exchange.example/fhir`); derived per request when unset. */
  readonly baseUrl?: string;
  /** Where "today" comes from, to refuse birth dates in the future. */
  readonly clock: Clock;
}
