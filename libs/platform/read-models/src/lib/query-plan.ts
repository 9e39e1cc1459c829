import { InvalidReadModelRequestError, UnindexedQueryError } from './read-model.errors';
import type { CollectionSpec, DocumentBody, Filter, FindOptions, Json } from './read-model.port';

/** The values an equality filter (or a cursor) may hold. */
export type Scalar = string | number | boolean | null;

export type SortDirection = 'asc' | 'desc';

/** Where the last row of the previous page was, in sort order. */
export interface KeysetPosition {
  /** The sort field's value (null for missing or null); unused when sorting by id. */
  readonly value: Scalar;
  readonly id: string;
}

/** A validated `find`/`count` request, the same for both adapters. */
export interface QueryPlan {
  readonly where: readonly { readonly field: string; readonly value: Scalar }[];
  /** Undefined: sort by id alone. */
  readonly sortField?: string;
  readonly direction: SortDirection;
  readonly limit?: number;
  readonly after?: KeysetPosition;
}

/**
 * Rows sorted on a field fall into two runs, both ordered by (value, id): documents whose value is
 * null or missing, which sort first ascending (as in both SQLite and MongoDB), and the others.
 * Adapters read a page run by run, so that each read is a single index range.
 */
export type SortRun = 'null' | 'value';

const MAX_LIMIT = 10_000;

const MAX_BATCH = 1_000;

/** A `getMany` asks for at most 1,000 ids. */
export function assertBatchSize(ids: readonly string[]): void {
  if (ids.length > MAX_BATCH) {
    throw new InvalidReadModelRequestError(`getMany takes at most ${MAX_BATCH} ids`);
  }
}

/** Validates `where`: every field declared in an index, every value a scalar, and an index to serve it. */
export function planFilter(spec: CollectionSpec, where: Filter | undefined): QueryPlan['where'] {
  const entries = Object.entries(where ?? {});
  for (const [field, value] of entries) {
    assertDeclared(spec, field, 'filter');
    assertScalar(field, value);
  }
  if (entries.length > 0 && !entries.some(([field]) => leadsAnIndex(spec, field))) {
    throw new UnindexedQueryError(
      `No index of ${spec.name} starts with any of the filtered fields (${entries.map(([field]) => field).join(', ')}): the query would scan the collection`,
    );
  }
  return entries.map(([field, value]) => ({ field, value: value as Scalar }));
}

/** Validates a whole `find` request and decodes its cursor. */
export function planFind(spec: CollectionSpec, options: FindOptions = {}): QueryPlan {
  const where = planFilter(spec, options.where);
  const sortField = options.sort?.field;
  const direction = options.sort?.direction ?? 'asc';
  if (direction !== 'asc' && direction !== 'desc') {
    throw new InvalidReadModelRequestError('Sort direction must be "asc" or "desc"');
  }
  if (sortField !== undefined) {
    assertDeclared(spec, sortField, 'sort');
    if (where.length === 0 && !leadsAnIndex(spec, sortField)) {
      throw new UnindexedQueryError(
        `No index of ${spec.name} starts with "${sortField}": sorting on it would scan the collection`,
      );
    }
  }
  const limit = options.limit;
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT)) {
    throw new InvalidReadModelRequestError(`A limit must be an integer from 1 to ${MAX_LIMIT}`);
  }
  const after = options.cursor === undefined ? undefined : decodeCursor(options.cursor, sortField, direction);
  return { where, sortField, direction, limit, after };
}

/** The runs a sorted read visits, in order, starting with the run the cursor is in. */
export function runsToRead(plan: QueryPlan): SortRun[] {
  const inOrder: SortRun[] = plan.direction === 'asc' ? ['null', 'value'] : ['value', 'null'];
  if (plan.after === undefined) return inOrder;
  const start = plan.after.value === null ? 'null' : 'value';
  return inOrder.slice(inOrder.indexOf(start));
}

/** The value at a dotted path in a body, or undefined when the path is missing. */
export function lookup(body: DocumentBody, path: string): Json | undefined {
  let current: Json | undefined = body;
  for (const segment of path.split('.')) {
    if (current === null || typeof current !== 'object' || Array.isArray(current)) return undefined;
    current = current[segment];
  }
  return current;
}

/** The value of a dotted path in a body, with missing (or a non-scalar) read as null. */
export function valueAt(body: DocumentBody, path: string): Scalar {
  const value = lookup(body, path);
  return value === undefined || (value !== null && typeof value === 'object') ? null : value;
}

/**
 * The cursor after the last item of a page: base64url of JSON `[sortField, direction, value, id]`.
 * Both adapters use it, so a cursor means the same position in either.
 */
export function encodeCursor(
  plan: QueryPlan,
  last: { readonly id: string; readonly body: DocumentBody },
): string {
  const value = plan.sortField === undefined ? null : valueAt(last.body, plan.sortField);
  return Buffer.from(
    JSON.stringify([plan.sortField ?? null, plan.direction, value, last.id]),
    'utf8',
  ).toString('base64url');
}

function decodeCursor(
  cursor: string,
  sortField: string | undefined,
  direction: SortDirection,
): KeysetPosition {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidReadModelRequestError('Malformed cursor');
  }
  if (
    !Array.isArray(decoded) ||
    decoded.length !== 4 ||
    typeof decoded[3] !== 'string' ||
    !isScalar(decoded[2])
  ) {
    throw new InvalidReadModelRequestError('Malformed cursor');
  }
  const [field, cursorDirection, value, id] = decoded as [unknown, unknown, Scalar, string];
  if (field !== (sortField ?? null) || cursorDirection !== direction) {
    throw new InvalidReadModelRequestError('This cursor belongs to a query with another sort');
  }
  return { value, id };
}

function assertDeclared(spec: CollectionSpec, field: string, use: 'filter' | 'sort'): void {
  if (!spec.indexes.some((index) => index.fields.includes(field))) {
    throw new UnindexedQueryError(
      `Cannot ${use} ${spec.name} on "${field}": no declared index has that field`,
    );
  }
}

function leadsAnIndex(spec: CollectionSpec, field: string): boolean {
  return spec.indexes.some((index) => index.fields[0] === field);
}

function assertScalar(field: string, value: unknown): void {
  if (!isScalar(value)) {
    throw new InvalidReadModelRequestError(
      `Filter on "${field}" must be a string, a finite number, a boolean or null`,
    );
  }
}

function isScalar(value: unknown): value is Scalar {
  return (
    value === null ||
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    (typeof value === 'number' && Number.isFinite(value))
  );
}
