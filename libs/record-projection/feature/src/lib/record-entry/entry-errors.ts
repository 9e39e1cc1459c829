import type { RecordBatchItemV1 } from '@ilinks/record-projection/contracts';
import { SubjectChangedError } from '@ilinks/record-projection/domain';
import { type DomainError, isDomainError } from '@ilinks/shared/kernel';
import { UnprocessableEntityException } from '@nestjs/common';
import { PersonSubjectError } from './contribution-rules';

/** The refusals the record API answers with 422 (the platform's filter has no 422). */
const isUnprocessable = (error: unknown): error is SubjectChangedError | PersonSubjectError =>
  error instanceof SubjectChangedError || error instanceof PersonSubjectError;

/** The batch item code of a 422 refusal. */
const unprocessableCodeOf = (error: SubjectChangedError | PersonSubjectError): string =>
  error instanceof SubjectChangedError ? 'subject-changed' : 'person-subject';

/**
 * The HTTP status a refused entry gets: the platform's mapping, and 422 for a moved subject or a
 * person subject used by anyone but the person.
 */
export function statusOf(error: DomainError): number {
  if (isUnprocessable(error)) return 422;
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
    case 'too-large':
      return 413;
    case 'unsupported-media-type':
      return 415;
  }
}

/** A refused entry as one item of a batch result; anything but a domain error is not the entry's fault. */
export function refusedItem(error: unknown): RecordBatchItemV1 {
  if (!isDomainError(error)) throw error;
  return {
    ok: false,
    status: statusOf(error),
    code: isUnprocessable(error) ? unprocessableCodeOf(error) : error.code,
    diagnostics: error.message,
  };
}

/**
 * The platform's filter maps kernel errors once; it has no 422, which the record API promises for a
 * revision that moves an entry to another patient and for a misused person subject.
 */
export function asHttpError(error: unknown): unknown {
  return isUnprocessable(error) ? new UnprocessableEntityException(error.message) : error;
}
