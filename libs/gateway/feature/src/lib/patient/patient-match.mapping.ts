import type { MatchRequestV1, MatchResponseV1 } from '@ilinks/identity-matching/contracts';
import { type Issue, ValidationError } from '@ilinks/shared/kernel';
import { isJsonObject, type JsonObject, listAt, problemCount } from './fhir-json';
import { type PatientReading, readFhirPatient } from './fhir-patient.mapping';
import type { FhirSearchsetBundle } from './fhir-resources';
import { fhirPatientFromPerson } from './person.fhir';

/** The standard extension on a `$match` entry's `search` giving the match grade. */
export const MATCH_GRADE_EXTENSION = 'http://hl7.org/fhir/StructureDefinition/match-grade';

const DEFAULT_COUNT = 10;
const MAX_COUNT = 100;
const PARAMETER_NAMES = ['resource', 'onlyCertainMatches', 'count'];

interface MatchParameters {
  reading?: PatientReading;
  onlyCertainMatches?: boolean;
  count?: number;
}

/**
 * Reads the `Parameters` of FHIR R4 `Patient/$match`: `resource` (the Patient to match, read
 * leniently: whatever the caller knows, though an NHS number given must pass Modulus 11),
 * `onlyCertainMatches` (valueBoolean) and `count` (valueInteger 1–100, default 10).
 *
 * @param today the date in England (`YYYY-MM-DD`): a future birth date is refused.
 * @throws ValidationError locating each problem (`Parameters.parameter[0].resource.birthDate`).
 */
export function matchRequestFromParameters(resource: unknown, today: string): MatchRequestV1 {
  const issues: Issue[] = [];
  const parameters = readParameters(resource, today, issues);
  if (issues.length > 0 || !parameters.reading)
    throw new ValidationError(`the $match Parameters are invalid (${problemCount(issues)})`, issues);
  return {
    demographics: parameters.reading.demographics,
    count: parameters.count ?? DEFAULT_COUNT,
    ...(parameters.onlyCertainMatches === undefined
      ? {}
      : { onlyCertainMatches: parameters.onlyCertainMatches }),
  };
}

function readParameters(resource: unknown, today: string, issues: Issue[]): MatchParameters {
  if (!isJsonObject(resource)) {
    issues.push({
      path: 'Parameters',
      message: 'the body must be a FHIR Parameters resource (a JSON object)',
    });
    return {};
  }
  if (resource['resourceType'] !== 'Parameters') {
    issues.push({ path: 'Parameters.resourceType', message: "Parameters.resourceType must be 'Parameters'" });
    return {};
  }
  const found: MatchParameters = {};
  const seen = new Set<string>();
  const issuesBefore = issues.length;
  listAt(resource, 'parameter', 'Parameters.parameter', issues).forEach((parameter, index) =>
    readParameter(parameter, `Parameters.parameter[${index}]`, today, { found, seen, issues }),
  );
  if (!seen.has('resource') && issues.length === issuesBefore) {
    issues.push({
      path: 'Parameters.parameter',
      message: "Parameters.parameter must include 'resource': the Patient to match",
    });
  }
  return found;
}

interface ParameterContext {
  readonly found: MatchParameters;
  readonly seen: Set<string>;
  readonly issues: Issue[];
}

function readParameter(parameter: unknown, path: string, today: string, context: ParameterContext): void {
  const { found, seen, issues } = context;
  if (!isJsonObject(parameter)) {
    issues.push({ path, message: `${path} must be a parameter (a JSON object)` });
    return;
  }
  const name = parameter['name'];
  if (typeof name !== 'string' || !PARAMETER_NAMES.includes(name)) {
    issues.push({
      path: `${path}.name`,
      message: `${path}.name must be one of ${PARAMETER_NAMES.join(', ')} (the parameters of Patient/$match)`,
    });
    return;
  }
  if (seen.has(name)) {
    issues.push({ path, message: `${path}: '${name}' may be given only once` });
    return;
  }
  seen.add(name);
  switch (name) {
    case 'resource': {
      const reading = readFhirPatient(parameter['resource'], `${path}.resource`, 'match', today, issues);
      if (reading) found.reading = reading;
      return;
    }
    case 'onlyCertainMatches': {
      const value = valueAt(parameter, 'valueBoolean', path, issues);
      if (typeof value === 'boolean') found.onlyCertainMatches = value;
      else if (value !== undefined)
        issues.push({ path: `${path}.valueBoolean`, message: `${path}.valueBoolean must be true or false` });
      return;
    }
    case 'count': {
      const value = valueAt(parameter, 'valueInteger', path, issues);
      if (Number.isInteger(value) && (value as number) >= 1 && (value as number) <= MAX_COUNT)
        found.count = value as number;
      else if (value !== undefined)
        issues.push({
          path: `${path}.valueInteger`,
          message: `${path}.valueInteger must be an integer from 1 to ${MAX_COUNT}`,
        });
      return;
    }
  }
}

/** The parameter's value element, or an issue naming the one expected. */
function valueAt(parameter: JsonObject, key: string, path: string, issues: Issue[]): unknown {
  const value = parameter[key];
  if (value === undefined) issues.push({ path: `${path}.${key}`, message: `${path}.${key} is required` });
  return value;
}

/**
 * The `$match` answer: a `searchset` Bundle, best match first as the service ranked them, each
 * entry with `search.mode` `match`, its score and the standard match-grade extension.
 *
 * @param baseUrl the public base of the FHIR API (`https://exchange.example/fhir`).
 */
export function matchBundle(response: MatchResponseV1, baseUrl: string): FhirSearchsetBundle {
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    total: response.matches.length,
    entry: response.matches.map((match) => ({
      fullUrl: `${baseUrl}/Patient/${match.person.personId}`,
      resource: fhirPatientFromPerson(match.person),
      search: {
        mode: 'match',
        score: match.score,
        extension: [{ url: MATCH_GRADE_EXTENSION, valueCode: match.grade }],
      },
    })),
  };
}
