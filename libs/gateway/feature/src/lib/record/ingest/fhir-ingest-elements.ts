import {
  type CodingV1,
  PERSON_SUBJECT_SYSTEM,
  type SubjectIdentifierV1,
} from '@ilinks/record-projection/contracts';
import type { Issue } from '@ilinks/shared/kernel';
import { isJsonObject, type JsonObject } from '../../patient/fhir-json';
import { NHS_NUMBER_SYSTEM } from '../../patient/fhir-patient.mapping';

/**
 * What reading one resource found wrong: `invalid` for what FHIR R4 does not allow (400),
 * `rules` for valid FHIR that we refuse (422): a reference to our Patient ids, a past event dated
 * in the future.
 */
export interface ReadContext {
  readonly invalid: Issue[];
  readonly rules: Issue[];
  /** Epoch milliseconds after which a past event's date is impossible (now plus a small skew). */
  readonly latestPast: number;
  /**
   * The patient may be named by our person id system: only an individual's own contribution, whose
   * patient element the gateway itself filled in from the token.
   */
  readonly personSubject?: boolean;
}

/** A FHIR `dateTime` as sent and the instant it starts at. */
export interface FhirDateTime {
  readonly text: string;
  readonly startsAt: number;
}

const ABSOLUTE_URI = /^[A-Za-z][A-Za-z0-9+.-]*:\S+$/;
const MAX_SYSTEM_LENGTH = 256;
const MAX_IDENTIFIER_LENGTH = 64;
const DATE_TIME =
  /^(\d{4})(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01])(?:T([01]\d|2[0-3]):([0-5]\d):([0-5]\d|60)(\.\d{1,9})?(Z|[+-](?:(?:0\d|1[0-3]):[0-5]\d|14:00)))?)?)?$/;

/**
 * A FHIR `dateTime` (`2024`, `2024-03`, `2024-03-05`, or with time and zone) or an issue. Partial
 * dates start at midnight UTC of their first day.
 */
export function dateTimeAt(
  owner: JsonObject,
  key: string,
  path: string,
  context: ReadContext,
  past: boolean,
): FhirDateTime | undefined {
  const value = owner[key];
  if (value === undefined) return undefined;
  const startsAt = typeof value === 'string' ? startOfDateTime(value) : undefined;
  if (typeof value !== 'string' || startsAt === undefined) {
    context.invalid.push({
      path,
      message: `${path} must be a FHIR dateTime (YYYY, YYYY-MM, YYYY-MM-DD or a full time with zone)`,
    });
    return undefined;
  }
  if (past && startsAt > context.latestPast) {
    context.rules.push({ path, message: `${path} is in the future, which is impossible for a past event` });
    return undefined;
  }
  return { text: value, startsAt };
}

/** `period.start` of a FHIR Period at `owner[key]`; checks `end` as a dateTime too. */
export function periodStartAt(
  owner: JsonObject,
  key: string,
  path: string,
  context: ReadContext,
  past: boolean,
): FhirDateTime | undefined {
  const period = objectAt(owner, key, path, 'a Period', context);
  if (period === undefined) return undefined;
  dateTimeAt(period, 'end', `${path}.end`, context, false);
  return dateTimeAt(period, 'start', `${path}.start`, context, past);
}

/** The instant a FHIR `dateTime` starts at; `undefined` when it is not one (or not a real day). */
export function startOfDateTime(text: string): number | undefined {
  const match = DATE_TIME.exec(text);
  if (!match) return undefined;
  const [, year, month, day, hour] = match;
  if (hour !== undefined) {
    const instant = Date.parse(text);
    return Number.isNaN(instant) ? undefined : instant;
  }
  const y = Number(year);
  const m = month === undefined ? 0 : Number(month) - 1;
  const d = day === undefined ? 1 : Number(day);
  const instant = Date.UTC(y, m, d);
  // Date.UTC rolls 31 April over to 1 May: a day that does not exist is refused.
  return new Date(instant).getUTCDate() === d ? instant : undefined;
}

/** The JSON object at `owner[key]`, `undefined` when absent; an issue when it is something else. */
export function objectAt(
  owner: JsonObject,
  key: string,
  path: string,
  what: string,
  context: ReadContext,
): JsonObject | undefined {
  const value = owner[key];
  if (value === undefined) return undefined;
  if (isJsonObject(value)) return value;
  context.invalid.push({ path, message: `${path} must be ${what} (a JSON object)` });
  return undefined;
}

/** The array at `owner[key]`, `[]` when absent; an issue when it is something else. */
export function arrayAt(
  owner: JsonObject,
  key: string,
  path: string,
  context: ReadContext,
): readonly unknown[] {
  const value = owner[key];
  if (value === undefined) return [];
  if (Array.isArray(value)) return value;
  context.invalid.push({ path, message: `${path} must be an array` });
  return [];
}

/** A `code` element that must be one of `allowed`; an issue when required and absent. */
export function codeAt(
  owner: JsonObject,
  key: string,
  path: string,
  allowed: readonly string[],
  required: boolean,
  context: ReadContext,
): string | undefined {
  const value = owner[key];
  if (value === undefined) {
    if (required) context.invalid.push({ path, message: `${path} is required` });
    return undefined;
  }
  if (typeof value === 'string' && allowed.includes(value)) return value;
  context.invalid.push({ path, message: `${path} must be one of ${allowed.join(', ')}` });
  return undefined;
}

/** Reports a required element that is absent. */
export function requireElement(owner: JsonObject, key: string, path: string, context: ReadContext): boolean {
  if (owner[key] !== undefined) return true;
  context.invalid.push({ path, message: `${path} is required` });
  return false;
}

/** The codings of a FHIR Coding at `path`; `[]` (and an issue) when it is not one. */
export function readCoding(value: unknown, path: string, context: ReadContext): CodingV1[] {
  if (!isJsonObject(value)) {
    context.invalid.push({ path, message: `${path} must be a Coding (a JSON object)` });
    return [];
  }
  const coding: { system?: string; code?: string; display?: string } = {};
  for (const key of ['system', 'code', 'display'] as const) {
    const element = value[key];
    if (element === undefined) continue;
    if (typeof element === 'string' && element.trim() !== '') coding[key] = element;
    else
      context.invalid.push({ path: `${path}.${key}`, message: `${path}.${key} must be a non-empty string` });
  }
  if (coding.system !== undefined && !ABSOLUTE_URI.test(coding.system))
    context.invalid.push({ path: `${path}.system`, message: `${path}.system must be an absolute URI` });
  return [coding];
}

/** The codings of a CodeableConcept at `path`; an issue when it is not one or holds neither coding nor text. */
export function readCodeableConcept(value: unknown, path: string, context: ReadContext): CodingV1[] {
  if (!isJsonObject(value)) {
    context.invalid.push({ path, message: `${path} must be a CodeableConcept (a JSON object)` });
    return [];
  }
  const text = value['text'];
  if (text !== undefined && (typeof text !== 'string' || text.trim() === ''))
    context.invalid.push({ path: `${path}.text`, message: `${path}.text must be a non-empty string` });
  const raw = arrayAt(value, 'coding', `${path}.coding`, context);
  const codings = raw.flatMap((coding, index) => readCoding(coding, `${path}.coding[${index}]`, context));
  if (
    raw.length === 0 &&
    text === undefined &&
    (value['coding'] === undefined || Array.isArray(value['coding']))
  )
    context.invalid.push({ path, message: `${path} must hold a coding or a text` });
  return codings;
}

/** The codings of an optional (or required) CodeableConcept element. */
export function conceptAt(
  owner: JsonObject,
  key: string,
  path: string,
  context: ReadContext,
  required = false,
): CodingV1[] {
  if (owner[key] === undefined) {
    if (required) context.invalid.push({ path, message: `${path} is required` });
    return [];
  }
  return readCodeableConcept(owner[key], path, context);
}

/** The codings of a list of CodeableConcepts (`category`, `type`…). */
export function conceptsAt(owner: JsonObject, key: string, path: string, context: ReadContext): CodingV1[] {
  return arrayAt(owner, key, path, context).flatMap((concept, index) =>
    readCodeableConcept(concept, `${path}[${index}]`, context),
  );
}

/** True when a CodeableConcept (already read) has a coding with `code`. */
export function hasCode(owner: JsonObject, key: string, code: string): boolean {
  const concept = owner[key];
  if (!isJsonObject(concept) || !Array.isArray(concept['coding'])) return false;
  return concept['coding'].some((coding: unknown) => isJsonObject(coding) && coding['code'] === code);
}

/**
 * The partner's own identifier of the patient, from the Reference at `owner[key]`. Partners name
 * the patient by `identifier` only: a `reference` (to our ids, or to anything we cannot resolve) is
 * refused, as is the NHS number (an entry follows the local record the partner registered).
 */
export function patientIdentifierAt(
  owner: JsonObject,
  key: string,
  path: string,
  context: ReadContext,
): SubjectIdentifierV1 | undefined {
  if (!requireElement(owner, key, path, context)) return undefined;
  const reference = objectAt(owner, key, path, 'a Reference', context);
  if (reference === undefined) return undefined;
  return identifierOfReference(reference, path, context);
}

/** The patient identifier of a Reference already known to be an object. */
export function identifierOfReference(
  reference: JsonObject,
  path: string,
  context: ReadContext,
): SubjectIdentifierV1 | undefined {
  if (reference['reference'] !== undefined) {
    context.rules.push({
      path: `${path}.reference`,
      message: `${path}.reference is not accepted: refer to the patient by your own identifier in ${path}.identifier`,
    });
    return undefined;
  }
  const at = `${path}.identifier`;
  if (reference['identifier'] === undefined) {
    context.invalid.push({ path: at, message: `${at} is required: your own identifier of the patient` });
    return undefined;
  }
  return readPatientIdentifier(reference['identifier'], at, context);
}

/** A patient Identifier value: an absolute-URI system (not the NHS number) and a value. */
export function readPatientIdentifier(
  value: unknown,
  path: string,
  context: ReadContext,
): SubjectIdentifierV1 | undefined {
  if (!isJsonObject(value)) {
    context.invalid.push({ path, message: `${path} must be an Identifier (a JSON object)` });
    return undefined;
  }
  const system = value['system'];
  const identifier = value['value'];
  let valid = true;
  if (typeof system !== 'string' || !ABSOLUTE_URI.test(system) || system.length > MAX_SYSTEM_LENGTH) {
    context.invalid.push({
      path: `${path}.system`,
      message: `${path}.system must be an absolute URI of at most 256 characters`,
    });
    valid = false;
  }
  if (
    typeof identifier !== 'string' ||
    identifier.trim() === '' ||
    identifier.length > MAX_IDENTIFIER_LENGTH
  ) {
    context.invalid.push({ path: `${path}.value`, message: `${path}.value must be 1 to 64 characters` });
    valid = false;
  }
  if (system === NHS_NUMBER_SYSTEM) {
    context.rules.push({
      path: `${path}.system`,
      message: `${path}.system must be your own identifier of the patient (the one you registered), not the NHS number`,
    });
    return undefined;
  }
  if (system === PERSON_SUBJECT_SYSTEM && context.personSubject !== true) {
    context.rules.push({
      path: `${path}.system`,
      message: `${path}.system must be your own identifier of the patient: ${PERSON_SUBJECT_SYSTEM} is only for what individuals contribute about themselves`,
    });
    return undefined;
  }
  return valid ? { system: system as string, value: (identifier as string).trim() } : undefined;
}
