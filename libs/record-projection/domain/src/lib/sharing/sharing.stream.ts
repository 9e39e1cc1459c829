import { deterministicUuid } from '@ilinks/shared/kernel';
import { RECORD_STREAM_PREFIX } from '../record-entry.stream';

const ANNOTATION_NAMESPACE = 'ilinks:record:annotation';
const SHARE_NAMESPACE = 'ilinks:record:share';

/** The annotations of one entry, under the record prefix so the relay publishes them. */
export const annotationsStream = (entryId: string): string => `${RECORD_STREAM_PREFIX}annotations-${entryId}`;

/** One share, under the record prefix so the relay publishes it. */
export const shareStream = (shareId: string): string => `${RECORD_STREAM_PREFIX}share-${shareId}`;

/**
 * The id of an annotation: the same for the same entry, organisation and idempotency key, so a
 * retried request lands on the annotation it already recorded.
 */
export function annotationIdFor(entryId: string, organisation: string, idempotencyKey: string): string {
  return deterministicUuid(ANNOTATION_NAMESPACE, `${entryId}|${organisation}|${idempotencyKey}`);
}

/** The id of a share: the same for the same sending organisation and idempotency key. */
export function shareIdFor(organisation: string, idempotencyKey: string): string {
  return deterministicUuid(SHARE_NAMESPACE, `${organisation}|${idempotencyKey}`);
}
