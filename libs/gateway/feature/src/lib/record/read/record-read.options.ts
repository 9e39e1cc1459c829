import type { SensitiveCodeTable } from '@ilinks/consent/domain';

/** Injection token of the {@link RecordReadSettings}. */
export const RECORD_READ_SETTINGS = 'ilinks:record-read-settings';

export interface RecordReadSettings {
  /** Public base URL of the FHIR API; derived per request when unset. */
  readonly baseUrl?: string;
  /** The coded list that puts items in sealed categories. */
  readonly sensitiveCodes: SensitiveCodeTable;
}
