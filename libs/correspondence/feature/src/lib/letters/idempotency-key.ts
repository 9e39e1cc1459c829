import { ValidationError } from '@ilinks/shared/kernel';
import { randomUUID } from 'node:crypto';

const IDEMPOTENCY_KEY = /^[\w.:-]{8,128}$/;

/** The request's `Idempotency-Key`, or a fresh one when absent (the request then stands alone). */
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
