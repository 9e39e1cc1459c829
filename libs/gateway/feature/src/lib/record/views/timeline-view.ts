import type { RecordEntryV1 } from '@ilinks/record-projection/contracts';
import { type Issue, ValidationError } from '@ilinks/shared/kernel';
import { type InstantRange, fhirDateRange, storedDateRange } from '../read/fhir-date-range';
import { siftedPage } from '../read/record-search';
import { type SearchQuery, cursorAt, offsetOfCursor } from '../read/record-search.params';
import { type ViewItem, clinicalDateOf, isCurrent, newestFirst, statusCodeAt, viewItemOf } from './view-item';

/** Page size of the timeline: 50 unless asked, at most 200. */
export const TIMELINE_COUNT = { default: 50, max: 200 } as const;

/** What the timeline is asked for: every criterion is optional; `applied` is what the `next` link repeats. */
export interface TimelineQuery {
  readonly types?: ReadonlySet<string>;
  readonly organisations?: ReadonlySet<string>;
  readonly from?: InstantRange;
  readonly to?: InstantRange;
  readonly count: number;
  readonly offset: number;
  readonly applied: readonly (readonly [name: string, value: string])[];
}

/** One item of the timeline: the common fields, its record part and its status. */
export interface TimelineItem extends ViewItem {
  readonly part: string;
  readonly status?: string;
}

/** A page of the timeline: `total` counts only what the caller may see. */
export interface TimelinePage {
  readonly total: number;
  readonly items: readonly TimelineItem[];
  /** The cursor of the next page, when there is one. */
  readonly nextCursor?: string;
}

const RESOURCE_TYPE = /^[A-Z][A-Za-z]{1,63}$/;
const ODS_CODE = /^[A-Za-z0-9]{3,12}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const COUNT = /^\d{1,4}$/;

/**
 * Reads `type` (comma list of resource types), `organisation` (comma list of ODS codes), `from` and
 * `to` (days, `YYYY-MM-DD`, inclusive, in England), `_count` (1–200, default 50) and `_cursor`.
 * Anything else is ignored.
 * @throws ValidationError naming every bad parameter.
 */
export function parseTimelineQuery(query: SearchQuery): TimelineQuery {
  const issues: Issue[] = [];
  const applied: [string, string][] = [];
  const single = (name: string): string | undefined => {
    const value = query[name];
    if (value === undefined) return undefined;
    if (typeof value === 'string') return value;
    issues.push({ path: name, message: `${name} must be given once` });
    return undefined;
  };
  const list = (name: string, pattern: RegExp, what: string): Set<string> | undefined => {
    const value = single(name);
    if (value === undefined) return undefined;
    const items = value.split(',').map((item) => item.trim());
    if (items.some((item) => !pattern.test(item))) {
      issues.push({ path: name, message: `${name} must be a comma-separated list of ${what}` });
      return undefined;
    }
    applied.push([name, items.join(',')]);
    return new Set(items);
  };
  const day = (name: string): InstantRange | undefined => {
    const value = single(name);
    if (value === undefined) return undefined;
    const range = DAY.test(value) ? fhirDateRange(value) : undefined;
    if (range === undefined) issues.push({ path: name, message: `${name} must be a date, YYYY-MM-DD` });
    else applied.push([name, value]);
    return range;
  };
  const types = list('type', RESOURCE_TYPE, 'FHIR resource types');
  const organisations = list('organisation', ODS_CODE, 'ODS codes');
  const from = day('from');
  const to = day('to');
  const count = countOf(single('_count'), issues);
  if (count !== TIMELINE_COUNT.default) applied.push(['_count', String(count)]);
  const cursor = single('_cursor');
  const offset = cursor === undefined ? 0 : offsetOfCursor(cursor);
  if (offset === undefined) issues.push({ path: '_cursor', message: '_cursor must come from a next link' });
  if (from !== undefined && to !== undefined && to.end <= from.start)
    issues.push({ path: 'to', message: 'to must not be before from' });
  if (issues.length > 0)
    throw new ValidationError(`the timeline parameters are invalid (${issues.length} problems)`, issues);
  return {
    ...(types === undefined ? {} : { types }),
    ...(organisations === undefined ? {} : { organisations }),
    ...(from === undefined ? {} : { from }),
    ...(to === undefined ? {} : { to }),
    count,
    offset: offset ?? 0,
    applied,
  };
}

function countOf(value: string | undefined, issues: Issue[]): number {
  if (value === undefined) return TIMELINE_COUNT.default;
  const count = COUNT.test(value) ? Number(value) : Number.NaN;
  if (count >= 1 && count <= TIMELINE_COUNT.max) return count;
  issues.push({ path: '_count', message: `_count must be a whole number from 1 to ${TIMELINE_COUNT.max}` });
  return TIMELINE_COUNT.default;
}

/** Whether a current entry is of an asked-for type and organisation and dated within `from`–`to`. */
export function matchesTimeline(entry: RecordEntryV1, query: TimelineQuery): boolean {
  if (!isCurrent(entry)) return false;
  if (query.types !== undefined && !query.types.has(entry.resourceType)) return false;
  if (query.organisations !== undefined && !query.organisations.has(entry.organisation)) return false;
  if (query.from === undefined && query.to === undefined) return true;
  const date = storedDateRange(clinicalDateOf(entry));
  if (date === undefined) return false;
  return (
    (query.from === undefined || date.start >= query.from.start) &&
    (query.to === undefined || date.start < query.to.end)
  );
}

/**
 * The timeline page: filtered first, then sifted (hidden entries neither shown nor counted), then
 * ordered newest first and paged. `withheld` are the matching entries the caller may not see.
 */
export function timelinePage(
  entries: readonly RecordEntryV1[],
  isVisible: (entry: RecordEntryV1) => boolean,
  query: TimelineQuery,
): {
  readonly page: TimelinePage;
  readonly returned: readonly RecordEntryV1[];
  readonly withheld: readonly RecordEntryV1[];
} {
  const sifted = siftedPage(
    entries.filter((entry) => matchesTimeline(entry, query)),
    isVisible,
    newestFirst,
    query,
  );
  return {
    page: {
      total: sifted.total,
      items: sifted.page.map(timelineItemOf),
      ...(sifted.nextOffset === undefined ? {} : { nextCursor: cursorAt(sifted.nextOffset) }),
    },
    returned: sifted.page,
    withheld: sifted.withheld,
  };
}

/** An entry as a timeline item. */
export function timelineItemOf(entry: RecordEntryV1): TimelineItem {
  const status = statusCodeAt(entry.resource, 'status') ?? statusCodeAt(entry.resource, 'clinicalStatus');
  return { ...viewItemOf(entry), part: entry.part, ...(status === undefined ? {} : { status }) };
}

/** The query string of the next page: the applied parameters and the cursor. */
export function nextQueryString(query: TimelineQuery, cursor: string): string {
  const parameters = new URLSearchParams([
    ...query.applied.map(([name, value]): [string, string] => [name, value]),
    ['_cursor', cursor],
  ]);
  return parameters.toString();
}
