import type { LocalIdentifierApiV1, PersonSearchResponseV1 } from '@ilinks/identity-matching/contracts';
import { ValidationError } from '@ilinks/shared/kernel';
import type { FhirSearchsetBundle } from './fhir-resources';
import { fhirPatientFromPerson } from './person.fhir';

const MAX_TOKEN_PART = 256;

/**
 * Reads the `identifier` search parameter, a FHIR token `system|value` (both required: a value
 * alone could name different patients in different organisations).
 *
 * @throws ValidationError at `identifier` when it is missing, repeated or malformed.
 */
export function identifierFromSearchParameter(raw: unknown): LocalIdentifierApiV1 {
  const fail = (message: string): never => {
    throw new ValidationError('the search is invalid (1 problem)', [{ path: 'identifier', message }]);
  };
  if (raw === undefined || raw === '')
    return fail('the search parameter identifier is required (system|value)');
  if (typeof raw !== 'string') return fail('the search parameter identifier may be given only once');
  const separator = raw.indexOf('|');
  const system = raw.slice(0, Math.max(separator, 0));
  const value = raw.slice(separator + 1);
  if (separator <= 0 || value === '' || value.includes('|'))
    return fail('the search parameter identifier must be a token system|value, both parts given');
  if (system.length > MAX_TOKEN_PART || value.length > MAX_TOKEN_PART)
    return fail('the search parameter identifier is too long');
  return { system, value };
}

/** The persons found, as a `searchset` Bundle of Patients. */
export function personSearchBundle(response: PersonSearchResponseV1, baseUrl: string): FhirSearchsetBundle {
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    total: response.persons.length,
    entry: response.persons.map((person) => ({
      fullUrl: `${baseUrl}/Patient/${person.personId}`,
      resource: fhirPatientFromPerson(person),
      search: { mode: 'match' },
    })),
  };
}
