import type { DiagnosticReportV1 } from '@ilinks/diagnostics/contracts';
import { PERSON_ID } from '../patient/person-view.testing';

/** The lab that sends reports, the GP practice that requests, a hospital (for specs). */
export const LAB = 'RGT';
export const GP = 'Y12345';
export const HOSPITAL = 'RBS';
export const REPORT_ID = '3f0c2b1a-9e8d-4c7b-a6f5-e4d3c2b1a090';
export const REQUEST_ID = '5e4d3c2b-1a09-4f8e-9d7c-6b5a4f3e2d1c';
/** The GP's own identifier of the patient (their local record `lr-gp-1`). */
export const GP_PATIENT = { system: 'https://gp.example/Id/patient', value: 'GP-1' };
/** The lab's own identifier of the patient (their local record `lr-lab-1`). */
export const LAB_PATIENT = { system: 'https://lab.example/Id/mrn', value: 'MRN-77' };
export const ORDER_NUMBER = { system: 'https://gp.example/Id/order', value: 'ORD-1001' };

/** A GP's request for a full blood count and HbA1c, copied to a hospital team (a FHIR ServiceRequest). */
export function exampleServiceRequest(): Record<string, unknown> {
  return {
    resourceType: 'ServiceRequest',
    id: 'order-1001',
    extension: [
      {
        url: 'https://fhir.ilinks.dev/StructureDefinition/copy-to',
        valueReference: { identifier: { system: 'https://fhir.ilinks.dev/Id/team', value: 'RBS/diabetes' } },
      },
    ],
    identifier: [ORDER_NUMBER],
    status: 'active',
    intent: 'order',
    priority: 'routine',
    category: [
      { coding: [{ system: 'http://snomed.info/sct', code: '108252007', display: 'Laboratory procedure' }] },
    ],
    code: {
      coding: [{ system: 'http://snomed.info/sct', code: '1107241000000104', display: 'HbA1c level' }],
    },
    subject: { identifier: GP_PATIENT },
    authoredOn: '2026-11-20T09:00:00Z',
    requester: {
      type: 'PractitionerRole',
      identifier: { system: 'https://fhir.ilinks.dev/Id/practitioner', value: 'Y12345/dr-jones' },
      extension: [
        { url: 'https://fhir.ilinks.dev/StructureDefinition/requester-team', valueString: 'gp-team-a' },
      ],
    },
    performer: [
      {
        type: 'Organization',
        identifier: { system: 'https://fhir.nhs.uk/Id/ods-organization-code', value: 'RGT' },
      },
    ],
  };
}

/** A lab's report of one HbA1c (high) and one comment, with the request's order number (a FHIR DiagnosticReport). */
export function exampleDiagnosticReport(): Record<string, unknown> {
  return {
    resourceType: 'DiagnosticReport',
    id: 'lab-report-42',
    contained: [
      {
        resourceType: 'Observation',
        id: 'hba1c',
        status: 'final',
        code: { coding: [{ system: 'http://loinc.org', code: '59261-8', display: 'HbA1c (IFCC)' }] },
        valueQuantity: { value: 64, unit: 'mmol/mol', system: 'http://unitsofmeasure.org', code: 'mmol/mol' },
        referenceRange: [
          {
            low: { value: 20, system: 'http://unitsofmeasure.org', code: 'mmol/mol' },
            high: { value: 41, system: 'http://unitsofmeasure.org', code: 'mmol/mol' },
          },
        ],
        interpretation: [
          {
            coding: [
              { system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation', code: 'H' },
            ],
          },
        ],
        effectiveDateTime: '2026-11-21T08:30:00Z',
      },
      {
        resourceType: 'Observation',
        id: 'comment',
        status: 'final',
        code: { coding: [{ system: 'https://lab.example/CodeSystem/local', code: 'CMT' }] },
        valueString: 'Sample received haemolysed; repeat advised.',
      },
    ],
    extension: [
      {
        url: 'https://fhir.ilinks.dev/StructureDefinition/copy-to',
        valueReference: {
          identifier: { system: 'https://fhir.ilinks.dev/Id/practitioner', value: 'RBS/dr-patel' },
        },
      },
    ],
    basedOn: [{ type: 'ServiceRequest', identifier: ORDER_NUMBER }],
    status: 'final',
    category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0074', code: 'LAB' }] }],
    code: { coding: [{ system: 'http://loinc.org', code: '4548-4', display: 'Hemoglobin A1c' }] },
    subject: { identifier: LAB_PATIENT },
    effectiveDateTime: '2026-11-21T08:30:00Z',
    issued: '2026-11-21T14:00:00Z',
    conclusion: 'HbA1c raised.',
    result: [{ reference: '#hba1c' }, { reference: '#comment' }],
  };
}

/** A report as the diagnostics service serves it (for specs). */
export function reportV1(changes: Partial<DiagnosticReportV1> = {}): DiagnosticReportV1 {
  return {
    reportId: REPORT_ID,
    revision: 1,
    organisation: LAB,
    partnerReportId: 'lab-report-42',
    subject: { personId: PERSON_ID, localRecordId: 'lr-lab-1' },
    status: 'final',
    category: 'laboratory',
    code: [{ system: 'http://loinc.org', code: '4548-4' }],
    issuedAt: '2026-11-21T14:00:00Z',
    results: [],
    flag: 'abnormal',
    recipients: [{ participant: { organisation: GP }, reasons: ['registered-practice'] }],
    acknowledgementStatus: 'awaiting',
    acknowledgements: [],
    escalations: [],
    history: [],
    release: { released: true, releasedAt: '2026-11-23T14:00:00Z', releasedBy: 'policy' },
    recordedAt: '2026-11-21T14:00:01.000Z',
    resource: { resourceType: 'DiagnosticReport', id: 'lab-report-42', status: 'final' },
    ...changes,
  };
}
