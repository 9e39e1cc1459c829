import { ConflictError, ValidationError } from '@ilinks/shared/kernel';

/**
 * A write would give two documents the same value for a unique index. The message names the view
 * and the indexed fields, never the value (it may be personal data).
 */
export class UniqueIndexViolationError extends ConflictError {
  constructor(
    readonly collection: string,
    readonly fields: readonly string[],
  ) {
    super(
      `Unique index on ${collection}(${fields.length > 0 ? fields.join(', ') : 'undeclared fields'}) violated: another document already has this value`,
    );
  }
}

/**
 * A query filters or sorts on a field that no declared index can serve. Such a query would scan the
 * whole collection, so it is a programming error: declare an index in the `CollectionSpec`.
 */
export class UnindexedQueryError extends ValidationError {}

/** A collection spec, a filter value, a guard or a cursor is malformed. */
export class InvalidReadModelRequestError extends ValidationError {}
