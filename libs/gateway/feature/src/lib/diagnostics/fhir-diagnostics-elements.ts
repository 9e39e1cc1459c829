import type { CodingV1, IdentifierV1, ParticipantV1, QuantityV1 } from '@ilinks/diagnostics/contracts';
import { isJsonObject, type JsonObject } from '../patient/fhir-json';
import { ODS_ORGANISATION_SYSTEM } from '../patient/person.fhir';
import { arrayAt, type ReadContext } from '../record/ingest/fhir-ingest-elements';
import { refusalOf } from '../record/ingest/unprocessable-entry';

/** Where a copy of the result should go (`valueReference`, named by identifier). */
export const COPY_TO_EXTENSION = 'https://fhir.ilinks.dev/StructureDefinition/copy-to';
/** The requester's team (`valueString`), on `requester` or the ServiceRequest itself. */
export const REQUESTER_TEAM_EXTENSION = 'https://fhir.ilinks.dev/StructureDefinition/requester-team';
/** A team of an organisation: value `<ODS>/<team>`. */
export const TEAM_SYSTEM = 'https://fhir.ilinks.dev/Id/team';
/** A user of an organisation: value `<ODS>/<user id>`. */
export const PRACTITIONER_SYSTEM = 'https://fhir.ilinks.dev/Id/practitioner';
/** UCUM: the only unit system results are accepted in. */
export const UCUM_SYSTEM = 'http://unitsofmeasure.org';

/** At most this many copies per request or report (the service's limit). */
export const MAX_COPIES = 10;

const ODS_CODE = /^[A-Z0-9]{3,10}$/;
const OF_ORGANISATION = /^([A-Z0-9]{3,10})\/(\S{1,256})$/;
const ABSOLUTE_URI = /^[A-Za-z][A-Za-z0-9+.-]*:\S+$/;
/** A FHIR `id`: the partner's id of the resource. */
export const FHIR_ID = /^[A-Za-z0-9.-]{1,64}$/;

/** A fresh context for reading one resource. */
export function readContext(now: Date): ReadContext {
  // A minute's skew between the sender's clock and ours is not an error.
  return { invalid: [], rules: [], latestPast: now.getTime() + 60_000 };
}

/** Throws the 400 (or 422) for what reading found wrong, if anything. */
export function throwIfRefused(context: ReadContext, what: string): void {
  const refusal = refusalOf(context, what);
  if (refusal) throw refusal;
}

/** Throws the 400 for a body that is not a JSON object. */
export function requireObject(body: unknown, type: string, context: ReadContext): JsonObject {
  if (isJsonObject(body)) return body;
  context.invalid.push({ path: type, message: `the body must be a FHIR ${type} (a JSON object)` });
  throwIfRefused(context, `the ${type}`);
  return {};
}

/** A non-empty string at `owner[key]`; an issue when required and absent, or not one. */
export function stringAt(
  owner: JsonObject,
  key: string,
  path: string,
  context: ReadContext,
  required = false,
): string | undefined {
  const value = owner[key];
  if (value === undefined) {
    if (required) context.invalid.push({ path, message: `${path} is required` });
    return undefined;
  }
  if (typeof value === 'string' && value.trim() !== '') return value;
  context.invalid.push({ path, message: `${path} must be a non-empty string` });
  return undefined;
}

/** The resource's `resourceType` and `id` (the partner's id, required). */
export function partnerIdOf(resource: JsonObject, type: string, context: ReadContext): string | undefined {
  if (resource['resourceType'] !== type) {
    context.invalid.push({ path: `${type}.resourceType`, message: `${type}.resourceType must be ${type}` });
  }
  const id = stringAt(resource, 'id', `${type}.id`, context, true);
  if (id === undefined) return undefined;
  if (FHIR_ID.test(id)) return id;
  context.invalid.push({
    path: `${type}.id`,
    message: `${type}.id must be your id of the ${type}: 1 to 64 letters, digits, '-' or '.'`,
  });
  return undefined;
}

/** One Coding that must have a system (an absolute URI) and a code. */
export function codingOf(value: unknown, path: string, context: ReadContext): CodingV1 | undefined {
  if (!isJsonObject(value)) {
    context.invalid.push({ path, message: `${path} must be a Coding (a JSON object)` });
    return undefined;
  }
  const system = stringAt(value, 'system', `${path}.system`, context, true);
  const code = stringAt(value, 'code', `${path}.code`, context, true);
  const display = stringAt(value, 'display', `${path}.display`, context);
  if (system !== undefined && !ABSOLUTE_URI.test(system)) {
    context.invalid.push({ path: `${path}.system`, message: `${path}.system must be an absolute URI` });
    return undefined;
  }
  if (system === undefined || code === undefined) return undefined;
  return { system, code, ...(display === undefined ? {} : { display }) };
}

/** The codings of a CodeableConcept at `owner[key]`; with `required`, 1+ codings must be there. */
export function codingsAt(
  owner: JsonObject,
  key: string,
  path: string,
  context: ReadContext,
  required: boolean,
): CodingV1[] {
  const concept = owner[key];
  if (concept === undefined && required) {
    context.invalid.push({
      path: `${path}.coding`,
      message: `${path}.coding is required (1 or more codings)`,
    });
  }
  return concept === undefined ? [] : codingsOfConcept(concept, path, context, required);
}

/** The codings of every CodeableConcept of the list at `owner[key]` (`category`, `interpretation`). */
export function codingsOfListAt(
  owner: JsonObject,
  key: string,
  path: string,
  context: ReadContext,
): CodingV1[] {
  return arrayAt(owner, key, path, context).flatMap((concept, index) =>
    codingsOfConcept(concept, `${path}[${index}]`, context, false),
  );
}

function codingsOfConcept(
  concept: unknown,
  path: string,
  context: ReadContext,
  required: boolean,
): CodingV1[] {
  if (!isJsonObject(concept)) {
    context.invalid.push({ path, message: `${path} must be a CodeableConcept (a JSON object)` });
    return [];
  }
  const raw = arrayAt(concept, 'coding', `${path}.coding`, context);
  if (raw.length === 0 && required) {
    context.invalid.push({
      path: `${path}.coding`,
      message: `${path}.coding is required (1 or more codings)`,
    });
  }
  return raw.flatMap((coding, index) => codingOf(coding, `${path}.coding[${index}]`, context) ?? []);
}

/** An Identifier: a value and, when given, an absolute-URI system. */
export function identifierOf(value: unknown, path: string, context: ReadContext): IdentifierV1 | undefined {
  if (!isJsonObject(value)) {
    context.invalid.push({ path, message: `${path} must be an Identifier (a JSON object)` });
    return undefined;
  }
  const system = stringAt(value, 'system', `${path}.system`, context);
  const identifier = stringAt(value, 'value', `${path}.value`, context, true);
  if (system !== undefined && !ABSOLUTE_URI.test(system)) {
    context.invalid.push({ path: `${path}.system`, message: `${path}.system must be an absolute URI` });
    return undefined;
  }
  if (identifier === undefined) return undefined;
  return { ...(system === undefined ? {} : { system }), value: identifier.trim() };
}

/** A Quantity whose unit is UCUM (`system` http://unitsofmeasure.org and a `code`). */
export function ucumQuantityOf(value: unknown, path: string, context: ReadContext): QuantityV1 | undefined {
  if (!isJsonObject(value)) {
    context.invalid.push({ path, message: `${path} must be a Quantity (a JSON object)` });
    return undefined;
  }
  const before = context.invalid.length;
  const amount = value['value'];
  if (typeof amount !== 'number' || !Number.isFinite(amount)) {
    context.invalid.push({
      path: `${path}.value`,
      message: `${path}.value is required and must be a number`,
    });
  }
  if (value['system'] !== UCUM_SYSTEM) {
    context.invalid.push({
      path: `${path}.system`,
      message: `${path}.system must be ${UCUM_SYSTEM}: units are accepted in UCUM only`,
    });
  }
  const code = stringAt(value, 'code', `${path}.code`, context, true);
  const unit = stringAt(value, 'unit', `${path}.unit`, context);
  const comparator = value['comparator'];
  if (comparator !== undefined && !isComparator(comparator)) {
    context.invalid.push({
      path: `${path}.comparator`,
      message: `${path}.comparator must be one of <, <=, >=, >`,
    });
  }
  if (context.invalid.length > before || code === undefined) return undefined;
  return {
    value: amount as number,
    system: UCUM_SYSTEM,
    code,
    ...(unit === undefined ? {} : { unit }),
    ...(isComparator(comparator) ? { comparator } : {}),
  };
}

function isComparator(value: unknown): value is NonNullable<QuantityV1['comparator']> {
  return value === '<' || value === '<=' || value === '>=' || value === '>';
}

/**
 * Someone named by a Reference's identifier: an organisation by ODS code, a team by
 * `https://fhir.ilinks.dev/Id/team` `<ODS>/<team>`, a practitioner by
 * `https://fhir.ilinks.dev/Id/practitioner` `<ODS>/<user id>`.
 */
export function participantOf(value: unknown, path: string, context: ReadContext): ParticipantV1 | undefined {
  if (!isJsonObject(value)) {
    context.invalid.push({ path, message: `${path} must be a Reference (a JSON object)` });
    return undefined;
  }
  const identifier = value['identifier'];
  const system = isJsonObject(identifier) ? identifier['system'] : undefined;
  const code = isJsonObject(identifier) ? identifier['value'] : undefined;
  const at = `${path}.identifier`;
  if (system === ODS_ORGANISATION_SYSTEM && typeof code === 'string' && ODS_CODE.test(code)) {
    return { organisation: code };
  }
  const scoped = typeof code === 'string' ? OF_ORGANISATION.exec(code) : null;
  if (system === TEAM_SYSTEM && scoped?.[1] && scoped[2]) return { organisation: scoped[1], team: scoped[2] };
  if (system === PRACTITIONER_SYSTEM && scoped?.[1] && scoped[2]) {
    return { organisation: scoped[1], practitioner: scoped[2] };
  }
  context.invalid.push({
    path: at,
    message: `${at} must name an Organization (${ODS_ORGANISATION_SYSTEM}, its ODS code), a CareTeam (${TEAM_SYSTEM}, <ODS>/<team>) or a PractitionerRole (${PRACTITIONER_SYSTEM}, <ODS>/<user id>)`,
  });
  return undefined;
}

/** An organisation named by its ODS code only (a performer). */
export function organisationOf(value: unknown, path: string, context: ReadContext): string | undefined {
  const participant = participantOf(value, path, context);
  if (participant === undefined) return undefined;
  if (participant.team === undefined && participant.practitioner === undefined)
    return participant.organisation;
  context.invalid.push({
    path: `${path}.identifier`,
    message: `${path}.identifier must name an Organization by its ODS code (${ODS_ORGANISATION_SYSTEM})`,
  });
  return undefined;
}

/** The extensions of `owner` with `url`, each with its index in `owner.extension`. */
export function extensionsAt(
  owner: JsonObject,
  url: string,
  path: string,
  context: ReadContext,
): { readonly extension: JsonObject; readonly path: string }[] {
  return arrayAt(owner, 'extension', `${path}.extension`, context).flatMap((extension, index) => {
    const at = `${path}.extension[${index}]`;
    if (!isJsonObject(extension)) {
      context.invalid.push({ path: at, message: `${at} must be an Extension (a JSON object)` });
      return [];
    }
    return extension['url'] === url ? [{ extension, path: at }] : [];
  });
}

/** The copies asked for by copy-to extensions (0–10, each once). */
export function copiesAt(owner: JsonObject, type: string, context: ReadContext): ParticipantV1[] {
  const found = extensionsAt(owner, COPY_TO_EXTENSION, type, context);
  if (found.length > MAX_COPIES) {
    context.invalid.push({ path: `${type}.extension`, message: `at most ${MAX_COPIES} copy-to extensions` });
  }
  const copies = found.flatMap(({ extension, path }) => {
    if (extension['valueReference'] === undefined) {
      context.invalid.push({ path: `${path}.valueReference`, message: `${path}.valueReference is required` });
      return [];
    }
    return participantOf(extension['valueReference'], `${path}.valueReference`, context) ?? [];
  });
  return distinctParticipants(copies);
}

/** Each participant once, in the order first named. */
export function distinctParticipants(participants: readonly ParticipantV1[]): ParticipantV1[] {
  const seen = new Set<string>();
  return participants.filter((participant) => {
    const key = `${participant.organisation}|${participant.team ?? ''}|${participant.practitioner ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
