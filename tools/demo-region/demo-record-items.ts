import type { LocalRecordFixture } from '../identity-data/generate-population';
import type { OrganisationKind } from '../identity-data/sample-organisations';

/** A FHIR resource as a partner sends it. */
export type FhirResource = Record<string, unknown> & { readonly resourceType: string; readonly id: string };

const SNOMED = 'http://snomed.info/sct';
const sct = (code: string, display: string) => ({ system: SNOMED, code, display });
const ACT_CODE = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';

const DAY_MS = 86_400_000;

/** An instant `days` from `today` (negative: in the past), at `hour` UTC. */
function dayFrom(today: Date, days: number, hour = 10): string {
  const midnight = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  return new Date(midnight + days * DAY_MS + hour * 3_600_000).toISOString();
}

const dateOnly = (instant: string): string => instant.slice(0, 10);

/** A small deterministic spread from the record's identifier, so each patient's items differ. */
function spreadOf(record: LocalRecordFixture): number {
  let hash = 0;
  for (const character of record.identifier.value) hash = (hash * 31 + character.charCodeAt(0)) >>> 0;
  return hash;
}

const PROBLEMS = [
  sct('44054006', 'Type 2 diabetes mellitus'),
  sct('38341003', 'Hypertensive disorder'),
  sct('195967001', 'Asthma'),
  sct('13645005', 'Chronic obstructive pulmonary disease'),
] as const;
/** Medicines by dm+d code where we are sure of it, otherwise by name only (kept as sent, as partners do). */
const MEDICATIONS = [
  {
    coding: [{ system: 'https://dmd.nhs.uk', code: '39113611000001102', display: 'Metformin 500mg tablets' }],
  },
  { text: 'Amlodipine 5mg tablets' },
  { text: 'Salbutamol 100micrograms/dose inhaler' },
  { text: 'Tiotropium 18microgram inhalation powder capsules' },
] as const;

/**
 * What a partner of this kind would send about one of its patients, in a demo region: a GP
 * practice its problem list, medication, an allergy for some and a future appointment; a hospital an
 * attendance or admission with a heart rate; a community trust a home visit, a care plan and the
 * named nurse; a council a social-care contact and a care package. Ids are the partner's own and
 * stable (a second load of the same region changes nothing), dates are relative to `today`.
 */
export function demoItemsFor(
  record: LocalRecordFixture,
  kind: OrganisationKind,
  today: Date,
): FhirResource[] {
  const spread = spreadOf(record);
  const subject = { identifier: { system: record.identifier.system, value: record.identifier.value } };
  const id = (what: string) => `${what}-${record.identifier.value}`.toLowerCase();
  switch (kind) {
    case 'gp-practice':
      return gpItems(spread, subject, id, today);
    case 'acute-trust':
      return hospitalItems(spread, subject, id, today);
    case 'community-trust':
      return communityItems(spread, subject, id, today);
    case 'council':
      return councilItems(spread, subject, id, today);
  }
}

type Subject = { identifier: { system: string; value: string } };
type IdOf = (what: string) => string;

function gpItems(spread: number, subject: Subject, id: IdOf, today: Date): FhirResource[] {
  const which = spread % PROBLEMS.length;
  const items: FhirResource[] = [
    {
      resourceType: 'Condition',
      id: id('problem'),
      clinicalStatus: {
        coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }],
      },
      code: { coding: [PROBLEMS[which]] },
      subject,
      onsetDateTime: dateOnly(dayFrom(today, -400 - (spread % 2000))),
    },
    {
      resourceType: 'MedicationStatement',
      id: id('medication'),
      status: 'active',
      medicationCodeableConcept: MEDICATIONS[which],
      subject,
      effectivePeriod: { start: dateOnly(dayFrom(today, -300 - (spread % 1000))) },
    },
  ];
  if (spread % 4 === 0)
    items.push({
      resourceType: 'AllergyIntolerance',
      id: id('allergy'),
      clinicalStatus: {
        coding: [
          { system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code: 'active' },
        ],
      },
      code: { coding: [sct('91936005', 'Allergy to penicillin')] },
      patient: subject,
      recordedDate: dateOnly(dayFrom(today, -900)),
    });
  if (spread % 3 === 0)
    items.push({
      resourceType: 'Appointment',
      id: id('appointment'),
      status: 'booked',
      serviceType: [{ coding: [sct('394814009', 'General practice')] }],
      start: dayFrom(today, 3 + (spread % 40), 9),
      end: dayFrom(today, 3 + (spread % 40), 9.25),
      participant: [{ actor: { type: 'Patient', identifier: subject.identifier }, status: 'accepted' }],
    });
  if (spread % 10 === 0)
    items.push({
      resourceType: 'Observation',
      id: id('respect'),
      status: 'final',
      code: {
        coding: [
          sct('1382601000000107', 'ReSPECT (Recommended Summary Plan for Emergency Care and Treatment) form'),
        ],
      },
      subject,
      effectiveDateTime: dayFrom(today, -60),
      valueString: 'Prioritise comfort; not for attempted CPR',
    });
  return items;
}

function hospitalItems(spread: number, subject: Subject, id: IdOf, today: Date): FhirResource[] {
  const emergency = spread % 2 === 0;
  const start = dayFrom(today, -10 - (spread % 200), 14);
  return [
    {
      resourceType: 'Encounter',
      id: id('encounter'),
      status: 'finished',
      class: {
        system: ACT_CODE,
        code: emergency ? 'EMER' : 'IMP',
        display: emergency ? 'emergency' : 'inpatient encounter',
      },
      subject,
      period: { start, end: dayFrom(today, -10 - (spread % 200), emergency ? 18 : 40) },
    },
    {
      resourceType: 'Observation',
      id: id('heart-rate'),
      status: 'final',
      category: [
        {
          coding: [
            { system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs' },
          ],
        },
      ],
      code: { coding: [{ system: 'http://loinc.org', code: '8867-4', display: 'Heart rate' }] },
      subject,
      effectiveDateTime: start,
      valueQuantity: {
        value: 60 + (spread % 40),
        unit: 'beats/minute',
        system: 'http://unitsofmeasure.org',
        code: '/min',
      },
    },
  ];
}

function communityItems(spread: number, subject: Subject, id: IdOf, today: Date): FhirResource[] {
  return [
    {
      resourceType: 'Encounter',
      id: id('home-visit'),
      status: 'finished',
      class: { system: ACT_CODE, code: 'HH', display: 'home health' },
      type: [{ coding: [sct('439708006', 'Home visit')] }],
      subject,
      period: { start: dayFrom(today, -3 - (spread % 30)) },
    },
    {
      resourceType: 'CarePlan',
      id: id('care-plan'),
      status: 'active',
      intent: 'plan',
      title: 'District nursing: wound care twice weekly',
      category: [{ coding: [sct('734163000', 'Care plan')] }],
      subject,
      period: { start: dateOnly(dayFrom(today, -60)) },
    },
    {
      resourceType: 'PractitionerRole',
      id: id('named-nurse'),
      extension: [
        {
          url: 'https://fhir.ilinks.dev/StructureDefinition/care-of-patient',
          valueIdentifier: subject.identifier,
        },
      ],
      active: true,
      code: [
        { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/practitioner-role', code: 'nurse' }] },
      ],
      period: { start: dateOnly(dayFrom(today, -60)) },
      telecom: [{ system: 'phone', value: '0151 000 0100' }],
    },
  ];
}

function councilItems(spread: number, subject: Subject, id: IdOf, today: Date): FhirResource[] {
  return [
    {
      resourceType: 'Encounter',
      id: id('social-care-contact'),
      status: 'finished',
      class: { system: ACT_CODE, code: 'HH', display: 'home health' },
      type: [{ coding: [sct('439708006', 'Home visit')] }],
      serviceType: { text: 'Adult social care' },
      subject,
      period: { start: dayFrom(today, -20 - (spread % 90)) },
    },
    {
      resourceType: 'CarePlan',
      id: id('care-package'),
      status: 'active',
      intent: 'plan',
      title: 'Domiciliary care package: two visits a day',
      category: [{ coding: [sct('734163000', 'Care plan')] }],
      subject,
      period: { start: dateOnly(dayFrom(today, -120)) },
    },
  ];
}
