import { deterministicUuid, ValidationError } from '@ilinks/shared/kernel';
import { randomUUID } from 'node:crypto';

const IDEMPOTENCY_KEY = /^[\w.:-]{8,128}$/;
const CONSENT_IDS_NAMESPACE = 'ilinks:consent:ids';

/**
 * What one request is, for idempotency: the `Idempotency-Key` header scoped to the route and the
 * target, so the same header on another route or person names another request. Without a header
 * each request is new.
 */
export interface RequestKey {
  /** The command's idempotency key (event ids derive from it). */
  readonly idempotencyKey: string;
  /** The id of what the request creates, the same on every retry. */
  readonly newId: string;
}

/** Reads the header; refuses a malformed one. */
export function requestKeyFor(route: string, target: string, header: string | undefined): RequestKey {
  if (header !== undefined && !IDEMPOTENCY_KEY.test(header)) {
    throw new ValidationError('Idempotency-Key header is not valid', [
      {
        path: 'Idempotency-Key',
        message: 'must be 8 to 128 letters, digits, dots, colons, dashes or underscores',
      },
    ]);
  }
  const key = header ?? randomUUID();
  return {
    idempotencyKey: `${route}:${key}`,
    newId: deterministicUuid(CONSENT_IDS_NAMESPACE, `${route}|${target}|${key}`),
  };
}
