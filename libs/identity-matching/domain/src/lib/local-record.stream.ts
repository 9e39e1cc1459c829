import { deterministicUuid } from '@ilinks/shared/kernel';
import type { LocalIdentifier } from './local-record.types';

const LOCAL_RECORD_NAMESPACE = 'ilinks:identity:local-record';

/** Prefix of every stream the identity service owns. */
export const IDENTITY_STREAM_PREFIX = 'identity.';

/**
 * Our id for a partner's patient record: stable for the same `system|value`, and not the value
 * itself, so stream names and Kafka keys carry no identifier a person could be found by.
 */
export function localRecordIdFor(identifier: LocalIdentifier): string {
  return deterministicUuid(LOCAL_RECORD_NAMESPACE, `${identifier.system}|${identifier.value}`);
}

export const localRecordStream = (localRecordId: string): string =>
  `${IDENTITY_STREAM_PREFIX}local-record-${localRecordId}`;
