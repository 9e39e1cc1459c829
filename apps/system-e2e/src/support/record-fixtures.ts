import type { Json } from './gateway-client';

// Synthetic people and items for the shared-record stories: made-up identifier systems, UK codes.

export const NHS_NUMBER_SYSTEM = 'https://fhir.nhs.uk/Id/nhs-number';
const SNOMED = 'http://snomed.info/sct';
const sct = (code: string, display: string): Json => ({ system: SNOMED, code, display });

/**
 * A valid NHS number (Modulus 11) made from a 9-digit stem, so every run has persons of its own
 * on a shared broker. Stems whose check digit would be 10 are skipped to the next stem.
 */
export function nhsNumberFrom(stem: number): string {
  for (let candidate = stem; ; candidate += 1) {
    const digits = String(candidate % 1_000_000_000)
      .padStart(9, '0')
      .split('')
      .map(Number);
    const sum = digits.reduce((total, digit, index) => total + digit * (10 - index), 0);
    const check = 11 - (sum % 11);
    if (check === 10) continue;
    return `${digits.join('')}${check === 11 ? 0 : check}`;
  }
}

/** A partner's own identifier of its patient. */
export interface PartnerIdentifier {
  readonly system: string;
  readonly value: string;
}

/** A Patient as a partner registers it. */
/** What a partner knows of a synthetic person. */
export interface SyntheticDemographics {
  readonly family: string;
  readonly given: string;
  readonly birthDate: string;
  readonly gender: string;
  readonly postalCode: string;
}

export function partnerPatient(
  identifier: PartnerIdentifier,
  nhsNumber: string | undefined,
  demographics: SyntheticDemographics,
): Json {
  return {
    resourceType: 'Patient',
    identifier: [
      identifier,
      ...(nhsNumber === undefined ? [] : [{ system: NHS_NUMBER_SYSTEM, value: nhsNumber }]),
    ],
    name: [{ family: demographics.family, given: [demographics.given] }],
    gender: demographics.gender,
    birthDate: demographics.birthDate,
    address: [{ line: ['7 Mather Avenue'], city: 'Liverpool', postalCode: demographics.postalCode }],
  };
}

const about = (identifier: PartnerIdentifier): Json => ({ identifier });

export const allergy = (id: string, patient: PartnerIdentifier): Json => ({
  resourceType: 'AllergyIntolerance',
  id,
  clinicalStatus: {
    coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code: 'active' }],
  },
  code: { coding: [sct('91936005', 'Allergy to penicillin')] },
  patient: about(patient),
  recordedDate: '2024-05-02',
});

export const medication = (id: string, patient: PartnerIdentifier): Json => ({
  resourceType: 'MedicationStatement',
  id,
  status: 'active',
  medicationCodeableConcept: {
    coding: [{ system: 'https://dmd.nhs.uk', code: '39113611000001102', display: 'Metformin 500mg tablets' }],
  },
  subject: about(patient),
  effectivePeriod: { start: '2025-01-23' },
});

export const problem = (id: string, patient: PartnerIdentifier): Json => ({
  resourceType: 'Condition',
  id,
  clinicalStatus: {
    coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }],
  },
  code: { coding: [sct('44054006', 'Type 2 diabetes mellitus')] },
  subject: about(patient),
  onsetDateTime: '2024-11-03',
});

/** An encounter; `classCode` EMER for an emergency-department attendance, IMP an admission, HH a home visit. */
export const encounter = (
  id: string,
  patient: PartnerIdentifier,
  classCode: 'EMER' | 'IMP' | 'HH' | 'AMB',
  start: string,
): Json => ({
  resourceType: 'Encounter',
  id,
  status: 'finished',
  class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: classCode },
  subject: about(patient),
  period: { start },
});

export const heartRate = (id: string, patient: PartnerIdentifier, at: string): Json => ({
  resourceType: 'Observation',
  id,
  status: 'final',
  category: [
    {
      coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs' }],
    },
  ],
  code: { coding: [{ system: 'http://loinc.org', code: '8867-4', display: 'Heart rate' }] },
  subject: about(patient),
  effectiveDateTime: at,
  valueQuantity: { value: 72, unit: 'beats/minute', system: 'http://unitsofmeasure.org', code: '/min' },
});

export const carePackage = (id: string, patient: PartnerIdentifier): Json => ({
  resourceType: 'CarePlan',
  id,
  status: 'active',
  intent: 'plan',
  title: 'Domiciliary care package: two visits a day',
  category: [{ coding: [sct('734163000', 'Care plan')] }],
  subject: about(patient),
  period: { start: '2026-01-01' },
});

export const appointment = (id: string, patient: PartnerIdentifier, start: string): Json => ({
  resourceType: 'Appointment',
  id,
  status: 'booked',
  serviceType: [{ coding: [sct('394814009', 'General practice')] }],
  start,
  end: new Date(Date.parse(start) + 15 * 60_000).toISOString(),
  participant: [
    { actor: { type: 'Patient', identifier: patient }, status: 'accepted' },
    { actor: { display: 'District Nurse Team North' }, status: 'accepted' },
  ],
});

/** An alert a social-care organisation records (child-protection plan in our own code system). */
export const childProtectionFlag = (id: string, patient: PartnerIdentifier): Json => ({
  resourceType: 'Flag',
  id,
  status: 'active',
  code: {
    coding: [
      {
        system: 'https://fhir.ilinks.dev/CodeSystem/safeguarding-flag',
        code: 'child-protection-plan',
        display: 'Child protection plan',
      },
    ],
  },
  subject: about(patient),
  period: { start: '2026-01-15' },
});

/** The ids (ours) and sources of a searchset Bundle's entries other than the Patient. */
export function itemsOf(bundle: Json): { id: string; type: string; source: string }[] {
  return (bundle.entry ?? [])
    .map((entry: Json) => entry.resource)
    .filter((resource: Json) => resource.resourceType !== 'Patient')
    .map((resource: Json) => ({
      id: resource.id,
      type: resource.resourceType,
      source: resource.meta.source,
    }));
}
