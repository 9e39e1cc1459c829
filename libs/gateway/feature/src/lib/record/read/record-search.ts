import type { CodingV1, RecordEntryV1 } from '@ilinks/record-projection/contracts';
import { isJsonObject } from '../../patient/fhir-json';
import { type InstantRange, storedDateRange } from './fhir-date-range';
import { RECORD_TYPE_SEARCH_PROFILES, type RecordReadType } from './record-read-types';
import type {
  DateCriterion,
  EverythingParameters,
  Paging,
  RecordSearch,
  RecordSort,
  TokenAlternatives,
  TokenCriterion,
} from './record-search.params';

/** What the caller is shown of a list: the page, how many there are in all, and what was hidden. */
export interface SiftedPage<T> {
  /** How many items the caller may see in all: hidden items never count. */
  readonly total: number;
  readonly page: readonly T[];
  /** Items that matched but the access decision hid (for the audit trail, never the caller). */
  readonly withheld: readonly T[];
  /** Where the next page starts; absent on the last page. */
  readonly nextOffset?: number;
}

/**
 * Sifts, then counts, sorts and pages: the access decision removes items first, so the total, the
 * page boundaries and the next link depend only on what the caller may see.
 */
export function siftedPage<T>(
  items: readonly T[],
  isVisible: (item: T) => boolean,
  compare: (a: T, b: T) => number,
  paging: Paging,
): SiftedPage<T> {
  const visible: T[] = [];
  const withheld: T[] = [];
  for (const item of items) (isVisible(item) ? visible : withheld).push(item);
  visible.sort(compare);
  const end = paging.offset + paging.count;
  return {
    total: visible.length,
    page: visible.slice(paging.offset, end),
    withheld,
    ...(end < visible.length ? { nextOffset: end } : {}),
  };
}

/** Whether a current entry of `type` matches every criterion of `search`. */
export function matchesRecordSearch(
  entry: RecordEntryV1,
  type: RecordReadType,
  search: RecordSearch,
): boolean {
  if (entry.resourceType !== type || entry.status !== 'current') return false;
  const profile = RECORD_TYPE_SEARCH_PROFILES[type];
  const date = storedDateRange(entry.effectiveAt);
  return (
    search.dates.every((criterion) => date !== undefined && dateMatches(criterion, date)) &&
    tokensMatch(search.categories, codingsAt(elementOf(entry, profile.categoryElement))) &&
    tokensMatch(search.statuses, codingsAt(elementOf(entry, profile.statusElement))) &&
    tokensMatch(search.codes, entry.codes)
  );
}

/**
 * Whether a current entry is in `$everything`'s scope: of an asked-for type, and, when care dates
 * are given, dated within them (an undated entry is then out of scope).
 */
export function matchesEverything(entry: RecordEntryV1, parameters: EverythingParameters): boolean {
  if (entry.status !== 'current') return false;
  if (parameters.types !== undefined && !parameters.types.has(entry.resourceType)) return false;
  if (parameters.start === undefined && parameters.end === undefined) return true;
  const date = storedDateRange(entry.effectiveAt);
  if (date === undefined) return false;
  return (
    (parameters.start === undefined || date.end > parameters.start.start) &&
    (parameters.end === undefined || date.start < parameters.end.end)
  );
}

/**
 * Whether an item dated `target` stands in the criterion's relation to its date, per FHIR: `eq`
 * the search range contains it, `ge`/`le` it overlaps the range from/up to the search date,
 * `gt`/`lt` it reaches beyond the search range.
 */
export function dateMatches(criterion: DateCriterion, target: InstantRange): boolean {
  const { range } = criterion;
  switch (criterion.prefix) {
    case 'eq':
      return target.start >= range.start && target.end <= range.end;
    case 'ge':
      return target.end > range.start;
    case 'gt':
      return target.end > range.end;
    case 'le':
      return target.start < range.end;
    case 'lt':
      return target.start < range.start;
  }
}

/** Every parameter has an alternative some coding matches. */
export function tokensMatch(parameters: readonly TokenAlternatives[], codings: readonly CodingV1[]): boolean {
  return parameters.every((alternatives) =>
    alternatives.some((criterion) => codings.some((coding) => tokenMatches(criterion, coding))),
  );
}

function tokenMatches(criterion: TokenCriterion, coding: CodingV1): boolean {
  if (criterion.code !== undefined && coding.code !== criterion.code) return false;
  if (criterion.system === undefined) return true;
  return criterion.system === '' ? coding.system === undefined : coding.system === criterion.system;
}

/** The codings of an element: a code, a Coding, a CodeableConcept, or a list of them. */
export function codingsAt(value: unknown): CodingV1[] {
  if (typeof value === 'string') return [{ code: value }];
  if (Array.isArray(value)) return value.flatMap(codingsAt);
  if (!isJsonObject(value)) return [];
  if (Array.isArray(value['coding'])) return value['coding'].flatMap(codingsAt);
  const system = value['system'];
  const code = value['code'];
  if (typeof code !== 'string' && typeof system !== 'string') return [];
  return [
    {
      ...(typeof system === 'string' ? { system } : {}),
      ...(typeof code === 'string' ? { code } : {}),
    },
  ];
}

function elementOf(entry: RecordEntryV1, element: string | undefined): unknown {
  return element === undefined ? undefined : entry.resource[element];
}

/** The order of a sort: by the entry's clinical date (its recording date when it has none), then id. */
export function entryOrder(sort: RecordSort): (a: RecordEntryV1, b: RecordEntryV1) => number {
  // Weak: an order kept for the module's life (newest first) must not keep every entry it sorted.
  const keys = new WeakMap<RecordEntryV1, number>();
  const keyOf = (entry: RecordEntryV1): number => {
    let key = keys.get(entry);
    if (key === undefined) {
      key = sortDateOf(entry);
      keys.set(entry, key);
    }
    return key;
  };
  const direction = sort === 'date' ? 1 : -1;
  return (a, b) =>
    direction * (keyOf(a) - keyOf(b)) || (a.entryId < b.entryId ? -1 : a.entryId > b.entryId ? 1 : 0);
}

function sortDateOf(entry: RecordEntryV1): number {
  return (
    storedDateRange(entry.effectiveAt)?.start ??
    storedDateRange(entry.recordedAt)?.start ??
    Number.MIN_SAFE_INTEGER
  );
}
