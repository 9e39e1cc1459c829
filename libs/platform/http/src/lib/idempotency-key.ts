import { ValidationError } from '@ilinks/shared/kernel';
import { randomUUID } from 'node:crypto';

const IDEMPOTENCY_KEY = /^[\w.:-]{8,128}$/;

/**
 * A service route's `Idempotency-Key` header, checked, or a fresh key when absent (the request then
 * stands alone): the same key again records nothing new and answers as the first time.
 *
 * @throws ValidationError when the header is not 8–128 letters, digits, dots, colons, dashes or underscores.
 */
export function idempotencyKeyOf(header: string | undefined): string {
  if (header === undefined) return randomUUID();
  if (!IDEMPOTENCY_KEY.test(header)) {
    throw new ValidationError('Idempotency-Key header is not valid', [
      {
        path: 'Idempotency-Key',
        message: 'must be 8 to 128 letters, digits, dots, colons, dashes or underscores',
      },
    ]);
  }
  return header;
}
