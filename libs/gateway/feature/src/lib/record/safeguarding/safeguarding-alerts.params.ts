import { type Issue, ValidationError } from '@ilinks/shared/kernel';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CURSOR = /^[\w\-.:=+/]{1,512}$/;
const DEFAULT_COUNT = 50;
const MAX_COUNT = 200;

/** A list request as the gateway accepts it (the organisation comes from the token, not the query). */
export interface SafeguardingAlertsParams {
  readonly personId?: string;
  readonly status?: 'open' | 'acknowledged';
  readonly count: number;
  readonly cursor?: string;
}

/**
 * `personId`, `status`, `_count` (1-200, default 50) and `_cursor`, checked: a `ValidationError`
 * naming every parameter at fault; unknown parameters are refused rather than ignored.
 */
export function safeguardingAlertsParamsOf(
  query: Readonly<Record<string, unknown>>,
): SafeguardingAlertsParams {
  const issues: Issue[] = [];
  const single = (name: string): string | undefined => {
    const value = query[name];
    if (value === undefined) return undefined;
    if (typeof value === 'string') return value;
    issues.push({ path: name, message: `${name} may be given once` });
    return undefined;
  };
  for (const name of Object.keys(query)) {
    if (!['personId', 'status', '_count', '_cursor'].includes(name)) {
      issues.push({ path: name, message: `${name} is not a supported parameter` });
    }
  }
  const personId = single('personId');
  if (personId !== undefined && !UUID.test(personId)) {
    issues.push({ path: 'personId', message: 'personId must be a person id (UUID)' });
  }
  const status = single('status');
  if (status !== undefined && status !== 'open' && status !== 'acknowledged') {
    issues.push({ path: 'status', message: 'status must be open or acknowledged' });
  }
  const countText = single('_count');
  const count = countText === undefined ? DEFAULT_COUNT : Number(countText);
  if (!/^\d{1,3}$/.test(countText ?? '1') || count < 1 || count > MAX_COUNT) {
    issues.push({ path: '_count', message: `_count must be a whole number from 1 to ${MAX_COUNT}` });
  }
  const cursor = single('_cursor');
  if (cursor !== undefined && !CURSOR.test(cursor)) {
    issues.push({ path: '_cursor', message: '_cursor is not one this server gave' });
  }
  if (issues.length > 0) {
    throw new ValidationError(
      `the request is invalid (${issues.length} problem${issues.length === 1 ? '' : 's'})`,
      issues,
    );
  }
  return {
    ...(personId === undefined ? {} : { personId: personId.toLowerCase() }),
    ...(status === undefined ? {} : { status: status as SafeguardingAlertsParams['status'] }),
    count,
    ...(cursor === undefined ? {} : { cursor }),
  };
}

/** The query of the next page: the same filters and page size, and the cursor. */
export function nextPageQuery(params: SafeguardingAlertsParams, cursor: string): string {
  const next = new URLSearchParams();
  if (params.personId !== undefined) next.set('personId', params.personId);
  if (params.status !== undefined) next.set('status', params.status);
  next.set('_count', String(params.count));
  next.set('_cursor', cursor);
  return next.toString();
}
