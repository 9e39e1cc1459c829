import type { ConsentKindV1, ConsentRoleV1 } from '@ilinks/consent/contracts';
import {
  RECORD_PARTS,
  type RecordPart,
  SENSITIVE_CATEGORIES,
  type SensitiveCategory,
} from '@ilinks/consent/domain';

/**
 * The systems and codes a FHIR R4 `Consent` is written with at our edge. Standard vocabularies
 * where one fits (consentscope, LOINC, HL7 v3 ActCode/RoleCode/ActReason/ParticipationType, the
 * NHS ODS identifier system); our own canonical URLs under `https://fhir.ilinks.dev/`
 * for the regional rules and for the two lists the access decision speaks (record parts,
 * sensitive categories).
 */

const ILINKS_FHIR = 'https://fhir.ilinks.dev';

/** `Consent.scope`: R4 consentscope `patient-privacy` (a privacy consent directive). */
export const CONSENT_SCOPE_SYSTEM = 'http://terminology.hl7.org/CodeSystem/consentscope';
export const CONSENT_SCOPE_PATIENT_PRIVACY = 'patient-privacy';

/** `Consent.category`: LOINC 59284-0 "Patient Consent" (the R4 example binding's privacy code). */
export const LOINC_SYSTEM = 'http://loinc.org';
export const LOINC_PATIENT_CONSENT = '59284-0';

/** Our user ids (token `sub`): who recorded a consent, and the carer a delegation names. */
export const USER_IDENTIFIER_SYSTEM = `${ILINKS_FHIR}/Id/user`;

/** `Consent.policy[].uri`: the regional rule each kind of consent is recorded under. */
export const CONSENT_POLICY = {
  objection: `${ILINKS_FHIR}/consent-policy/objection-to-sharing`,
  'category-agreement': `${ILINKS_FHIR}/consent-policy/share-sensitive-category`,
  delegation: `${ILINKS_FHIR}/consent-policy/proxy-access`,
} as const satisfies Record<ConsentKindV1, string>;

/** The kind of consent a policy URI names; `undefined` for a URI we do not know. */
export function consentKindOfPolicy(uri: string): ConsentKindV1 | undefined {
  return (Object.keys(CONSENT_POLICY) as ConsentKindV1[]).find((kind) => CONSENT_POLICY[kind] === uri);
}

/** Our CodeSystem of `SENSITIVE_CATEGORIES` (codes are the category names). */
export const SENSITIVE_CATEGORY_SYSTEM = `${ILINKS_FHIR}/CodeSystem/sensitive-category`;

/** Our CodeSystem of `RECORD_PARTS` (codes are the part names). */
export const RECORD_PART_SYSTEM = `${ILINKS_FHIR}/CodeSystem/record-part`;

/** HL7 v3 ActCode: the `_ActInformationSensitivityPolicy` codes live here. */
export const V3_ACT_CODE_SYSTEM = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';

/**
 * HL7 v3 information-sensitivity codes equivalent to our categories, only where the definitions
 * truly match: `HIV` (HIV/AIDS information sensitivity) and `SEX` (sexuality and reproductive health
 * information sensitivity) for sexual health — `STD` is narrower than a sexual-health service's
 * record. Fertility, gender identity, termination and safeguarding have no v3 equivalent (`SEX`
 * would also swallow fertility and termination; `SDV` covers only assault, abuse and domestic
 * violence), so they carry our code alone.
 */
export const V3_SENSITIVITY_OF: Readonly<
  Partial<Record<SensitiveCategory, { code: string; display: string }>>
> = {
  hiv: { code: 'HIV', display: 'HIV/AIDS information sensitivity' },
  'sexual-health': { code: 'SEX', display: 'sexuality and reproductive health information sensitivity' },
};

/** HL7 v3 RoleCode: the role of the carer in a proxy delegation. */
export const V3_ROLE_CODE_SYSTEM = 'http://terminology.hl7.org/CodeSystem/v3-RoleCode';

/**
 * `DELEGATEE`: "a party to whom some right or authority is delegated by a delegator" — exactly what
 * a carer holds under proxy access. Not `HPOWATT`/`POWATT` (a legal power of attorney, which a
 * delegation is not), nor a personal-relationship code (a carer need not be family). It is the code
 * IHE Privacy Consent on FHIR examples use for a representative's access.
 */
export const CARER_ROLE = { system: V3_ROLE_CODE_SYSTEM, code: 'DELEGATEE', display: 'delegatee' } as const;

/** HL7 v3 ParticipationType `CST` (custodian): the organisation an objection keeps data inside. */
export const CUSTODIAN_ROLE = {
  system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType',
  code: 'CST',
  display: 'custodian',
} as const;

/** HL7 v3 ActReason `FAMRQT` (family requested): the purpose a carer's access serves. */
export const CARER_PURPOSE = {
  system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason',
  code: 'FAMRQT',
  display: 'family requested',
} as const;

/** The FHIR resource type a recorder of each role is shown as in `Consent.performer`. */
export const PERFORMER_TYPE_OF: Readonly<Record<ConsentRoleV1, string>> = {
  individual: 'Patient',
  carer: 'RelatedPerson',
  practitioner: 'Practitioner',
  'ig-officer': 'Practitioner',
  admin: 'Practitioner',
  system: 'Organization',
};

export function isSensitiveCategory(code: string): code is SensitiveCategory {
  return (SENSITIVE_CATEGORIES as readonly string[]).includes(code);
}

export function isRecordPart(code: string): code is RecordPart {
  return (RECORD_PARTS as readonly string[]).includes(code);
}

/** Our category for a v3 sensitivity code, where the two are equivalent. */
export function categoryOfV3Sensitivity(code: string): SensitiveCategory | undefined {
  return SENSITIVE_CATEGORIES.find((category) => V3_SENSITIVITY_OF[category]?.code === code);
}
