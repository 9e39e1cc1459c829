import type { Issue } from '@ilinks/shared/kernel';
import { isValidNhsNumber, NHS_NUMBER_SYSTEM } from './nhs-number';
import type { Demographics, LocalIdentifier } from './local-record.types';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when `value` is a real calendar date written `YYYY-MM-DD`. */
export function isCalendarDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * The rules every local record's demographics must meet, whatever the partner's system.
 * Returns one issue per broken rule, located by a FHIR-like path; never echoes the values.
 */
export function demographicsIssues(demographics: Demographics, today: Date): Issue[] {
  const issues: Issue[] = [];
  if (demographics.nhsNumber !== undefined && !isValidNhsNumber(demographics.nhsNumber)) {
    issues.push({ path: 'identifier.nhs-number', message: 'NHS number fails the Modulus 11 check' });
  }
  if (demographics.names.length === 0)
    issues.push({ path: 'name', message: 'at least one name is required' });
  demographics.names.forEach((name, index) => {
    if (name.family.trim() === '')
      issues.push({ path: `name[${index}].family`, message: 'family name is required' });
  });
  if (!isCalendarDate(demographics.birthDate)) {
    issues.push({ path: 'birthDate', message: 'birth date must be a real date written YYYY-MM-DD' });
  } else {
    const todayIso = today.toISOString().slice(0, 10);
    if (demographics.birthDate > todayIso)
      issues.push({ path: 'birthDate', message: 'birth date is in the future' });
    if (demographics.birthDate < '1880-01-01')
      issues.push({ path: 'birthDate', message: 'birth date is before 1880' });
  }
  return issues;
}

export function localIdentifierIssues(identifier: LocalIdentifier): Issue[] {
  const issues: Issue[] = [];
  if (!/^[a-z][a-z0-9+.-]*:\S+$/i.test(identifier.system)) {
    issues.push({ path: 'identifier.system', message: 'identifier system must be an absolute URI' });
  }
  if (identifier.system === NHS_NUMBER_SYSTEM) {
    issues.push({ path: 'identifier.system', message: "the NHS number is not a partner's own identifier" });
  }
  if (!/^\S(.{0,62}\S)?$/.test(identifier.value)) {
    issues.push({
      path: 'identifier.value',
      message: 'identifier value must be 1 to 64 characters without surrounding spaces',
    });
  }
  return issues;
}
