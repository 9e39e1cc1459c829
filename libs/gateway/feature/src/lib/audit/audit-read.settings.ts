/** Injection token of the {@link AuditReadSettings}. */
export const AUDIT_READ_SETTINGS = 'ilinks:audit-read-settings';

export interface AuditReadSettings {
  /** Public base URL of the FHIR API; derived per request when unset. */
  readonly baseUrl?: string;
}
