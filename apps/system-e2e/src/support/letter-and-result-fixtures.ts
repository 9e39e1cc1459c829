import type { Json } from './gateway-client';
import type { PartnerIdentifier } from './record-fixtures';

// Synthetic letters, test requests and reports for the correspondence and diagnostics stories.

const ODS_SYSTEM = 'https://fhir.nhs.uk/Id/ods-organization-code';
const TEAM_SYSTEM = 'https://fhir.ilinks.dev/Id/team';
const PRACTITIONER_SYSTEM = 'https://fhir.ilinks.dev/Id/practitioner';
const LOINC = 'http://loinc.org';
const UCUM = 'http://unitsofmeasure.org';
const INTERPRETATION = 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation';
const ORDER_SYSTEM = 'https://fhir.example-gp.nhs.uk/Id/order-number';

/** Whom a letter or a result copy goes to. */
export type Addressee =
  | { readonly organisation: string }
  | { readonly organisation: string; readonly team: string }
  | { readonly organisation: string; readonly practitioner: string };

function referenceTo(addressee: Addressee): Json {
  if ('team' in addressee)
    return {
      type: 'CareTeam',
      identifier: { system: TEAM_SYSTEM, value: `${addressee.organisation}/${addressee.team}` },
    };
  if ('practitioner' in addressee)
    return {
      type: 'PractitionerRole',
      identifier: {
        system: PRACTITIONER_SYSTEM,
        value: `${addressee.organisation}/${addressee.practitioner}`,
      },
    };
  return { type: 'Organization', identifier: { system: ODS_SYSTEM, value: addressee.organisation } };
}

/** A tiny but real PDF (a header, one empty page, a trailer): what a discharge summary would be. */
export function pdfBytes(text: string): Buffer {
  return Buffer.from(
    `%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj\n% ${text}\ntrailer << /Root 1 0 R >>\n%%EOF\n`,
    'latin1',
  );
}

/** A partner's discharge summary: a Communication carrying its DocumentReference, contained. */
export function dischargeLetter(
  id: string,
  patient: PartnerIdentifier,
  recipients: readonly Addressee[],
  document: Buffer,
): Json {
  return {
    resourceType: 'Communication',
    status: 'completed',
    contained: [
      {
        resourceType: 'DocumentReference',
        id: 'letter',
        masterIdentifier: { system: 'https://fhir.example-hospital.nhs.uk/Id/document', value: id },
        status: 'current',
        type: { coding: [{ system: LOINC, code: '18842-5', display: 'Discharge summary' }] },
        subject: { identifier: patient },
        author: [{ display: 'Dr A Khan, Acute Medicine' }],
        description: 'Discharge summary: community-acquired pneumonia',
        content: [
          {
            attachment: {
              contentType: 'application/pdf',
              data: document.toString('base64'),
              title: 'discharge.pdf',
            },
          },
        ],
      },
    ],
    subject: { identifier: patient },
    recipient: recipients.map(referenceTo),
    payload: [{ contentReference: { reference: '#letter' } }],
  };
}

/** A GP's order for a test, with its order number (a report's `basedOn` names it). */
export function testRequest(
  id: string,
  orderNumber: string,
  patient: PartnerIdentifier,
  requester: { readonly organisation: string; readonly practitioner: string; readonly team: string },
  test: { readonly code: string; readonly display: string },
  lab: string,
): Json {
  return {
    resourceType: 'ServiceRequest',
    id,
    identifier: [{ system: ORDER_SYSTEM, value: orderNumber }],
    status: 'active',
    intent: 'order',
    priority: 'routine',
    code: { coding: [{ system: LOINC, code: test.code, display: test.display }] },
    subject: { identifier: patient },
    authoredOn: '2026-11-20T09:00:00Z',
    requester: {
      type: 'PractitionerRole',
      identifier: {
        system: PRACTITIONER_SYSTEM,
        value: `${requester.organisation}/${requester.practitioner}`,
      },
    },
    extension: [
      { url: 'https://fhir.ilinks.dev/StructureDefinition/requester-team', valueString: requester.team },
    ],
    performer: [{ type: 'Organization', identifier: { system: ODS_SYSTEM, value: lab } }],
  };
}

/** One result as a lab reports it: a quantity in UCUM, its range and the lab's flag. */
export interface LabResult {
  readonly code: string;
  readonly display: string;
  readonly value: number;
  readonly unit: string;
  readonly low?: number;
  readonly high?: number;
  readonly interpretation?: 'N' | 'H' | 'L' | 'HH' | 'LL';
}

export const potassium = (value: number, interpretation: LabResult['interpretation']): LabResult => ({
  code: '2823-3',
  display: 'Potassium [Moles/volume] in Serum or Plasma',
  value,
  unit: 'mmol/L',
  low: 3.5,
  high: 5.3,
  interpretation,
});

export const sodium = (value: number): LabResult => ({
  code: '2951-2',
  display: 'Sodium [Moles/volume] in Serum or Plasma',
  value,
  unit: 'mmol/L',
  low: 133,
  high: 146,
});

/** HbA1c as IFCC (mmol/mol) or as DCCT (%): the two units labs in England still send. */
export const hba1c = (value: number, unit: 'mmol/mol' | '%'): LabResult =>
  unit === 'mmol/mol'
    ? {
        code: '59261-8',
        display: 'Hemoglobin A1c/Hemoglobin.total in Blood by IFCC protocol',
        value,
        unit,
        high: 47,
      }
    : { code: '4548-4', display: 'Hemoglobin A1c/Hemoglobin.total in Blood', value, unit, high: 6.5 };

function observationOf(id: string, result: LabResult, status: string, effective: string): Json {
  const quantity = (value: number) => ({ value, unit: result.unit, system: UCUM, code: result.unit });
  return {
    resourceType: 'Observation',
    id,
    status,
    code: { coding: [{ system: LOINC, code: result.code, display: result.display }] },
    effectiveDateTime: effective,
    valueQuantity: quantity(result.value),
    ...(result.low === undefined && result.high === undefined
      ? {}
      : {
          referenceRange: [
            {
              ...(result.low === undefined ? {} : { low: quantity(result.low) }),
              ...(result.high === undefined ? {} : { high: quantity(result.high) }),
            },
          ],
        }),
    ...(result.interpretation === undefined
      ? {}
      : { interpretation: [{ coding: [{ system: INTERPRETATION, code: result.interpretation }] }] }),
  };
}

/** A lab's report with its results contained; `status` `amended` sends a correction of the same id. */
export function labReport(options: {
  readonly id: string;
  readonly patient: PartnerIdentifier;
  readonly results: readonly LabResult[];
  readonly effective: string;
  readonly status?: 'final' | 'amended' | 'corrected' | 'cancelled';
  readonly orderNumber?: string;
}): Json {
  const status = options.status ?? 'final';
  const observationStatus = status === 'corrected' ? 'corrected' : status;
  return {
    resourceType: 'DiagnosticReport',
    id: options.id,
    status,
    category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0074', code: 'LAB' }] }],
    code: { coding: [{ system: LOINC, code: '24323-8', display: 'Comprehensive metabolic panel' }] },
    subject: { identifier: options.patient },
    effectiveDateTime: options.effective,
    issued: options.effective,
    ...(options.orderNumber === undefined
      ? {}
      : {
          basedOn: [
            { type: 'ServiceRequest', identifier: { system: ORDER_SYSTEM, value: options.orderNumber } },
          ],
        }),
    contained: options.results.map((result, index) =>
      observationOf(`r${index}`, result, observationStatus, options.effective),
    ),
    result: options.results.map((_, index) => ({ reference: `#r${index}` })),
  };
}
