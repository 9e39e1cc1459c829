import { type Issue, ValidationError } from '@ilinks/shared/kernel';
import { ODS_CODE } from '@ilinks/platform/security';
import { isJsonObject } from './fhir-json';
import { ODS_ORGANISATION_SYSTEM } from './person.fhir';

/**
 * The person's registered GP practice as a partner's Patient names it (`generalPractitioner`: an
 * Organization by ODS code, as PDS gives it); `undefined` when it names none. A practitioner
 * reference or another identifier system says nothing about the practice and is passed over.
 *
 * @throws ValidationError when an ODS identifier's value is not an ODS code, or two practices are named.
 */
export function registeredPracticeOf(resource: unknown): string | undefined {
  if (!isJsonObject(resource) || !Array.isArray(resource['generalPractitioner'])) return undefined;
  const issues: Issue[] = [];
  const practices = new Set<string>();
  resource['generalPractitioner'].forEach((reference: unknown, index: number) => {
    const identifier = isJsonObject(reference) ? reference['identifier'] : undefined;
    if (!isJsonObject(identifier) || identifier['system'] !== ODS_ORGANISATION_SYSTEM) return;
    const value = identifier['value'];
    const path = `Patient.generalPractitioner[${index}].identifier.value`;
    if (typeof value !== 'string' || !ODS_CODE.test(value)) {
      issues.push({ path, message: `${path} must be an ODS code` });
      return;
    }
    practices.add(value);
  });
  if (practices.size > 1) {
    issues.push({ path: 'Patient.generalPractitioner', message: 'a person has one registered practice' });
  }
  if (issues.length > 0) throw new ValidationError('the Patient resource is invalid', issues);
  return [...practices][0];
}
