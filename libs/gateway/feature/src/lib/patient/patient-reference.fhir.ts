import type { Issue } from '@ilinks/shared/kernel';
import { isJsonObject, type JsonObject } from './fhir-json';
import { NHS_NUMBER_SYSTEM } from './fhir-patient.mapping';
import { normaliseNhsNumber, passesModulus11 } from './nhs-number';

/** How a sender named the patient a resource is about, before the gateway finds the person. */
export type PatientReference =
  | { readonly by: 'local-identifier'; readonly system: string; readonly value: string }
  | { readonly by: 'nhs-number'; readonly nhsNumber: string }
  | { readonly by: 'person-id'; readonly personId: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PATIENT_REFERENCE = /^Patient\/([^/]+)$/;
const ABSOLUTE_URI = /^[A-Za-z][A-Za-z0-9+.-]*:\S+$/;

/**
 * The patient of `owner.subject` (at FHIRPath `path`): `Patient/<person id>`, an NHS number, or the
 * sender's own identifier of them. Pushes an issue naming the bad element and answers `undefined`
 * when it names no one readable.
 */
export function patientReferenceAt(
  owner: JsonObject,
  path: string,
  issues: Issue[],
): PatientReference | undefined {
  const subject = owner['subject'];
  if (subject === undefined) {
    issues.push({ path, message: `${path} is required: the patient, by your identifier for them` });
    return undefined;
  }
  if (!isJsonObject(subject)) {
    issues.push({ path, message: `${path} must be a Reference (a JSON object)` });
    return undefined;
  }
  const reference = subject['reference'];
  if (reference !== undefined) {
    const personId = typeof reference === 'string' ? PATIENT_REFERENCE.exec(reference)?.[1] : undefined;
    if (personId !== undefined && UUID.test(personId))
      return { by: 'person-id', personId: personId.toLowerCase() };
    issues.push({
      path: `${path}.reference`,
      message: `${path}.reference must be Patient/<person id>; or name the patient by ${path}.identifier`,
    });
    return undefined;
  }
  if (subject['identifier'] === undefined) {
    issues.push({
      path: `${path}.identifier`,
      message: `${path}.identifier is required: your own identifier of the patient, or the NHS number`,
    });
    return undefined;
  }
  return patientOfIdentifier(subject['identifier'], `${path}.identifier`, issues);
}

function patientOfIdentifier(
  identifier: unknown,
  path: string,
  issues: Issue[],
): PatientReference | undefined {
  if (!isJsonObject(identifier)) {
    issues.push({ path, message: `${path} must be an Identifier (a JSON object)` });
    return undefined;
  }
  const system = requiredString(identifier, 'system', `${path}.system`, issues);
  const value = requiredString(identifier, 'value', `${path}.value`, issues);
  if (system !== undefined && !ABSOLUTE_URI.test(system)) {
    issues.push({ path: `${path}.system`, message: `${path}.system must be an absolute URI` });
    return undefined;
  }
  if (system === undefined || value === undefined) return undefined;
  if (system !== NHS_NUMBER_SYSTEM) return { by: 'local-identifier', system, value };
  const nhsNumber = normaliseNhsNumber(value);
  if (passesModulus11(nhsNumber)) return { by: 'nhs-number', nhsNumber };
  issues.push({
    path: `${path}.value`,
    message: `${path}.value must be a valid NHS number (10 digits, Modulus 11)`,
  });
  return undefined;
}

/** The trimmed, non-empty string at `owner[key]`; an issue otherwise. */
function requiredString(owner: JsonObject, key: string, path: string, issues: Issue[]): string | undefined {
  const value = owner[key];
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  issues.push({
    path,
    message: value === undefined ? `${path} is required` : `${path} must be a non-empty string`,
  });
  return undefined;
}
