import type { Principal } from '@ilinks/platform/security';
import type { RecordedByV1, RecordEntryRequestV1 } from '@ilinks/record-projection/contracts';
import type { Clock } from '@ilinks/shared/kernel';
import type { RecordEntryDraft } from './fhir-record-entry.parse';

/** Injection token of the {@link RecordIngestSettings}. */
export const RECORD_INGEST_SETTINGS = 'ilinks:record-ingest-settings';

export interface RecordIngestSettings {
  /** Public base URL of the FHIR API; derived per request when unset. */
  readonly baseUrl?: string;
  /** Where "now" comes from, to refuse past events dated in the future. */
  readonly clock: Clock;
}

/** Who records: the token's subject and role; never anything the body says. */
export function recordedByOf(principal: Principal): RecordedByV1 {
  return { subject: principal.subject, role: principal.role };
}

/** A draft as the caller's token completes it: its organisation is the recording organisation. */
export function entryRequestOf(draft: RecordEntryDraft, principal: Principal): RecordEntryRequestV1 {
  return { ...draft, organisation: principal.organisation, recordedBy: recordedByOf(principal) };
}
