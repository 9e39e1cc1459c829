/**
 * The small, typed set of errors the domain and the platform throw. Each has a stable `code`;
 * the HTTP edge maps them once (to FHIR OperationOutcome at the gateway). Messages must never
 * contain personal data: they may be logged.
 */
export type ErrorCode =
  | 'validation'
  | 'not-found'
  | 'illegal-state'
  | 'conflict'
  | 'forbidden'
  | 'unavailable'
  | 'too-large'
  | 'unsupported-media-type';

/** One precise problem with an input, located by a FHIRPath-like or property path. */
export interface Issue {
  readonly path: string;
  readonly message: string;
}

export abstract class DomainError extends Error {
  abstract readonly code: ErrorCode;
  constructor(
    message: string,
    readonly issues: readonly Issue[] = [],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends DomainError {
  readonly code = 'validation' as const;
}

export class NotFoundError extends DomainError {
  readonly code = 'not-found' as const;
}

export class IllegalStateError extends DomainError {
  readonly code = 'illegal-state' as const;
}

/** A concurrent change got there first; the caller may reload and retry. */
export class ConflictError extends DomainError {
  readonly code = 'conflict' as const;
}

export class ForbiddenError extends DomainError {
  readonly code = 'forbidden' as const;
}

/** A dependency the request needs (e.g. the audit trail) cannot be reached: fail closed. */
export class UnavailableError extends DomainError {
  readonly code = 'unavailable' as const;
}

/** An input larger than the limit for it (e.g. a letter's attachment). */
export class TooLargeError extends DomainError {
  readonly code = 'too-large' as const;
}

/** Content that is not what it claims to be, or of a type not accepted here. */
export class UnsupportedMediaTypeError extends DomainError {
  readonly code = 'unsupported-media-type' as const;
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
