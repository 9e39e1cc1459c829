import type { DiagnosticReportsPageV1, DiagnosticReportV1 } from '@ilinks/diagnostics/contracts';
import type { Filter } from '@ilinks/platform/read-models';
import { type Issue, ValidationError } from '@ilinks/shared/kernel';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 100;
const MAX_SUBJECT_KEYS = 50;

/** Whose reports: the person's current local records and the person ids merged into them. */
export interface SubjectQuery {
  readonly localRecordIds: readonly string[];
  readonly personIds: readonly string[];
  readonly releasedOnly: boolean;
}

/** A page of a person's reports. */
export interface PersonReportsQuery extends SubjectQuery {
  readonly cursor?: string;
  readonly limit: number;
}

type Query = Readonly<Record<string, unknown>>;

/** A repeated query parameter as a list (Express gives one value as a string, several as an array). */
function listOf(query: Query, name: string, issues: Issue[]): string[] {
  const raw = query[name];
  if (raw === undefined) return [];
  const values = Array.isArray(raw) ? raw : [raw];
  if (values.length > MAX_SUBJECT_KEYS)
    issues.push({ path: name, message: `${name} may repeat at most ${MAX_SUBJECT_KEYS} times` });
  values.forEach((value, index) => {
    if (typeof value !== 'string' || !UUID.test(value))
      issues.push({ path: `${name}[${index}]`, message: `${name} must be a UUID` });
  });
  return values.filter((value): value is string => typeof value === 'string');
}

function flagOf(query: Query, name: string, issues: Issue[]): boolean {
  const value = query[name];
  if (value === undefined) return false;
  if (value === 'true' || value === 'false') return value === 'true';
  issues.push({ path: name, message: `${name} must be true or false` });
  return false;
}

/** The subject part of a query string, checked: each problem named by its parameter. */
export function subjectQueryOf(query: Query, issues: Issue[]): SubjectQuery {
  const localRecordIds = listOf(query, 'localRecordId', issues);
  const personIds = listOf(query, 'personId', issues);
  if (
    localRecordIds.length === 0 &&
    personIds.length === 0 &&
    query['localRecordId'] === undefined &&
    query['personId'] === undefined
  ) {
    issues.push({ path: 'personId', message: 'name at least one localRecordId or personId' });
  }
  return { localRecordIds, personIds, releasedOnly: flagOf(query, 'releasedOnly', issues) };
}

/** A page's `cursor` and `limit`, checked. */
export function pagingOf(query: Query, issues: Issue[]): { cursor?: string; limit: number } {
  const { cursor, limit } = query;
  if (cursor !== undefined && (typeof cursor !== 'string' || cursor.length > 512)) {
    issues.push({ path: 'cursor', message: 'cursor is not valid' });
  }
  let pageSize = DEFAULT_LIMIT;
  if (limit !== undefined) {
    pageSize = Number(limit);
    if (typeof limit !== 'string' || !Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_LIMIT) {
      issues.push({ path: 'limit', message: `limit must be an integer from 1 to ${MAX_LIMIT}` });
    }
  }
  return { ...(typeof cursor === 'string' ? { cursor } : {}), limit: pageSize };
}

/** `GET /reports`'s query string, checked. */
export function personReportsQueryOf(query: Query): PersonReportsQuery {
  const issues: Issue[] = [];
  const subject = subjectQueryOf(query, issues);
  const paging = pagingOf(query, issues);
  if (issues.length > 0) throw new ValidationError('the query is invalid', issues);
  return { ...subject, ...paging };
}

/** The equality filters that find a person's documents, one per local record and person id. */
export function subjectFilters(query: SubjectQuery): Filter[] {
  return [
    ...query.localRecordIds.map((id) => ({ 'subject.localRecordId': id })),
    ...query.personIds.map((id) => ({ 'subject.personId': id })),
  ];
}

interface Position {
  readonly issuedAt: string;
  readonly reportId: string;
}

function encodeCursor(position: Position): string {
  return Buffer.from(JSON.stringify([position.issuedAt, position.reportId])).toString('base64url');
}

function decodeCursor(cursor: string): Position {
  try {
    const [issuedAt, reportId] = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as unknown[];
    if (typeof issuedAt === 'string' && typeof reportId === 'string') return { issuedAt, reportId };
  } catch {
    // Reported below, as any other cursor that is not ours.
  }
  throw new ValidationError('the query is invalid', [{ path: 'cursor', message: 'cursor is not valid' }]);
}

/** Newest first by issue time (as instants), then by id: a total order, so pages never overlap. */
function newestFirst(a: Position, b: Position): number {
  const byTime = Date.parse(b.issuedAt) - Date.parse(a.issuedAt);
  if (byTime !== 0 && !Number.isNaN(byTime)) return byTime;
  return a.reportId < b.reportId ? 1 : a.reportId > b.reportId ? -1 : 0;
}

/**
 * One page of reports gathered from several lookups, newest first; the cursor is the last
 * report's position, so a page is right whatever changed before it.
 */
export function pageOfReports(
  reports: readonly DiagnosticReportV1[],
  query: Pick<PersonReportsQuery, 'cursor' | 'limit'>,
): DiagnosticReportsPageV1 {
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
  const ordered = [...reports].sort(newestFirst);
  const rest = after === undefined ? ordered : ordered.filter((report) => newestFirst(after, report) < 0);
  const page = rest.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    reports: page,
    ...(rest.length > query.limit && last !== undefined
      ? { nextCursor: encodeCursor({ issuedAt: last.issuedAt, reportId: last.reportId }) }
      : {}),
  };
}
