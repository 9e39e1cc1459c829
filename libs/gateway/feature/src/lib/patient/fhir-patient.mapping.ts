import {
  type AddressV1,
  type ContactPointV1,
  type DemographicsV1,
  type GenderV1,
  IDENTITY_NHS_NUMBER_SYSTEM,
  type LocalIdentifierApiV1,
  type NameUseV1,
  type PersonNameV1,
  type RegisterLocalRecordRequestV1,
} from '@ilinks/identity-matching/contracts';
import { type Issue, ValidationError } from '@ilinks/shared/kernel';
import {
  isJsonObject,
  type JsonObject,
  listAt,
  optionalTextAt,
  problemCount,
  requiredTextAt,
  textOrIssue,
} from './fhir-json';
import { hasTenDigits, normaliseNhsNumber, passesModulus11 } from './nhs-number';

/** The identifier system of NHS numbers. */
export const NHS_NUMBER_SYSTEM = IDENTITY_NHS_NUMBER_SYSTEM;

const GENDERS: readonly GenderV1[] = ['male', 'female', 'other', 'unknown'];
const NAME_USES: readonly NameUseV1[] = ['official', 'usual', 'maiden', 'nickname', 'old'];
const ABSOLUTE_URI = /^[A-Za-z][A-Za-z0-9+.-]*:\S+$/;
const MAX_SYSTEM_LENGTH = 256;
const MAX_LOCAL_IDENTIFIER_LENGTH = 64;
const FULL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * How strictly a Patient is read: `register` needs the partner's identifier, a name and a birth
 * date; `match` takes whatever the caller knows.
 */
export type PatientReadMode = 'register' | 'match';

/** What a FHIR Patient says, in the identity service's terms. */
export interface PatientReading {
  readonly demographics: DemographicsV1;
  /** Only read in `register` mode. */
  readonly partnerIdentifier?: LocalIdentifierApiV1;
}

/**
 * Turns a partner's FHIR R4 Patient into the identity service's registration request, for the
 * organisation of the caller's token. Extra FHIR elements are ignored, as FHIR allows.
 *
 * @param today the date in England (`YYYY-MM-DD`) against which a future birth date is refused.
 * @throws ValidationError with one issue per bad element, located by FHIRPath
 *   (`Patient.identifier[1].value`); messages never quote the values sent.
 */
export function registrationFromFhirPatient(
  resource: unknown,
  organisation: string,
  today: string,
): RegisterLocalRecordRequestV1 {
  const issues: Issue[] = [];
  const reading = readFhirPatient(resource, 'Patient', 'register', today, issues);
  if (issues.length > 0 || !reading?.partnerIdentifier)
    throw new ValidationError(`the Patient resource is invalid (${problemCount(issues)})`, issues);
  return { organisation, identifier: reading.partnerIdentifier, demographics: reading.demographics };
}

/**
 * Reads a FHIR Patient found at `path`, appending one issue per bad element to `issues`.
 * Returns `undefined` when the value is not a Patient at all.
 */
export function readFhirPatient(
  resource: unknown,
  path: string,
  mode: PatientReadMode,
  today: string,
  issues: Issue[],
): PatientReading | undefined {
  if (!isJsonObject(resource)) {
    issues.push({ path, message: `${path} must be a FHIR Patient resource (a JSON object)` });
    return undefined;
  }
  if (resource['resourceType'] !== 'Patient') {
    issues.push({ path: `${path}.resourceType`, message: `${path}.resourceType must be 'Patient'` });
    return undefined;
  }
  const identifiers = readIdentifiers(resource, path, mode, issues);
  const names = readNames(resource, path, mode, issues);
  const birthDate = readBirthDate(resource, path, mode, today, issues);
  const demographics: DemographicsV1 = {
    ...(identifiers.nhsNumber === undefined ? {} : { nhsNumber: identifiers.nhsNumber }),
    names,
    birthDate,
    gender: readGender(resource, path, issues),
    addresses: listAt(resource, 'address', `${path}.address`, issues).flatMap((address, index) =>
      readAddress(address, `${path}.address[${index}]`, issues),
    ),
    telecom: listAt(resource, 'telecom', `${path}.telecom`, issues).flatMap((contact, index) =>
      readContactPoint(contact, `${path}.telecom[${index}]`, issues),
    ),
  };
  return {
    demographics,
    ...(identifiers.partner === undefined ? {} : { partnerIdentifier: identifiers.partner }),
  };
}

interface IdentifierAt {
  readonly path: string;
  readonly identifier: JsonObject;
}

function readIdentifiers(
  patient: JsonObject,
  path: string,
  mode: PatientReadMode,
  issues: Issue[],
): { nhsNumber?: string; partner?: LocalIdentifierApiV1 } {
  const nhsNumbers: IdentifierAt[] = [];
  const partners: IdentifierAt[] = [];
  const issuesBefore = issues.length;
  listAt(patient, 'identifier', `${path}.identifier`, issues).forEach((identifier, index) => {
    const at = `${path}.identifier[${index}]`;
    if (!isJsonObject(identifier)) {
      issues.push({ path: at, message: `${at} must be an Identifier (a JSON object)` });
      return;
    }
    (identifier['system'] === NHS_NUMBER_SYSTEM ? nhsNumbers : partners).push({ path: at, identifier });
  });

  // An unreadable list or element may have been the partner's identifier: say that, not "missing".
  const unreadable = issues.length > issuesBefore;
  for (const extra of nhsNumbers.slice(1))
    issues.push({ path: extra.path, message: `${extra.path}: only one NHS number identifier is allowed` });
  const nhsNumber = nhsNumbers[0] && readNhsNumber(nhsNumbers[0], issues);
  if (mode === 'match') return nhsNumber === undefined ? {} : { nhsNumber };

  if (partners.length === 0 && !unreadable) {
    issues.push({
      path: `${path}.identifier`,
      message: `${path}.identifier must hold exactly one identifier of your own (a system other than the NHS number)`,
    });
  }
  for (const extra of partners.slice(1)) {
    issues.push({
      path: extra.path,
      message: `${extra.path}: only one identifier of your own is allowed (a system other than the NHS number)`,
    });
  }
  const partner = partners[0] && readPartnerIdentifier(partners[0], issues);
  return {
    ...(nhsNumber === undefined ? {} : { nhsNumber }),
    ...(partner === undefined ? {} : { partner }),
  };
}

function readNhsNumber({ path, identifier }: IdentifierAt, issues: Issue[]): string | undefined {
  const at = `${path}.value`;
  const raw = requiredTextAt(identifier, 'value', at, issues);
  if (raw === undefined) return undefined;
  if (!hasTenDigits(raw)) {
    issues.push({ path: at, message: `${at}: an NHS number must be 10 digits` });
    return undefined;
  }
  const nhsNumber = normaliseNhsNumber(raw);
  if (!passesModulus11(nhsNumber)) {
    issues.push({ path: at, message: `${at}: NHS number fails the Modulus 11 check` });
    return undefined;
  }
  return nhsNumber;
}

function readPartnerIdentifier(
  { path, identifier }: IdentifierAt,
  issues: Issue[],
): LocalIdentifierApiV1 | undefined {
  const systemAt = `${path}.system`;
  const valueAt = `${path}.value`;
  const system = requiredTextAt(identifier, 'system', systemAt, issues);
  const systemOk = system !== undefined && ABSOLUTE_URI.test(system) && system.length <= MAX_SYSTEM_LENGTH;
  if (system !== undefined && !systemOk)
    issues.push({ path: systemAt, message: `${systemAt} must be an absolute URI of at most 256 characters` });
  const value = requiredTextAt(identifier, 'value', valueAt, issues);
  const valueOk = value !== undefined && value.length <= MAX_LOCAL_IDENTIFIER_LENGTH;
  if (value !== undefined && !valueOk)
    issues.push({ path: valueAt, message: `${valueAt} must be 1 to 64 characters` });
  return systemOk && valueOk ? { system, value } : undefined;
}

function readNames(
  patient: JsonObject,
  path: string,
  mode: PatientReadMode,
  issues: Issue[],
): PersonNameV1[] {
  const at = `${path}.name`;
  const raw = listAt(patient, 'name', at, issues);
  if (mode === 'register' && raw.length === 0 && !issues.some((issue) => issue.path === at))
    issues.push({ path: at, message: `${at} must hold at least one name with a family name` });
  return raw.flatMap((name, index) => readName(name, `${at}[${index}]`, issues));
}

function readName(name: unknown, path: string, issues: Issue[]): PersonNameV1[] {
  if (!isJsonObject(name)) {
    issues.push({ path, message: `${path} must be a HumanName (a JSON object)` });
    return [];
  }
  const family = requiredTextAt(name, 'family', `${path}.family`, issues);
  const given = listAt(name, 'given', `${path}.given`, issues).map((part, index) =>
    textOrIssue(part, `${path}.given[${index}]`, issues),
  );
  const use = readNameUse(name['use'], `${path}.use`, issues);
  if (family === undefined || given.some((part) => part === undefined)) return [];
  return [
    { family, given: given.filter((part): part is string => part !== undefined), ...(use ? { use } : {}) },
  ];
}

/** FHIR's `temp` and `anonymous` have no counterpart in the identity service: dropped, not refused. */
function readNameUse(use: unknown, path: string, issues: Issue[]): NameUseV1 | undefined {
  if (use === undefined) return undefined;
  if (typeof use !== 'string') {
    issues.push({ path, message: `${path} must be a code` });
    return undefined;
  }
  return (NAME_USES as readonly string[]).includes(use) ? (use as NameUseV1) : undefined;
}

function readBirthDate(
  patient: JsonObject,
  path: string,
  mode: PatientReadMode,
  today: string,
  issues: Issue[],
): string {
  const at = `${path}.birthDate`;
  const value = patient['birthDate'];
  if (value === undefined) {
    if (mode === 'register') issues.push({ path: at, message: `${at} is required` });
    return '';
  }
  if (typeof value !== 'string' || !isCalendarDate(value)) {
    issues.push({ path: at, message: `${at} must be a full date YYYY-MM-DD` });
    return '';
  }
  if (value > today) {
    issues.push({ path: at, message: `${at} must not be in the future` });
    return '';
  }
  return value;
}

/** `YYYY-MM-DD` naming a day that exists (no 31 April, 29 February only in leap years). */
export function isCalendarDate(value: string): boolean {
  const parts = FULL_DATE.exec(value);
  if (!parts) return false;
  const [year, month, day] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  // setUTCFullYear, unlike Date.UTC, does not read years 0-99 as 1900-1999.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return (
    year >= 1 &&
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day
  );
}

function readGender(patient: JsonObject, path: string, issues: Issue[]): GenderV1 {
  const gender = patient['gender'];
  if (gender === undefined) return 'unknown';
  if (typeof gender === 'string' && (GENDERS as readonly string[]).includes(gender))
    return gender as GenderV1;
  issues.push({
    path: `${path}.gender`,
    message: `${path}.gender must be one of male, female, other, unknown`,
  });
  return 'unknown';
}

function readAddress(address: unknown, path: string, issues: Issue[]): AddressV1[] {
  if (!isJsonObject(address)) {
    issues.push({ path, message: `${path} must be an Address (a JSON object)` });
    return [];
  }
  const lines = listAt(address, 'line', `${path}.line`, issues).map((line, index) =>
    textOrIssue(line, `${path}.line[${index}]`, issues),
  );
  const city = optionalTextAt(address, 'city', `${path}.city`, issues);
  const postcode = optionalTextAt(address, 'postalCode', `${path}.postalCode`, issues);
  return [
    {
      lines: lines.filter((line): line is string => line !== undefined),
      ...(city === undefined ? {} : { city }),
      ...(postcode === undefined ? {} : { postcode }),
    },
  ];
}

/** Only phone numbers and e-mail addresses help matching; fax, pager, url, sms, other are ignored. */
function readContactPoint(contact: unknown, path: string, issues: Issue[]): ContactPointV1[] {
  if (!isJsonObject(contact)) {
    issues.push({ path, message: `${path} must be a ContactPoint (a JSON object)` });
    return [];
  }
  const system = contact['system'];
  if (system !== 'phone' && system !== 'email') return [];
  const value = requiredTextAt(contact, 'value', `${path}.value`, issues);
  return value === undefined ? [] : [{ system, value }];
}

/** Today's date in England (`YYYY-MM-DD`), where the partners' birth dates are recorded. */
export function dateInEngland(instant: Date): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(instant);
}
