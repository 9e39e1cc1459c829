import type { LocalRecordFixture } from '../identity-data/generate-population';
import type { OrganisationKind } from '../identity-data/sample-organisations';
import type { FhirResource } from './demo-record-items';

// A demo region's letters and results: hospitals send discharge summaries to the person's GP
// practice (and the community trust's district nurses when it knows them); GP practices order an
// HbA1c from the hospital laboratory, whose reports come back with earlier ones for a series.

const ODS_SYSTEM = 'https://fhir.nhs.uk/Id/ods-organization-code';
const TEAM_SYSTEM = 'https://fhir.ilinks.dev/Id/team';
const LOINC = 'http://loinc.org';
const UCUM = 'http://unitsofmeasure.org';
const INTERPRETATION = 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation';
const DAY_MS = 86_400_000;
/** HbA1c (IFCC) at or above which a result is flagged high: the diabetes threshold, 48 mmol/mol. */
const HBA1C_HIGH = 48;

/** One person's records in the region, by the kind of organisation holding each. */
export interface DemoPersonRecords {
  readonly byKind: ReadonlyMap<OrganisationKind, LocalRecordFixture>;
}

/** What one organisation sends: its resources in the order they must arrive. */
export interface DemoSending {
  readonly organisation: LocalRecordFixture['organisation'];
  readonly resources: readonly FhirResource[];
}

/** The person's records grouped by the kind of organisation holding them (the first of each kind). */
export function recordsByPerson(
  records: readonly LocalRecordFixture[],
  kindOf: ReadonlyMap<string, OrganisationKind>,
): Map<string, DemoPersonRecords> {
  const byPerson = new Map<string, Map<OrganisationKind, LocalRecordFixture>>();
  for (const record of records) {
    const kind = kindOf.get(record.organisation);
    if (kind === undefined) continue;
    const kinds = byPerson.get(record.truePersonId) ?? new Map<OrganisationKind, LocalRecordFixture>();
    if (!kinds.has(kind)) kinds.set(kind, record);
    byPerson.set(record.truePersonId, kinds);
  }
  return new Map([...byPerson].map(([person, byKind]) => [person, { byKind }]));
}

/** The ODS code of the person's GP practice in the region, as a partner's Patient names it (PDS). */
export function gpPracticeOf(person: DemoPersonRecords | undefined): string | undefined {
  return person?.byKind.get('gp-practice')?.organisation;
}

function spreadOf(record: LocalRecordFixture): number {
  let hash = 0;
  for (const character of record.identifier.value) hash = (hash * 31 + character.charCodeAt(0)) >>> 0;
  return hash;
}

function dayFrom(today: Date, days: number, hour = 9): string {
  const midnight = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  return new Date(midnight + days * DAY_MS + hour * 3_600_000).toISOString();
}

const about = (record: LocalRecordFixture) => ({
  identifier: { system: record.identifier.system, value: record.identifier.value },
});

/**
 * A hospital's discharge summary of one of its patients to the person's GP practice, and to the
 * community trust's district nurses when the trust knows the person: for about half the patients
 * a hospital shares with a practice. A plain-text document (synthetic, says so).
 */
export function dischargeLetterOf(person: DemoPersonRecords, today: Date): DemoSending | undefined {
  const hospital = person.byKind.get('acute-trust');
  const gp = person.byKind.get('gp-practice');
  if (hospital === undefined || gp === undefined || spreadOf(hospital) % 2 !== 0) return undefined;
  const community = person.byKind.get('community-trust');
  const admitted = dayFrom(today, -(3 + (spreadOf(hospital) % 20)));
  const text = [
    'DISCHARGE SUMMARY (synthetic demo data - not a real patient)',
    `Admitted: ${admitted.slice(0, 10)}  Discharged: ${dayFrom(today, -2).slice(0, 10)}`,
    'Diagnosis: community-acquired pneumonia, treated with oral antibiotics.',
    'Actions for GP: review in 2 weeks; repeat chest X-ray in 6 weeks.',
  ].join('\n');
  const recipients = [
    { type: 'Organization', identifier: { system: ODS_SYSTEM, value: gp.organisation } },
    ...(community === undefined
      ? []
      : [
          {
            type: 'CareTeam',
            identifier: { system: TEAM_SYSTEM, value: `${community.organisation}/district-nursing` },
          },
        ]),
  ];
  return {
    organisation: hospital.organisation,
    resources: [
      {
        resourceType: 'Communication',
        id: `discharge-${hospital.identifier.value}`.toLowerCase(),
        status: 'completed',
        contained: [
          {
            resourceType: 'DocumentReference',
            id: 'letter',
            masterIdentifier: {
              system: `https://fhir.${hospital.organisation.toLowerCase()}.example/Id/document`,
              value: `DS-${hospital.identifier.value}`,
            },
            status: 'current',
            type: { coding: [{ system: LOINC, code: '18842-5', display: 'Discharge summary' }] },
            author: [{ display: 'Acute Medicine (demo)' }],
            description: 'Discharge summary: community-acquired pneumonia',
            content: [
              {
                attachment: {
                  contentType: 'text/plain',
                  data: Buffer.from(text, 'utf8').toString('base64'),
                  title: 'discharge-summary.txt',
                },
              },
            ],
          },
        ],
        subject: about(hospital),
        recipient: recipients,
        payload: [{ contentReference: { reference: '#letter' } }],
      },
    ],
  };
}

function hba1cReport(
  id: string,
  subject: { identifier: { system: string; value: string } },
  value: number,
  effective: string,
  orderNumber?: { system: string; value: string },
): FhirResource {
  const quantity = (number: number) => ({ value: number, unit: 'mmol/mol', system: UCUM, code: 'mmol/mol' });
  return {
    resourceType: 'DiagnosticReport',
    id,
    status: 'final',
    category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0074', code: 'LAB' }] }],
    code: { coding: [{ system: LOINC, code: '59261-8', display: 'HbA1c (IFCC)' }] },
    subject,
    effectiveDateTime: effective,
    issued: effective,
    ...(orderNumber === undefined ? {} : { basedOn: [{ type: 'ServiceRequest', identifier: orderNumber }] }),
    contained: [
      {
        resourceType: 'Observation',
        id: 'hba1c',
        status: 'final',
        code: { coding: [{ system: LOINC, code: '59261-8', display: 'HbA1c (IFCC)' }] },
        effectiveDateTime: effective,
        valueQuantity: quantity(value),
        referenceRange: [{ low: quantity(20), high: quantity(HBA1C_HIGH - 1) }],
        interpretation: [{ coding: [{ system: INTERPRETATION, code: value >= HBA1C_HIGH ? 'H' : 'N' }] }],
      },
    ],
    result: [{ reference: '#hba1c' }],
  };
}

/**
 * For about a third of the patients a GP practice shares with a hospital: the practice orders an
 * HbA1c from the hospital laboratory, which reports it with two earlier results of its own (a
 * series for the cumulative view), naming the patient by its own identifier. The newest result is
 * raised for some, so the practice's unacknowledged queue has abnormal results in it.
 */
export function hba1cSeriesOf(person: DemoPersonRecords, today: Date): DemoSending[] {
  const gp = person.byKind.get('gp-practice');
  const hospital = person.byKind.get('acute-trust');
  if (gp === undefined || hospital === undefined || spreadOf(gp) % 3 !== 0) return [];
  const spread = spreadOf(gp);
  const orderNumber = {
    system: `https://fhir.${gp.organisation.toLowerCase()}.example/Id/order-number`,
    value: `HBA1C-${gp.identifier.value}`,
  };
  const latest = 42 + (spread % 20);
  const request: FhirResource = {
    resourceType: 'ServiceRequest',
    id: `hba1c-order-${gp.identifier.value}`.toLowerCase(),
    identifier: [orderNumber],
    status: 'active',
    intent: 'order',
    code: { coding: [{ system: LOINC, code: '59261-8', display: 'HbA1c (IFCC)' }] },
    subject: about(gp),
    authoredOn: dayFrom(today, -4),
    performer: [{ type: 'Organization', identifier: { system: ODS_SYSTEM, value: hospital.organisation } }],
  };
  const reportId = (what: string) => `hba1c-${what}-${hospital.identifier.value}`.toLowerCase();
  return [
    { organisation: gp.organisation, resources: [request] },
    {
      organisation: hospital.organisation,
      resources: [
        // Earlier results are under the threshold: history loaded today should not escalate.
        hba1cReport(reportId('2y'), about(hospital), Math.min(latest - 6, 44), dayFrom(today, -730)),
        hba1cReport(reportId('1y'), about(hospital), Math.min(latest - 3, 46), dayFrom(today, -365)),
        hba1cReport(reportId('now'), about(hospital), latest, dayFrom(today, -2), orderNumber),
      ],
    },
  ];
}
