import type { ConsentKindV1 } from '@ilinks/consent/contracts';
import type { RecordPart, SensitiveCategory } from '@ilinks/consent/domain';
import { type Issue, ValidationError } from '@ilinks/shared/kernel';
import { isJsonObject, type JsonObject, listAt, problemCount } from '../patient/fhir-json';
import {
  CARER_ROLE,
  CONSENT_SCOPE_PATIENT_PRIVACY,
  CONSENT_SCOPE_SYSTEM,
  LOINC_PATIENT_CONSENT,
  LOINC_SYSTEM,
  RECORD_PART_SYSTEM,
  SENSITIVE_CATEGORY_SYSTEM,
  USER_IDENTIFIER_SYSTEM,
  V3_ACT_CODE_SYSTEM,
  categoryOfV3Sensitivity,
  consentKindOfPolicy,
  isRecordPart,
  isSensitiveCategory,
} from './consent.codes';

/** What a FHIR Consent asks the consent service to record (who records it comes from the token). */
export type ConsentCreation =
  | { readonly kind: 'objection'; readonly personId: string }
  | { readonly kind: 'category-agreement'; readonly personId: string; readonly category: SensitiveCategory }
  | {
      readonly kind: 'delegation';
      readonly personId: string;
      readonly carer: string;
      readonly parts: readonly RecordPart[];
      readonly until: string;
    };

const ROOT = 'Consent';
const PATIENT_REFERENCE = /^Patient\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;
/** A FHIR `dateTime` down to the second with a time zone: an instant we can compare. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
const MAX_USER_ID = 256;

/**
 * The `provision` elements each kind reads. Anything else would narrow or widen what the person
 * agreed to in a way we could not honour, so it is refused rather than ignored. A nested
 * `provision` is accepted on an objection because we write one (the custodian exception) and a
 * client may send back what it read; it is not read, since the custodian is the recorder's
 * organisation.
 */
const PROVISION_ELEMENTS: Readonly<Record<ConsentKindV1, readonly string[]>> = {
  objection: ['type', 'provision'],
  'category-agreement': ['type', 'securityLabel'],
  delegation: ['type', 'period', 'actor', 'code', 'purpose'],
};

/**
 * Reads a FHIR R4 `Consent` sent to create a consent: the patient, the regional rule
 * (`policy[].uri`) that says which kind it is, and the provision that kind needs. `performer`,
 * `organization` and `dateTime` are not read: the recorder, their organisation and the time come
 * from the token and the service.
 *
 * @param now the instant against which a delegation's end date must lie in the future.
 * @throws ValidationError with one issue per bad element, located by FHIRPath
 *   (`Consent.provision.period.end`); messages never quote the values sent.
 */
export function consentCreationFromFhir(resource: unknown, now: Date): ConsentCreation {
  const issues: Issue[] = [];
  const creation = readConsent(resource, now, issues);
  if (issues.length > 0 || creation === undefined)
    throw new ValidationError(`the Consent resource is invalid (${problemCount(issues)})`, issues);
  return creation;
}

function readConsent(resource: unknown, now: Date, issues: Issue[]): ConsentCreation | undefined {
  if (!isJsonObject(resource)) {
    issues.push({ path: ROOT, message: `${ROOT} must be a FHIR Consent resource (a JSON object)` });
    return undefined;
  }
  if (resource['resourceType'] !== 'Consent') {
    issues.push({ path: `${ROOT}.resourceType`, message: `${ROOT}.resourceType must be 'Consent'` });
    return undefined;
  }
  refuseModifierExtensions(resource, ROOT, issues);
  if (resource['status'] !== 'active')
    issues.push({ path: `${ROOT}.status`, message: `${ROOT}.status must be 'active' for a new consent` });
  readScope(resource, issues);
  readCategory(resource, issues);
  const personId = readPatient(resource, issues);
  const kind = readPolicyKind(resource, issues);
  const provision = readProvisionObject(resource, issues);
  if (kind === undefined || provision === undefined) return undefined;
  return readProvision(kind, provision, personId ?? '', now, issues);
}

function readScope(consent: JsonObject, issues: Issue[]): void {
  const path = `${ROOT}.scope`;
  if (!hasCoding(consent['scope'], CONSENT_SCOPE_SYSTEM, CONSENT_SCOPE_PATIENT_PRIVACY))
    issues.push({
      path,
      message: `${path} must be ${CONSENT_SCOPE_SYSTEM}|${CONSENT_SCOPE_PATIENT_PRIVACY}`,
    });
}

function readCategory(consent: JsonObject, issues: Issue[]): void {
  const path = `${ROOT}.category`;
  const categories = listAt(consent, 'category', path, issues);
  if (!categories.some((category) => hasCoding(category, LOINC_SYSTEM, LOINC_PATIENT_CONSENT)))
    issues.push({ path, message: `${path} must include LOINC ${LOINC_PATIENT_CONSENT} (Patient consent)` });
}

function readPatient(consent: JsonObject, issues: Issue[]): string | undefined {
  const path = `${ROOT}.patient`;
  const patient = consent['patient'];
  if (patient === undefined) {
    issues.push({ path, message: `${path} is required` });
    return undefined;
  }
  const reference = isJsonObject(patient) ? patient['reference'] : undefined;
  const match = typeof reference === 'string' ? PATIENT_REFERENCE.exec(reference) : null;
  if (!match?.[1]) {
    issues.push({
      path: `${path}.reference`,
      message: `${path}.reference must be Patient/<id>, the id of one of our Patients`,
    });
    return undefined;
  }
  return match[1].toLowerCase();
}

function readPolicyKind(consent: JsonObject, issues: Issue[]): ConsentKindV1 | undefined {
  const path = `${ROOT}.policy`;
  const policies = listAt(consent, 'policy', path, issues);
  const kinds: ConsentKindV1[] = [];
  policies.forEach((policy, index) => {
    const at = `${path}[${index}].uri`;
    const uri = isJsonObject(policy) ? policy['uri'] : undefined;
    const kind = typeof uri === 'string' ? consentKindOfPolicy(uri) : undefined;
    if (kind === undefined)
      issues.push({ path: at, message: `${at} is not a consent policy of this exchange` });
    else kinds.push(kind);
  });
  if (policies.length === 0 && !issues.some((issue) => issue.path === path))
    issues.push({ path, message: `${path} is required: the uri of the regional consent policy` });
  if (kinds.length > 1)
    issues.push({ path, message: `${path} must name exactly one consent policy of this exchange` });
  return kinds.length === 1 ? kinds[0] : undefined;
}

function readProvisionObject(consent: JsonObject, issues: Issue[]): JsonObject | undefined {
  const path = `${ROOT}.provision`;
  const provision = consent['provision'];
  if (isJsonObject(provision)) return provision;
  issues.push({
    path,
    message: provision === undefined ? `${path} is required` : `${path} must be a JSON object`,
  });
  return undefined;
}

function readProvision(
  kind: ConsentKindV1,
  provision: JsonObject,
  personId: string,
  now: Date,
  issues: Issue[],
): ConsentCreation | undefined {
  const path = `${ROOT}.provision`;
  refuseModifierExtensions(provision, path, issues);
  for (const key of Object.keys(provision)) {
    if (key !== 'extension' && key !== 'modifierExtension' && !PROVISION_ELEMENTS[kind].includes(key))
      issues.push({
        path: `${path}.${key}`,
        message: `${path}.${key} is not allowed under this consent policy`,
      });
  }
  const expectedType = kind === 'objection' ? 'deny' : 'permit';
  if (provision['type'] !== expectedType)
    issues.push({
      path: `${path}.type`,
      message: `${path}.type must be '${expectedType}' under this consent policy`,
    });
  switch (kind) {
    case 'objection':
      return { kind, personId };
    case 'category-agreement': {
      const category = readSecurityLabel(provision, issues);
      return category === undefined ? undefined : { kind, personId, category };
    }
    case 'delegation': {
      const carer = readCarer(provision, issues);
      const parts = readParts(provision, issues);
      const until = readEnd(provision, now, issues);
      return carer === undefined || parts === undefined || until === undefined
        ? undefined
        : { kind, personId, carer, parts, until };
    }
  }
}

function readSecurityLabel(provision: JsonObject, issues: Issue[]): SensitiveCategory | undefined {
  const path = `${ROOT}.provision.securityLabel`;
  const labels = listAt(provision, 'securityLabel', path, issues);
  if (labels.length === 0) {
    if (!issues.some((issue) => issue.path === path))
      issues.push({ path, message: `${path} must name the sensitive category agreed to` });
    return undefined;
  }
  const found = new Set<SensitiveCategory>();
  labels.forEach((label, index) => {
    const category = categoryOfLabel(label, `${path}[${index}]`, issues);
    if (category) found.add(category);
  });
  if (found.size > 1)
    issues.push({ path, message: `${path} must name one sensitive category (one Consent per category)` });
  return found.size === 1 ? [...found][0] : undefined;
}

function categoryOfLabel(label: unknown, path: string, issues: Issue[]): SensitiveCategory | undefined {
  const system = isJsonObject(label) ? label['system'] : undefined;
  const code = isJsonObject(label) ? label['code'] : undefined;
  if (typeof code !== 'string' || (system !== SENSITIVE_CATEGORY_SYSTEM && system !== V3_ACT_CODE_SYSTEM)) {
    issues.push({
      path,
      message: `${path} must be a code of ${SENSITIVE_CATEGORY_SYSTEM} (or its v3 ActCode equivalent)`,
    });
    return undefined;
  }
  const category =
    system === SENSITIVE_CATEGORY_SYSTEM
      ? isSensitiveCategory(code)
        ? code
        : undefined
      : categoryOfV3Sensitivity(code);
  if (category === undefined)
    issues.push({
      path: `${path}.code`,
      message: `${path}.code is not a sensitive category of this exchange`,
    });
  return category;
}

function readCarer(provision: JsonObject, issues: Issue[]): string | undefined {
  const path = `${ROOT}.provision.actor`;
  const actors = listAt(provision, 'actor', path, issues);
  if (actors.length !== 1) {
    if (!issues.some((issue) => issue.path === path))
      issues.push({ path, message: `${path} must hold exactly one actor: the carer` });
    return undefined;
  }
  const actor = actors[0];
  const at = `${path}[0]`;
  if (!isJsonObject(actor)) {
    issues.push({ path: at, message: `${at} must be a JSON object` });
    return undefined;
  }
  if (!hasCoding(actor['role'], CARER_ROLE.system, CARER_ROLE.code))
    issues.push({
      path: `${at}.role`,
      message: `${at}.role must be ${CARER_ROLE.system}|${CARER_ROLE.code}`,
    });
  const reference = actor['reference'];
  const identifier = isJsonObject(reference) ? reference['identifier'] : undefined;
  const value = isJsonObject(identifier) ? identifier['value'] : undefined;
  if (
    !isJsonObject(identifier) ||
    identifier['system'] !== USER_IDENTIFIER_SYSTEM ||
    typeof value !== 'string' ||
    value.trim() === '' ||
    value.length > MAX_USER_ID
  ) {
    const where = `${at}.reference.identifier`;
    issues.push({
      path: where,
      message: `${where} must be the carer's user id in ${USER_IDENTIFIER_SYSTEM}`,
    });
    return undefined;
  }
  return value.trim();
}

function readParts(provision: JsonObject, issues: Issue[]): RecordPart[] | undefined {
  const path = `${ROOT}.provision.code`;
  const concepts = listAt(provision, 'code', path, issues);
  if (concepts.length === 0) {
    if (!issues.some((issue) => issue.path === path))
      issues.push({ path, message: `${path} must name the record parts granted` });
    return undefined;
  }
  const parts: RecordPart[] = [];
  const issuesBefore = issues.length;
  concepts.forEach((concept, index) => {
    const at = `${path}[${index}]`;
    const codings = isJsonObject(concept) && Array.isArray(concept['coding']) ? concept['coding'] : [];
    const ours = codings.filter((coding) => isJsonObject(coding) && coding['system'] === RECORD_PART_SYSTEM);
    const code = ours.length === 1 && isJsonObject(ours[0]) ? ours[0]['code'] : undefined;
    if (typeof code === 'string' && isRecordPart(code)) {
      if (!parts.includes(code)) parts.push(code);
    } else {
      issues.push({
        path: at,
        message: `${at} must hold one code of ${RECORD_PART_SYSTEM} naming a record part`,
      });
    }
  });
  return issues.length === issuesBefore ? parts : undefined;
}

function readEnd(provision: JsonObject, now: Date, issues: Issue[]): string | undefined {
  const path = `${ROOT}.provision.period.end`;
  const period = provision['period'];
  const end = isJsonObject(period) ? period['end'] : undefined;
  if (end === undefined) {
    issues.push({ path, message: `${path} is required: proxy access must end` });
    return undefined;
  }
  const time = typeof end === 'string' && INSTANT.test(end) ? Date.parse(end) : Number.NaN;
  if (Number.isNaN(time)) {
    issues.push({ path, message: `${path} must be a dateTime with seconds and a time zone` });
    return undefined;
  }
  if (time <= now.getTime()) {
    issues.push({ path, message: `${path} must be in the future` });
    return undefined;
  }
  return new Date(time).toISOString();
}

function refuseModifierExtensions(owner: JsonObject, path: string, issues: Issue[]): void {
  if (owner['modifierExtension'] !== undefined)
    issues.push({
      path: `${path}.modifierExtension`,
      message: `${path}.modifierExtension is not understood here, so the resource cannot be accepted`,
    });
}

/** Whether a CodeableConcept holds the coding `system|code`. */
function hasCoding(concept: unknown, system: string, code: string): boolean {
  if (!isJsonObject(concept) || !Array.isArray(concept['coding'])) return false;
  return concept['coding'].some(
    (coding: unknown) => isJsonObject(coding) && coding['system'] === system && coding['code'] === code,
  );
}
