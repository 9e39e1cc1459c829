/**
 * Valid resources of every ingestible type, after the FHIR R4 specification's examples, with UK
 * codes (SNOMED CT, dm+d) and the patient named by a partner's own identifier.
 */
export const PATIENT_IDENTIFIER = {
  system: 'https://fhir.rbs.example/Id/patient',
  value: 'RBS-000123',
} as const;
const SUBJECT = { identifier: PATIENT_IDENTIFIER };
const sct = (code: string, display: string) => ({ system: 'http://snomed.info/sct', code, display });

export const EXAMPLES = {
  AllergyIntolerance: {
    resourceType: 'AllergyIntolerance',
    id: 'allergy-1',
    clinicalStatus: {
      coding: [
        { system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code: 'active' },
      ],
    },
    verificationStatus: {
      coding: [
        {
          system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification',
          code: 'confirmed',
        },
      ],
    },
    code: { coding: [sct('91936005', 'Allergy to penicillin')] },
    patient: SUBJECT,
    onsetDateTime: '2004',
    recordedDate: '2014-10-09T14:58:00+11:00',
  },
  MedicationStatement: {
    resourceType: 'MedicationStatement',
    id: 'med-1',
    status: 'active',
    medicationCodeableConcept: {
      coding: [
        { system: 'https://dmd.nhs.uk', code: '39113611000001102', display: 'Metformin 500mg tablets' },
      ],
    },
    subject: SUBJECT,
    effectivePeriod: { start: '2025-01-23' },
    dateAsserted: '2025-02-22',
  },
  Condition: {
    resourceType: 'Condition',
    id: 'condition-1',
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
    code: {
      coding: [
        sct('44054006', 'Diabetes mellitus type 2'),
        { system: 'http://hl7.org/fhir/sid/icd-10-uk', code: 'E11' },
      ],
    },
    subject: SUBJECT,
    onsetDateTime: '2020-03-05',
  },
  Procedure: {
    resourceType: 'Procedure',
    id: 'procedure-1',
    status: 'completed',
    code: {
      coding: [
        sct('80146002', 'Appendectomy'),
        { system: 'https://fhir.hl7.org.uk/CodeSystem/OPCS-4', code: 'H01.9' },
      ],
    },
    subject: SUBJECT,
    performedDateTime: '2013-04-05',
  },
  Observation: {
    resourceType: 'Observation',
    id: 'obs-1',
    status: 'final',
    category: [
      {
        coding: [
          { system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs' },
        ],
      },
    ],
    code: {
      coding: [
        { system: 'http://loinc.org', code: '8867-4', display: 'Heart rate' },
        sct('364075005', 'Heart rate'),
      ],
    },
    subject: SUBJECT,
    effectiveDateTime: '2026-02-28T09:30:00Z',
    valueQuantity: { value: 44, unit: 'beats/minute', system: 'http://unitsofmeasure.org', code: '/min' },
  },
  Encounter: {
    resourceType: 'Encounter',
    id: 'enc-1',
    status: 'finished',
    class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'HH', display: 'home health' },
    type: [{ coding: [sct('439708006', 'Home visit')] }],
    subject: SUBJECT,
    period: { start: '2026-02-27T10:00:00Z', end: '2026-02-27T10:45:00Z' },
  },
  Appointment: {
    resourceType: 'Appointment',
    id: 'appt-1',
    status: 'booked',
    serviceType: [{ coding: [sct('394814009', 'General practice')] }],
    start: '2026-04-10T09:00:00Z',
    end: '2026-04-10T09:15:00Z',
    participant: [
      { actor: { type: 'Patient', identifier: PATIENT_IDENTIFIER }, status: 'accepted' },
      { actor: { display: 'Dr Adam Careful' }, status: 'accepted' },
    ],
  },
  CarePlan: {
    resourceType: 'CarePlan',
    id: 'careplan-1',
    status: 'active',
    intent: 'plan',
    category: [{ coding: [sct('734163000', 'Care plan')] }],
    subject: SUBJECT,
    period: { start: '2026-01-01' },
    created: '2025-12-20',
  },
  CareTeam: {
    resourceType: 'CareTeam',
    id: 'careteam-1',
    status: 'active',
    category: [
      { coding: [{ system: 'http://loinc.org', code: 'LA27976-2', display: 'Encounter-focused care team' }] },
    ],
    subject: SUBJECT,
    period: { start: '2026-01-01' },
  },
  PractitionerRole: {
    resourceType: 'PractitionerRole',
    id: 'role-1',
    extension: [
      {
        url: 'https://fhir.ilinks.dev/StructureDefinition/care-of-patient',
        valueIdentifier: PATIENT_IDENTIFIER,
      },
    ],
    active: true,
    code: [
      { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/practitioner-role', code: 'nurse' }] },
    ],
    period: { start: '2026-01-01' },
    telecom: [{ system: 'phone', value: '0300 000 0000' }],
  },
  Flag: {
    resourceType: 'Flag',
    id: 'flag-1',
    status: 'active',
    code: {
      coding: [
        {
          system: 'https://fhir.lbc.example/CodeSystem/alerts',
          code: 'CPP',
          display: 'Child protection plan',
        },
      ],
    },
    subject: SUBJECT,
    period: { start: '2026-01-15' },
  },
} as const;
