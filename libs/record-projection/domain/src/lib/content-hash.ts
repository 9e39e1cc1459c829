import { canonicalJson, deterministicUuid } from '@ilinks/shared/kernel';

const CONTENT_NAMESPACE = 'ilinks:record:content';

/** A stable digest of a value's canonical JSON (SHA-1 based, UUID-shaped): equal for equal content. */
export function contentHashOf(value: unknown): string {
  return deterministicUuid(CONTENT_NAMESPACE, canonicalJson(value));
}
