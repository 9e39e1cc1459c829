import { deterministicUuid } from '@ilinks/shared/kernel';

const ENTRY_NAMESPACE = 'ilinks:record:entry';

/** Prefix of every stream the record service owns. */
export const RECORD_STREAM_PREFIX = 'record.';

/** What names an entry: the recording organisation, the resource type and the partner's own id. */
export interface EntryKey {
  readonly organisation: string;
  readonly resourceType: string;
  readonly partnerId: string;
}

/**
 * Our id for a partner's entry: the same for the same (organisation, resourceType, partnerId), so a
 * resend lands on the same stream, and not the partner's id itself, so stream names and Kafka keys
 * carry nothing a person could be found by.
 */
export function entryIdFor(key: EntryKey): string {
  return deterministicUuid(ENTRY_NAMESPACE, `${key.organisation}|${key.resourceType}|${key.partnerId}`);
}

export const entryStream = (entryId: string): string => `${RECORD_STREAM_PREFIX}entry-${entryId}`;
