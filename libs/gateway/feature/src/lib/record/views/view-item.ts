import type { RecordEntryV1 } from '@ilinks/record-projection/contracts';
import { type JsonObject, isJsonObject } from '../../patient/fhir-json';
import { entryOrder } from '../read/record-search';

/** Where one item of a view came from, so that an app can weigh it and fetch the FHIR resource. */
export interface ViewSource {
  /** ODS code of the organisation that recorded it. */
  readonly organisation: string;
  readonly recordedAt: string;
  readonly lastUpdated: string;
  /** The person contributed it themselves: their own words, not a clinical entry. */
  readonly patientContributed: boolean;
}

/** What every item of a view carries: the FHIR resource to fetch, its clinical date and its source. */
export interface ViewItem {
  /** `<ResourceType>/<entryId>`, readable at `/fhir/<ResourceType>/<entryId>`. */
  readonly reference: string;
  readonly resourceType: string;
  /** The clinically relevant instant (onset, period start, effective…), when the sender gave one. */
  readonly date?: string;
  /** The main code's display (or text), when the sender gave one. */
  readonly display?: string;
  readonly source: ViewSource;
}

/** An entry's view of its source. */
export function sourceOf(entry: RecordEntryV1): ViewSource {
  return {
    organisation: entry.organisation,
    recordedAt: entry.recordedAt,
    lastUpdated: entry.lastUpdated,
    patientContributed: entry.patientContributed === true,
  };
}

/** `<ResourceType>/<entryId>`: how an app fetches the entry's FHIR resource. */
export function referenceOf(entry: RecordEntryV1): string {
  return `${entry.resourceType}/${entry.entryId}`;
}

/** The fields every item has, from one entry. */
export function viewItemOf(entry: RecordEntryV1): ViewItem {
  const display = displayOf(entry);
  return {
    reference: referenceOf(entry),
    resourceType: entry.resourceType,
    ...(entry.effectiveAt === undefined ? {} : { date: entry.effectiveAt }),
    ...(display === undefined ? {} : { display }),
    source: sourceOf(entry),
  };
}

/** The first display among the indexed codings, else the main code's text. */
export function displayOf(entry: RecordEntryV1): string | undefined {
  const coded = entry.codes.find((coding) => typeof coding.display === 'string' && coding.display !== '');
  if (coded?.display !== undefined) return coded.display;
  const code = entry.resource['code'];
  return isJsonObject(code) ? textAt(code, 'text') : undefined;
}

/** The string at `owner[key]`, when it is a non-empty string. */
export function textAt(owner: JsonObject, key: string): string | undefined {
  const value = owner[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The object at `owner[key]`, when it is one. */
export function objectAt(owner: JsonObject, key: string): JsonObject | undefined {
  const value = owner[key];
  return isJsonObject(value) ? value : undefined;
}

/** The objects of the array at `owner[key]` (anything else left out). */
export function objectsAt(owner: JsonObject, key: string): JsonObject[] {
  const value = owner[key];
  return Array.isArray(value) ? value.filter(isJsonObject) : [];
}

/**
 * The status code of a resource: a plain `status` string, or the first code of a CodeableConcept
 * such as `clinicalStatus`.
 */
export function statusCodeAt(resource: JsonObject, key: string): string | undefined {
  const value = resource[key];
  if (typeof value === 'string') return value;
  if (!isJsonObject(value)) return undefined;
  const coding = objectsAt(value, 'coding').find((item) => typeof item['code'] === 'string');
  return coding === undefined ? undefined : textAt(coding, 'code');
}

/** Newest clinical date first (the recording date when undated), then by id. */
export const newestFirst: (a: RecordEntryV1, b: RecordEntryV1) => number = entryOrder('-date');

/** An entry as served: current (not entered in error). */
export function isCurrent(entry: RecordEntryV1): boolean {
  return entry.status === 'current';
}

/** The entry's clinical date, else when it was recorded: the date a view orders and filters by. */
export function clinicalDateOf(entry: RecordEntryV1): string {
  return entry.effectiveAt ?? entry.recordedAt;
}

/** A view derived from some entries, with the entries it shows (for the audit trail). */
export interface DerivedView<V> {
  readonly view: V;
  readonly returned: readonly RecordEntryV1[];
}
