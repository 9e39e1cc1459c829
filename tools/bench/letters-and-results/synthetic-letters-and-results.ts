// Synthetic letters, test requests and lab reports for the letters-and-results bench: no real
// person, identifier systems of the bench's own, shaped as the e2e stories send them
// (apps/system-e2e/src/support/letter-and-result-fixtures.ts): FHIR R4, LOINC, UCUM.
import type { SendLetterRequestV1 } from '@ilinks/correspondence/contracts';
import {
  type FhirResource,
  mrnSystemOf,
  NHS_NUMBER_SYSTEM,
  type PartnerIdentifier,
  syntheticNhsNumber,
  syntheticPatient,
} from '../record/synthetic-record';

export const ODS_SYSTEM = 'https://fhir.nhs.uk/Id/ods-organization-code';
const TEAM_SYSTEM = 'https://fhir.ilinks.dev/Id/team';
const PRACTITIONER_SYSTEM = 'https://fhir.ilinks.dev/Id/practitioner';
const REQUESTER_TEAM_EXTENSION = 'https://fhir.ilinks.dev/StructureDefinition/requester-team';
const LOINC = 'http://loinc.org';
const UCUM = 'http://unitsofmeasure.org';
const INTERPRETATION = 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation';

/** Whom a letter goes to: an organisation, or one of its teams. */
export interface Addressee {
  readonly organisation: string;
  readonly team?: string;
}

/** Who asks for a test: a practitioner of an organisation, in a team. */
export interface Requester {
  readonly organisation: string;
  readonly practitioner: string;
  readonly team: string;
}

/** The bench's order-number system of an organisation (a report's `basedOn` names it). */
export const orderSystemOf = (organisation: string): string =>
  `https://fhir.bench.example/${organisation}/Id/order-number`;

/**
 * `count` distinct valid NHS numbers (999 range) from `seed`: each the first valid one after the one
 * before, so two persons never share one.
 */
export function distinctNhsNumbers(count: number, seed: number): string[] {
  const numbers: string[] = [];
  let next = seed;
  while (numbers.length < count) {
    const nhsNumber = syntheticNhsNumber(next);
    numbers.push(nhsNumber);
    next = Number(nhsNumber.slice(3, 9)) + 1;
  }
  return numbers;
}

/**
 * A Patient as `organisation`'s system registers it, naming the person's registered GP practice
 * (`generalPractitioner` by ODS code), as PDS gives it: results go to that practice.
 */
export function patientWithPractice(
  organisation: string,
  mrn: string,
  index: number,
  nhsNumber: string,
  practice: string,
): FhirResource {
  return {
    ...syntheticPatient(organisation, mrn, index, nhsNumber),
    generalPractitioner: [{ identifier: { system: ODS_SYSTEM, value: practice } }],
  };
}

/** The partner identifier by NHS number (how a lab names the patient). */
export const byNhsNumber = (nhsNumber: string): PartnerIdentifier => ({
  system: NHS_NUMBER_SYSTEM,
  value: nhsNumber,
});

/** `organisation`'s own identifier of a patient. */
export const byMrn = (organisation: string, mrn: string): PartnerIdentifier => ({
  system: mrnSystemOf(organisation),
  value: mrn,
});

/**
 * A real PDF of about `bytes` bytes whose content is `seed`'s own: a catalog, one page, and a
 * comment block of lines that differ with the seed, so every letter stores different bytes.
 */
export function pdfOf(seed: string, bytes: number): Buffer {
  const head =
    '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n' +
    '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n' +
    '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj\n';
  const tail = 'trailer << /Root 1 0 R >>\n%%EOF\n';
  const lines: string[] = [];
  let size = head.length + tail.length;
  for (let line = 0; size < bytes; line++) {
    const text = `% ${seed} line ${line} discharge summary continuation text for the bench\n`;
    lines.push(text);
    size += text.length;
  }
  return Buffer.from(`${head}${lines.join('')}${tail}`, 'latin1');
}

function referenceTo(addressee: Addressee): FhirResource {
  if (addressee.team !== undefined)
    return {
      type: 'CareTeam',
      identifier: { system: TEAM_SYSTEM, value: `${addressee.organisation}/${addressee.team}` },
    };
  return { type: 'Organization', identifier: { system: ODS_SYSTEM, value: addressee.organisation } };
}

/** A partner's discharge summary: a Communication carrying its DocumentReference (with the PDF), contained. */
export function dischargeLetter(
  id: string,
  patient: PartnerIdentifier,
  recipients: readonly Addressee[],
  document: Buffer,
): FhirResource {
  return {
    resourceType: 'Communication',
    status: 'completed',
    contained: [
      {
        resourceType: 'DocumentReference',
        id: 'letter',
        masterIdentifier: { system: 'https://fhir.bench.example/Id/document', value: id },
        status: 'current',
        type: { coding: [{ system: LOINC, code: '18842-5', display: 'Discharge summary' }] },
        subject: { identifier: patient },
        author: [{ display: 'Dr Bench, Acute Medicine' }],
        description: 'Discharge summary',
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

/** A GP's order for a U&E panel, with its order number, asked of `lab`. */
export function testRequest(
  id: string,
  orderNumber: string,
  patient: PartnerIdentifier,
  requester: Requester,
  lab: string,
): FhirResource {
  return {
    resourceType: 'ServiceRequest',
    id,
    identifier: [{ system: orderSystemOf(requester.organisation), value: orderNumber }],
    status: 'active',
    intent: 'order',
    priority: 'routine',
    code: { coding: [{ system: LOINC, code: '24362-6', display: 'Renal function panel' }] },
    subject: { identifier: patient },
    authoredOn: '2026-11-20T09:00:00Z',
    requester: {
      type: 'PractitionerRole',
      identifier: {
        system: PRACTITIONER_SYSTEM,
        value: `${requester.organisation}/${requester.practitioner}`,
      },
    },
    extension: [{ url: REQUESTER_TEAM_EXTENSION, valueString: requester.team }],
    performer: [{ type: 'Organization', identifier: { system: ODS_SYSTEM, value: lab } }],
  };
}

/** One analyte of the panel: LOINC code, UCUM unit, reference range. */
interface Analyte {
  readonly code: string;
  readonly display: string;
  readonly unit: string;
  readonly low: number;
  readonly high: number;
}

/** U&E with eGFR: the five results a renal panel reports, units in UCUM. */
const RENAL_PANEL: readonly Analyte[] = [
  {
    code: '2951-2',
    display: 'Sodium [Moles/volume] in Serum or Plasma',
    unit: 'mmol/L',
    low: 133,
    high: 146,
  },
  {
    code: '2823-3',
    display: 'Potassium [Moles/volume] in Serum or Plasma',
    unit: 'mmol/L',
    low: 3.5,
    high: 5.3,
  },
  { code: '22664-7', display: 'Urea [Moles/volume] in Serum or Plasma', unit: 'mmol/L', low: 2.5, high: 7.8 },
  {
    code: '14682-9',
    display: 'Creatinine [Moles/volume] in Serum or Plasma',
    unit: 'umol/L',
    low: 45,
    high: 84,
  },
  {
    code: '62238-1',
    display:
      'Glomerular filtration rate/1.73 sq M.predicted [Volume Rate/Area] in Serum, Plasma or Blood by Creatinine-based formula (CKD-EPI)',
    unit: 'mL/min/{1.73_m2}',
    low: 60,
    high: 200,
  },
];

/** How far out of range a result is sent: most in range, some high, one in a hundred critical. */
export type ResultSeverity = 'normal' | 'high' | 'critical';

/** The severity of load report `index`: 1 % critical (potassium), 9 % high, the rest normal. */
export const severityOf = (index: number): ResultSeverity =>
  index % 100 === 0 ? 'critical' : index % 100 < 10 ? 'high' : 'normal';

function observationOf(id: string, analyte: Analyte, value: number, flag: string, effective: string) {
  const quantity = (amount: number) => ({
    value: amount,
    unit: analyte.unit,
    system: UCUM,
    code: analyte.unit,
  });
  return {
    resourceType: 'Observation',
    id,
    status: 'final',
    code: { coding: [{ system: LOINC, code: analyte.code, display: analyte.display }] },
    effectiveDateTime: effective,
    valueQuantity: quantity(value),
    referenceRange: [{ low: quantity(analyte.low), high: quantity(analyte.high) }],
    interpretation: [{ coding: [{ system: INTERPRETATION, code: flag }] }],
  };
}

/** A value of `analyte` for result `index`: within the range, or above it as `severity` says (potassium only). */
function valueOf(
  analyte: Analyte,
  index: number,
  severity: ResultSeverity,
  position: number,
): [number, string] {
  if (position === 1 && severity === 'critical') return [6.8, 'HH'];
  if (position === 1 && severity === 'high') return [5.8, 'H'];
  const span = analyte.high - analyte.low;
  const value = analyte.low + span * (0.2 + ((index * 7 + position * 13) % 60) / 100);
  return [Math.round(value * 10) / 10, 'N'];
}

/** A lab's final renal panel report: five Observations contained, based on an order when given. */
export function labReport(options: {
  readonly id: string;
  readonly patient: PartnerIdentifier;
  readonly index: number;
  readonly severity: ResultSeverity;
  readonly issued: string;
  readonly order?: { readonly system: string; readonly value: string };
}): FhirResource {
  return {
    resourceType: 'DiagnosticReport',
    id: options.id,
    status: 'final',
    category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0074', code: 'LAB' }] }],
    code: { coding: [{ system: LOINC, code: '24362-6', display: 'Renal function panel' }] },
    subject: { identifier: options.patient },
    effectiveDateTime: options.issued,
    issued: options.issued,
    ...(options.order === undefined
      ? {}
      : { basedOn: [{ type: 'ServiceRequest', identifier: options.order }] }),
    contained: RENAL_PANEL.map((analyte, position) => {
      const [value, flag] = valueOf(analyte, options.index, options.severity, position);
      return observationOf(`r${position}`, analyte, value, flag, options.issued);
    }),
    result: RENAL_PANEL.map((_, position) => ({ reference: `#r${position}` })),
  };
}

const STORED_KINDS = ['discharge-summary', 'clinic-letter', 'referral', 'other'] as const;

/**
 * A letter for the correspondence service's own `POST /letters` (the inbox preload): a small
 * text/plain attachment of its own, two recipients as `recipients` gives them.
 */
export function storedLetter(options: {
  readonly id: string;
  readonly index: number;
  readonly personId: string;
  readonly sender: string;
  readonly recipients: readonly Addressee[];
}): SendLetterRequestV1 {
  const text = `Bench letter ${options.id}: clinic review, no change to medication.\n`;
  return {
    subject: { personId: options.personId },
    sentBy: {
      subject: `bench-${options.sender.toLowerCase()}`,
      role: 'system',
      organisation: options.sender,
    },
    author: 'Dr Bench, Outpatients',
    kind: STORED_KINDS[options.index % STORED_KINDS.length],
    title: `Clinic letter ${options.index}`,
    recipients: options.recipients.map((recipient) =>
      recipient.team === undefined
        ? { organisation: recipient.organisation }
        : { organisation: recipient.organisation, team: recipient.team },
    ),
    attachment: {
      contentType: 'text/plain',
      data: Buffer.from(text, 'utf8').toString('base64'),
      title: 'letter.txt',
    },
    partnerDocumentId: options.id,
  };
}
