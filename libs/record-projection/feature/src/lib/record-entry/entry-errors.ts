import type { RecordBatchItemV1 } from '@ilinks/record-projection/contracts';
import { SubjectChangedError } from '@ilinks/record-projection/domain';
import { type DomainError, isDomainError } from '@ilinks/shared/kernel';
import { UnprocessableEntityException } from '@nestjs/common';

/** The HTTP status a refused entry gets: the platform's mapping, and 422 for a moved subject. */
export function statusOf(error: DomainError): number {
  if (error instanceof SubjectChangedError) return 422;
  switch (error.code) {
    case 'validation':
      return 400;
    case 'not-found':
      return 404;
    case 'forbidden':
      return 403;
    case 'illegal-state':
    case 'conflict':
      return 409;
    case 'unavailable':
      return 503;
  }
}

/** A refused entry as one item of a batch result; anything but a domain error is not the entry's fault. */
export function refusedItem(error: unknown): RecordBatchItemV1 {
  if (!isDomainError(error)) throw error;
  return {
    ok: false,
    status: statusOf(error),
    code: error instanceof SubjectChangedError ? 'subject-changed' : error.code,
    diagnostics: error.message,
  };
}

/**
 * The platform's filter maps kernel errors once; it has no 422, which the record API promises for a
 * revision that moves an entry to another patient.
 */
export function asHttpError(error: unknown): unknown {
  return error instanceof SubjectChangedError ? new UnprocessableEntityException(error.message) : error;
}
