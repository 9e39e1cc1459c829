/** Injection token of the {@link CorrespondenceSettings}. */
export const CORRESPONDENCE_SETTINGS = 'ilinks:gateway-correspondence-settings';

export interface CorrespondenceSettings {
  /** Public base URL of the FHIR API (for `Location`); derived per request when unset. */
  readonly baseUrl?: string;
}
