import { type Issue, ValidationError } from '@ilinks/shared/kernel';
import { CURSOR_PARAMETER } from '../../audit/audit-event-search';
import { problemCount } from '../../patient/fhir-json';
import { type InstantRange, fhirDateRange } from './fhir-date-range';
import { RECORD_TYPE_SEARCH_PROFILES, type RecordReadType } from './record-read-types';

/** The query string as the HTTP layer parsed it: a value, or a list when repeated. */
export type SearchQuery = Readonly<Record<string, unknown>>;

export const DATE_PREFIXES = ['eq', 'ge', 'gt', 'le', 'lt'] as const;
export type DatePrefix = (typeof DATE_PREFIXES)[number];

/** One `date` parameter: the item's date must stand in `prefix` relation to `range`. */
export interface DateCriterion {
  readonly prefix: DatePrefix;
  readonly range: InstantRange;
}

/**
 * One token to match: `system` absent means any system, `''` means none; `code` absent means any
 * code in `system`.
 */
export interface TokenCriterion {
  readonly system?: string;
  readonly code?: string;
}

/** One token parameter: any of its comma-separated alternatives may match. */
export type TokenAlternatives = readonly TokenCriterion[];

export type RecordSort = 'date' | '-date';

/** A parameter the search applied, as given: the self and next links repeat them. */
export type AppliedParameter = readonly [name: string, value: string];

/** Paging, shared by searches and `$everything`. */
export interface Paging {
  readonly count: number;
  readonly offset: number;
}

/** A FHIR search of one record type for one person, every parameter checked. */
export interface RecordSearch extends Paging {
  readonly personId: string;
  /** Every one must hold (repeated parameters are ANDed). */
  readonly dates: readonly DateCriterion[];
  readonly categories: readonly TokenAlternatives[];
  readonly statuses: readonly TokenAlternatives[];
  readonly codes: readonly TokenAlternatives[];
  readonly sort: RecordSort;
  readonly applied: readonly AppliedParameter[];
}

/** `$everything`'s parameters. */
export interface EverythingParameters extends Paging {
  /** The resource types asked for (`_type`); every type when absent. */
  readonly types?: ReadonlySet<string>;
  /** Care dates (`start`, `end`): items dated at or after the start, at or before the end. */
  readonly start?: InstantRange;
  readonly end?: InstantRange;
  readonly applied: readonly AppliedParameter[];
}

/** The parameter that carries the opaque paging cursor of `next` links. */

export const SEARCH_COUNT = { default: 50, max: 100 } as const;
export const EVERYTHING_COUNT = { default: 100, max: 1000 } as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PATIENT_REFERENCE = /^(?:(?:https?:\/\/\S+\/)?Patient\/)?([^/]+)$/;
const DATE_VALUE = /^(eq|ne|gt|lt|ge|le|sa|eb|ap)?(.*)$/;
const RESOURCE_TYPE = /^[A-Z][A-Za-z]+$/;

/**
 * Reads a search of `type` (`GET /fhir/<type>?patient=…`). `patient` is required (our person id,
 * bare or as `Patient/<id>`); `date` takes `eq`/`ge`/`gt`/`le`/`lt` and any FHIR date precision;
 * `category`, `status` and `code` are tokens (`code`, `system|code`, `|code`, `system|`, comma for
 * "or"); `_count` is 1–100 (default 50); `_sort` is `date` or `-date` (the default); `_cursor` comes
 * from a `next` link. Any other parameter (`_include`, `_summary`, `_total`, …), and `category` or
 * `status` on a type without them, is ignored and left out of the self link. Throws a
 * `ValidationError` naming every parameter at fault.
 */
export function parseRecordSearch(type: RecordReadType, query: SearchQuery): RecordSearch {
  const issues: Issue[] = [];
  const applied: AppliedParameter[] = [];
  const profile = RECORD_TYPE_SEARCH_PROFILES[type];
  const personId = patientOf(query, issues, applied);
  const dates = valuesOf(query, 'date', issues).flatMap((value) => {
    const criterion = dateCriterion(value, 'date', issues);
    if (criterion) applied.push(['date', value]);
    return criterion ? [criterion] : [];
  });
  const tokens = (name: string, supported: boolean): TokenAlternatives[] =>
    supported ? tokenParameter(query, name, issues, applied) : [];
  const categories = tokens('category', profile.categoryElement !== undefined);
  const statuses = tokens('status', profile.statusElement !== undefined);
  const codes = tokens('code', true);
  const sort = sortOf(query, issues, applied);
  const paging = pagingOf(query, SEARCH_COUNT, issues, applied);
  if (issues.length > 0 || personId === undefined) throw invalidSearch(issues);
  return { personId, dates, categories, statuses, codes, sort, ...paging, applied };
}

/**
 * Reads `$everything`'s parameters: `_type` (comma-separated resource types), `start` and `end`
 * (FHIR dates), `_count` 1–1000 (default 100) and `_cursor`; anything else is ignored.
 */
export function parseEverythingParameters(query: SearchQuery): EverythingParameters {
  const issues: Issue[] = [];
  const applied: AppliedParameter[] = [];
  const typeValues = valuesOf(query, '_type', issues);
  const types = new Set<string>();
  for (const value of typeValues) {
    for (const type of value.split(',')) {
      if (RESOURCE_TYPE.test(type)) types.add(type);
      else issues.push({ path: '_type', message: '_type must be a comma-separated list of resource types' });
    }
    applied.push(['_type', value]);
  }
  const start = singleDate(query, 'start', issues, applied);
  const end = singleDate(query, 'end', issues, applied);
  const paging = pagingOf(query, EVERYTHING_COUNT, issues, applied);
  if (issues.length > 0) throw invalidSearch(issues);
  return {
    ...(typeValues.length > 0 ? { types } : {}),
    ...(start ? { start } : {}),
    ...(end ? { end } : {}),
    ...paging,
    applied,
  };
}

/** The opaque cursor of the page that starts at `offset`. */
export function cursorAt(offset: number): string {
  return Buffer.from(JSON.stringify({ offset }), 'utf8').toString('base64url');
}

/** The offset a cursor stands for; `undefined` when it is not one of ours. */
export function offsetOfCursor(cursor: string): number | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const offset = (parsed as { offset?: unknown } | null)?.offset;
    return Number.isSafeInteger(offset) && (offset as number) >= 0 ? (offset as number) : undefined;
  } catch {
    return undefined;
  }
}

function patientOf(query: SearchQuery, issues: Issue[], applied: AppliedParameter[]): string | undefined {
  const values = valuesOf(query, 'patient', issues);
  if (values.length === 0) {
    if (query['patient'] !== undefined) return undefined;
    issues.push({
      path: 'patient',
      message: 'patient is required: the id of the Patient whose record to search',
    });
    return undefined;
  }
  const [value] = values;
  if (values.length > 1 || value === undefined) {
    issues.push({ path: 'patient', message: 'patient may be given once' });
    return undefined;
  }
  const id = PATIENT_REFERENCE.exec(value)?.[1];
  if (id === undefined || !UUID.test(id)) {
    issues.push({ path: 'patient', message: 'patient must be a Patient id, or Patient/ followed by one' });
    return undefined;
  }
  applied.push(['patient', value]);
  return id.toLowerCase();
}

function dateCriterion(value: string, name: string, issues: Issue[]): DateCriterion | undefined {
  const [, prefix = 'eq', date = ''] = DATE_VALUE.exec(value) ?? [];
  if (!(DATE_PREFIXES as readonly string[]).includes(prefix)) {
    issues.push({ path: name, message: `${name} supports the prefixes ${DATE_PREFIXES.join(', ')} only` });
    return undefined;
  }
  const range = fhirDateRange(date);
  if (range === undefined) {
    issues.push({
      path: name,
      message: `${name} must be a FHIR date (YYYY, YYYY-MM, YYYY-MM-DD) or a dateTime with a time zone`,
    });
    return undefined;
  }
  return { prefix: prefix as DatePrefix, range };
}

function singleDate(
  query: SearchQuery,
  name: string,
  issues: Issue[],
  applied: AppliedParameter[],
): InstantRange | undefined {
  const value = singleValueOf(query, name, issues);
  if (value === undefined) return undefined;
  const range = fhirDateRange(value);
  if (range === undefined) {
    issues.push({ path: name, message: `${name} must be a FHIR date or a dateTime with a time zone` });
    return undefined;
  }
  applied.push([name, value]);
  return range;
}

function tokenParameter(
  query: SearchQuery,
  name: string,
  issues: Issue[],
  applied: AppliedParameter[],
): TokenAlternatives[] {
  return valuesOf(query, name, issues).flatMap((value) => {
    const alternatives = value.split(',').map(tokenCriterion);
    if (alternatives.some((alternative) => alternative === undefined)) {
      issues.push({ path: name, message: `${name} must be tokens (code, system|code, |code or system|)` });
      return [];
    }
    applied.push([name, value]);
    return [alternatives as TokenCriterion[]];
  });
}

function tokenCriterion(text: string): TokenCriterion | undefined {
  const bar = text.indexOf('|');
  if (bar < 0) return text === '' ? undefined : { code: text };
  const system = text.slice(0, bar);
  const code = text.slice(bar + 1);
  if ((system === '' && code === '') || code.includes('|')) return undefined;
  return code === '' ? { system } : { system, code };
}

function sortOf(query: SearchQuery, issues: Issue[], applied: AppliedParameter[]): RecordSort {
  const value = singleValueOf(query, '_sort', issues);
  if (value === undefined) return '-date';
  if (value !== 'date' && value !== '-date') {
    issues.push({ path: '_sort', message: '_sort must be date or -date' });
    return '-date';
  }
  applied.push(['_sort', value]);
  return value;
}

function pagingOf(
  query: SearchQuery,
  limits: { readonly default: number; readonly max: number },
  issues: Issue[],
  applied: AppliedParameter[],
): Paging {
  const countText = singleValueOf(query, '_count', issues);
  let count: number = limits.default;
  if (countText !== undefined) {
    count = /^\d{1,7}$/.test(countText) ? Number(countText) : 0;
    if (count < 1 || count > limits.max) {
      issues.push({ path: '_count', message: `_count must be a whole number from 1 to ${limits.max}` });
      count = limits.default;
    }
  }
  // The count always goes in the links, so that a next page has the size of this one.
  applied.push(['_count', String(count)]);
  const cursor = singleValueOf(query, CURSOR_PARAMETER, issues);
  const offset = cursor === undefined ? 0 : offsetOfCursor(cursor);
  if (offset === undefined) {
    issues.push({ path: CURSOR_PARAMETER, message: `${CURSOR_PARAMETER} must come from a next link` });
    return { count, offset: 0 };
  }
  return { count, offset };
}

function singleValueOf(query: SearchQuery, name: string, issues: Issue[]): string | undefined {
  const values = valuesOf(query, name, issues);
  if (values.length > 1) {
    issues.push({ path: name, message: `${name} may be given once` });
    return undefined;
  }
  return values[0];
}

/** The parameter's values: one per occurrence in the query string. */
function valuesOf(query: SearchQuery, name: string, issues: Issue[]): string[] {
  const value = query[name];
  if (value === undefined) return [];
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value as string[];
  issues.push({ path: name, message: `${name} must be a plain value` });
  return [];
}

function invalidSearch(issues: readonly Issue[]): ValidationError {
  return new ValidationError(`the search is invalid (${problemCount(issues)})`, issues);
}
