// Synthetic partner resources for the record benches: no real person, identifier systems of the
// benches' own, resources shaped like the gateway's ingest examples (FHIR R4, SNOMED CT / dm+d / LOINC).

/** A partner's own identifier of a patient. */
export interface PartnerIdentifier {
  readonly system: string;
  readonly value: string;
}

/** A FHIR resource as sent (plain JSON). */
export type FhirResource = Readonly<Record<string, unknown>>;

export const NHS_NUMBER_SYSTEM = 'https://fhir.nhs.uk/Id/nhs-number';

/** The benches' identifier system for an organisation's patients. */
export const mrnSystemOf = (organisation: string): string =>
  `https://fhir.bench.example/${organisation}/Id/mrn`;

/**
 * A valid NHS number (modulus 11 check digit) from `seed`, in the 999 range no real person holds:
 * the first valid one at or after the seed.
 */
export function syntheticNhsNumber(seed: number): string {
  for (let candidate = seed % 1_000_000; ; candidate = (candidate + 1) % 1_000_000) {
    const nine = `999${String(candidate).padStart(6, '0')}`;
    const sum = [...nine].reduce((total, digit, index) => total + Number(digit) * (10 - index), 0);
    const check = 11 - (sum % 11);
    if (check === 10) continue;
    return `${nine}${check === 11 ? 0 : check}`;
  }
}

const FAMILIES = ['Ashdown', 'Brierley', 'Calloway', 'Dunmore', 'Eastwick', 'Fenwright', 'Garside'];
const GIVEN = ['Ada', 'Bram', 'Cleo', 'Dev', 'Enid', 'Finn', 'Gwen', 'Hal', 'Isla', 'Jory', 'Kit'];
const pad = (value: number): string => String(value).padStart(2, '0');

/** A synthetic Patient as `organisation`'s system registers it; with an NHS number when given. */
export function syntheticPatient(
  organisation: string,
  mrn: string,
  index: number,
  nhsNumber?: string,
): FhirResource {
  return {
    resourceType: 'Patient',
    identifier: [
      { system: mrnSystemOf(organisation), value: mrn },
      ...(nhsNumber === undefined ? [] : [{ system: NHS_NUMBER_SYSTEM, value: nhsNumber }]),
    ],
    name: [{ family: `${FAMILIES[index % FAMILIES.length]}-${index}`, given: [GIVEN[index % GIVEN.length]] }],
    gender: index % 2 === 0 ? 'female' : 'male',
    birthDate: `19${30 + (index % 70)}-${pad(1 + (index % 12))}-${pad(1 + (index % 28))}`,
  };
}

const sct = (code: string, display: string) => ({ system: 'http://snomed.info/sct', code, display });

/** A past day for item `index`: spread over 2025, so the timeline has an order to sort. */
const pastDay = (index: number): string => `2025-${pad(1 + (index % 12))}-${pad(1 + (index % 28))}`;

type ResourceMaker = (id: string, subject: PartnerIdentifier, index: number) => FhirResource;

/** The mix sent as load: the commonest items of a shared record, each valid for the gateway. */
const LOAD_RESOURCES: readonly ResourceMaker[] = [
  (id, subject, index) => ({
    resourceType: 'Observation',
    id,
    status: 'final',
    category: [
      {
        coding: [
          { system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs' },
        ],
      },
    ],
    code: { coding: [{ system: 'http://loinc.org', code: '8867-4', display: 'Heart rate' }] },
    subject: { identifier: subject },
    effectiveDateTime: `${pastDay(index)}T09:30:00Z`,
    valueQuantity: {
      value: 50 + (index % 60),
      unit: 'beats/minute',
      system: 'http://unitsofmeasure.org',
      code: '/min',
    },
  }),
  (id, subject, index) => ({
    resourceType: 'Condition',
    id,
    clinicalStatus: {
      coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }],
    },
    category: [
      {
        coding: [
          { system: 'http://terminology.hl7.org/CodeSystem/condition-category', code: 'problem-list-item' },
        ],
      },
    ],
    code: { coding: [sct('44054006', 'Diabetes mellitus type 2')] },
    subject: { identifier: subject },
    onsetDateTime: pastDay(index),
  }),
  (id, subject, index) => ({
    resourceType: 'Encounter',
    id,
    status: 'finished',
    class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'HH', display: 'home health' },
    type: [{ coding: [sct('439708006', 'Home visit')] }],
    subject: { identifier: subject },
    period: { start: `${pastDay(index)}T10:00:00Z`, end: `${pastDay(index)}T10:45:00Z` },
  }),
  (id, subject, index) => ({
    resourceType: 'MedicationStatement',
    id,
    status: 'active',
    medicationCodeableConcept: {
      coding: [
        { system: 'https://dmd.nhs.uk', code: '39113611000001102', display: 'Metformin 500mg tablets' },
      ],
    },
    subject: { identifier: subject },
    effectivePeriod: { start: pastDay(index) },
  }),
  (id, subject, index) => ({
    resourceType: 'Procedure',
    id,
    status: 'completed',
    code: { coding: [sct('80146002', 'Appendectomy')] },
    subject: { identifier: subject },
    performedDateTime: pastDay(index),
  }),
  (id, subject, index) => ({
    resourceType: 'AllergyIntolerance',
    id,
    clinicalStatus: {
      coding: [
        { system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code: 'active' },
      ],
    },
    code: { coding: [sct('91936005', 'Allergy to penicillin')] },
    patient: { identifier: subject },
    recordedDate: pastDay(index),
  }),
];

/** Load item `index` (the types in turn) with the partner's own id `id`. */
export const loadResource = (id: string, subject: PartnerIdentifier, index: number): FhirResource =>
  LOAD_RESOURCES[index % LOAD_RESOURCES.length](id, subject, index);

/**
 * The resource type a lag probe is sent as: one the load never sends, so the person read that
 * looks for a probe (filtered by type) stays small however much load went before.
 */
export const PROBE_TYPE = 'Appointment';

/** A lag probe: a booked appointment next year (a diary item may be in the future). */
export function probeResource(id: string, subject: PartnerIdentifier, index: number): FhirResource {
  const year = new Date().getUTCFullYear() + 1;
  const start = `${year}-${pad(1 + (index % 12))}-${pad(1 + (index % 28))}T09:00:00Z`;
  return {
    resourceType: PROBE_TYPE,
    id,
    status: 'booked',
    serviceType: [{ coding: [sct('394814009', 'General practice')] }],
    start,
    end: start.replace('T09:00', 'T09:15'),
    participant: [{ actor: { type: 'Patient', identifier: subject }, status: 'accepted' }],
  };
}

/** A transaction Bundle that creates `resources`, each by `POST <Type>`. */
export function transactionBundle(resources: readonly FhirResource[]): FhirResource {
  return {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: resources.map((resource) => ({
      resource,
      request: { method: 'POST', url: String(resource['resourceType']) },
    })),
  };
}

/** `items` split into consecutive chunks of at most `size`. */
export function chunksOf<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}
