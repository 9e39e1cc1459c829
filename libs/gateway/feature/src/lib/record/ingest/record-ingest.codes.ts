/**
 * The code systems and codes ingestion knows. Sources: HL7 FHIR R4 terminology (SNOMED CT, LOINC,
 * UCUM, ICD-10 and HL7's own code systems); UK Core / NHS England for dm+d, ICD-10 UK and OPCS-4;
 * the SNOMED CT codes of resuscitation decisions from the NHS End of Life / SCR inclusion dataset,
 * and of ReSPECT and end-of-life plans from the National Record Locator's pointer types.
 */

/** Code systems whose codings are not flagged as unknown (exact `Coding.system` values). */
export const KNOWN_CODE_SYSTEMS: readonly string[] = [
  'http://snomed.info/sct',
  'https://dmd.nhs.uk',
  'http://hl7.org/fhir/sid/icd-10',
  'http://hl7.org/fhir/sid/icd-10-uk',
  'http://loinc.org',
  'http://unitsofmeasure.org',
  'https://fhir.hl7.org.uk/CodeSystem/OPCS-4',
  'http://fhir.hl7.org.uk/CodeSystem/OPCS-4',
];

/**
 * HL7 terminology (v2/v3 tables, FHIR value sets such as `observation-category`, `v3-ActCode`) and
 * our own CodeSystems (safeguarding flags, care settings, urgent-care preferences).
 */
export const KNOWN_CODE_SYSTEM_PREFIXES: readonly string[] = [
  'http://terminology.hl7.org/CodeSystem/',
  'https://fhir.ilinks.dev/CodeSystem/',
];

/** True when a coding's system is one we know; a coding without a system is not. */
export function isKnownCodeSystem(system: string | undefined): boolean {
  if (system === undefined) return false;
  return KNOWN_CODE_SYSTEMS.includes(system) || KNOWN_CODE_SYSTEM_PREFIXES.some((p) => system.startsWith(p));
}

export const SNOMED_CT = 'http://snomed.info/sct';

/**
 * SNOMED CT concepts that make an entry one of the person's `preferences` (the decisions that
 * matter most in urgent care) whatever its resource type. Mental capacity and lasting power of
 * attorney are coded in {@link URGENT_CARE_PREFERENCE_SYSTEM} until a clinical safety officer has
 * confirmed the SNOMED CT UK concepts a region uses for them (they are then added here).
 */
export const PREFERENCE_CODES: ReadonlyMap<string, string> = new Map([
  ['450475007', 'For cardiopulmonary resuscitation'],
  ['450476008', 'Not for attempted cardiopulmonary resuscitation'],
  ['304252001', 'For resuscitation'],
  ['304253006', 'Not for resuscitation'],
  ['1382601000000107', 'ReSPECT (Recommended Summary Plan for Emergency Care and Treatment) form'],
  ['736373009', 'End of life care plan'],
  ['861421000000109', 'End of life care coordination summary'],
]);

/** `meta.security` coding that marks an entry not for the patient's own view (HL7 v3 ActCode NOPAT). */
export const NO_PATIENT_DISCLOSURE = {
  system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
  code: 'NOPAT',
} as const;

/** Observation categories of social-care assessments: part of a care contact, not a result. */
export const OBSERVATION_CATEGORY_SYSTEM = 'http://terminology.hl7.org/CodeSystem/observation-category';
export const SOCIAL_CARE_OBSERVATION_CATEGORIES: readonly string[] = ['social-history', 'survey'];

/**
 * The extension by which a PractitionerRole names the patient it cares for (FHIR has no patient
 * element on PractitionerRole): `valueIdentifier` is the partner's own identifier of the patient.
 */
export const CARE_OF_PATIENT_EXTENSION = 'https://fhir.ilinks.dev/StructureDefinition/care-of-patient';

/**
 * Our CodeSystem of the urgent-care preferences that have no SNOMED CT concept confirmed here yet:
 * a partner sends one of these codes (beside its own local or SNOMED coding, kept as sent) to have
 * the entry filed as a preference.
 */
export const URGENT_CARE_PREFERENCE_SYSTEM = 'https://fhir.ilinks.dev/CodeSystem/urgent-care-preference';

export const URGENT_CARE_PREFERENCE_CODES: ReadonlyMap<string, string> = new Map([
  ['lacks-capacity', 'Lacks capacity to make the decision (Mental Capacity Act 2005 assessment)'],
  ['has-capacity', 'Has capacity to make the decision (Mental Capacity Act 2005 assessment)'],
  ['lpa-health-and-welfare', 'Has a lasting power of attorney for health and welfare'],
  ['lpa-property-and-financial', 'Has a lasting power of attorney for property and financial affairs'],
  ['advance-decision-to-refuse-treatment', 'Has an advance decision to refuse treatment'],
  ['preferred-place-of-death', 'Preferred place of death recorded'],
]);

/** Whether a coding makes an entry one of the person's preferences. */
export function isPreferenceCoding(coding: { system?: string; code?: string }): boolean {
  if (coding.code === undefined) return false;
  if (coding.system === SNOMED_CT) return PREFERENCE_CODES.has(coding.code);
  return coding.system === URGENT_CARE_PREFERENCE_SYSTEM && URGENT_CARE_PREFERENCE_CODES.has(coding.code);
}
