import { deterministicUuid } from '@ilinks/shared/kernel';

const CONTENT_NAMESPACE = 'ilinks:record:content';

/**
 * JSON with object keys sorted at every depth and `undefined` members left out, so two values
 * that mean the same serialise to the same text whatever order their keys came in.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sorted(value));
}

function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => (item === undefined ? null : sorted(item)));
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, member]) => member !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries.map(([key, member]) => [key, sorted(member)]));
}

/** A stable digest of a value's canonical JSON (SHA-1 based, UUID-shaped): equal for equal content. */
export function contentHashOf(value: unknown): string {
  return deterministicUuid(CONTENT_NAMESPACE, canonicalJson(value));
}
