import { type DomainError, ValidationError } from '@ilinks/shared/kernel';
import { UnprocessableEntryError } from '../record/ingest/unprocessable-entry';
import { exampleDiagnosticReport, LAB_PATIENT, ORDER_NUMBER } from './diagnostics-examples.testing';
import { diagnosticReportFromFhir, MAX_RESULTS } from './fhir-diagnostic-report.parse';

const NOW = new Date('2026-11-26T12:00:00Z');
type Json = Record<string, unknown>;

function report(change: (resource: Json) => void = () => undefined): Json {
  const resource = exampleDiagnosticReport();
  change(resource);
  return resource;
}

function observation(resource: Json, index: number): Json {
  return (resource['contained'] as Json[])[index] as Json;
}

function refusalOf(body: unknown): DomainError {
  try {
    diagnosticReportFromFhir(body, NOW);
  } catch (error) {
    return error as DomainError;
  }
  throw new Error('the report was accepted');
}

const pathsOf = (body: unknown): string[] => refusalOf(body).issues.map((issue) => issue.path);

describe('diagnosticReportFromFhir', () => {
  it('reads the example: contained Observations become results in result[] order', () => {
    const { subject, draft } = diagnosticReportFromFhir(exampleDiagnosticReport(), NOW);
    expect(subject).toEqual({ by: 'local-identifier', ...LAB_PATIENT });
    expect(draft.partnerReportId).toBe('lab-report-42');
    expect(draft.results.map((result) => result.partnerObservationId)).toEqual(['hba1c', 'comment']);
    expect(draft.results[0]).toEqual(
      expect.objectContaining({
        code: [{ system: 'http://loinc.org', code: '59261-8', display: 'HbA1c (IFCC)' }],
        status: 'final',
        valueQuantity: { value: 64, unit: 'mmol/mol', system: 'http://unitsofmeasure.org', code: 'mmol/mol' },
        referenceRanges: [
          {
            low: { value: 20, system: 'http://unitsofmeasure.org', code: 'mmol/mol' },
            high: { value: 41, system: 'http://unitsofmeasure.org', code: 'mmol/mol' },
          },
        ],
        interpretation: [
          { system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation', code: 'H' },
        ],
        effectiveAt: '2026-11-21T08:30:00Z',
      }),
    );
    expect(draft.results[1]?.valueString).toBe('Sample received haemolysed; repeat advised.');
  });

  it('reads basedOn identifiers, the category, the dates and the conclusion', () => {
    const { draft } = diagnosticReportFromFhir(exampleDiagnosticReport(), NOW);
    expect(draft.basedOn).toEqual([ORDER_NUMBER]);
    expect(draft.category).toBe('laboratory');
    expect(draft.issuedAt).toBe('2026-11-21T14:00:00Z');
    expect(draft.effectiveAt).toBe('2026-11-21T08:30:00Z');
    expect(draft.conclusion).toBe('HbA1c raised.');
    expect(draft.status).toBe('final');
  });

  it.each([
    ['LAB', 'laboratory'],
    ['RAD', 'imaging'],
    ['MB', 'other'],
  ])('maps the v2-0074 category %s to %s', (code, category) => {
    const body = report((r) => {
      r['category'] = [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0074', code }] }];
    });
    expect(diagnosticReportFromFhir(body, NOW).draft.category).toBe(category);
  });

  it('reads copy-to extensions as the lab’s copies', () => {
    expect(diagnosticReportFromFhir(exampleDiagnosticReport(), NOW).draft.copiesTo).toEqual([
      { organisation: 'RBS', practitioner: 'dr-patel' },
    ]);
  });

  it('keeps the resource as sent', () => {
    const body = exampleDiagnosticReport();
    expect(diagnosticReportFromFhir(body, NOW).draft.resource).toBe(body);
  });

  it('accepts an amended report (the same id sent again is a new revision)', () => {
    const body = report((r) => (r['status'] = 'amended'));
    expect(diagnosticReportFromFhir(body, NOW).draft.status).toBe('amended');
  });

  it('refuses a unit that is not UCUM at its system', () => {
    const body = report((r) => {
      observation(r, 0)['valueQuantity'] = {
        value: 64,
        unit: 'mmol/mol',
        system: 'http://example.org/units',
        code: 'x',
      };
    });
    const refusal = refusalOf(body);
    expect(refusal).toBeInstanceOf(ValidationError);
    expect(refusal).not.toBeInstanceOf(UnprocessableEntryError);
    expect(refusal.issues.map((issue) => issue.path)).toEqual([
      'DiagnosticReport.contained[0].valueQuantity.system',
    ]);
  });

  it('refuses a quantity with a unit text only (no UCUM system or code)', () => {
    const body = report((r) => (observation(r, 0)['valueQuantity'] = { value: 64, unit: 'mmol/mol' }));
    expect(pathsOf(body)).toEqual([
      'DiagnosticReport.contained[0].valueQuantity.system',
      'DiagnosticReport.contained[0].valueQuantity.code',
    ]);
  });

  it('refuses a non-UCUM reference range bound', () => {
    const body = report((r) => {
      const range = (observation(r, 0)['referenceRange'] as Json[])[0] as Json;
      range['high'] = { value: 41, unit: 'mmol/mol' };
    });
    expect(pathsOf(body)).toEqual([
      'DiagnosticReport.contained[0].referenceRange[0].high.system',
      'DiagnosticReport.contained[0].referenceRange[0].high.code',
    ]);
  });

  it('refuses a result without a code', () => {
    const body = report((r) => delete observation(r, 1)['code']);
    expect(pathsOf(body)).toEqual(['DiagnosticReport.contained[1].code.coding']);
  });

  it('refuses a result whose code has no codings, and a coding without a system', () => {
    const body = report((r) => {
      observation(r, 0)['code'] = { text: 'HbA1c' };
      observation(r, 1)['code'] = { coding: [{ code: 'CMT' }] };
    });
    expect(pathsOf(body)).toEqual([
      'DiagnosticReport.contained[0].code.coding',
      'DiagnosticReport.contained[1].code.coding[0].system',
    ]);
  });

  it('refuses a result without a status, or with one FHIR does not know', () => {
    const body = report((r) => {
      delete observation(r, 0)['status'];
      observation(r, 1)['status'] = 'done';
    });
    expect(pathsOf(body)).toEqual([
      'DiagnosticReport.contained[0].status',
      'DiagnosticReport.contained[1].status',
    ]);
  });

  it('refuses a report without issued, and one whose issued is not an instant', () => {
    expect(pathsOf(report((r) => delete r['issued']))).toEqual(['DiagnosticReport.issued']);
    expect(pathsOf(report((r) => (r['issued'] = '2026-11-21')))).toEqual(['DiagnosticReport.issued']);
  });

  it('refuses a report issued in the future', () => {
    expect(pathsOf(report((r) => (r['issued'] = '2026-12-01T10:00:00Z')))).toEqual([
      'DiagnosticReport.issued',
    ]);
  });

  it('refuses a result reference that names no contained Observation', () => {
    const body = report(
      (r) => (r['result'] = [{ reference: '#hba1c' }, { reference: '#comment' }, { reference: '#nope' }]),
    );
    expect(pathsOf(body)).toEqual(['DiagnosticReport.result[2].reference']);
  });

  it('refuses a literal result reference (results are contained)', () => {
    const body = report((r) => (r['result'] = [{ reference: 'Observation/1' }, { reference: '#comment' }]));
    expect(pathsOf(body)).toEqual(['DiagnosticReport.result[0].reference', 'DiagnosticReport.contained[0]']);
  });

  it('refuses a contained resource that is not an Observation', () => {
    const body = report((r) => (r['contained'] as Json[]).push({ resourceType: 'Specimen', id: 's1' }));
    expect(pathsOf(body)).toEqual(['DiagnosticReport.contained[2].resourceType']);
  });

  it('refuses a value of another type, and two values', () => {
    const body = report((r) => {
      observation(r, 1)['valueBoolean'] = true;
    });
    expect(pathsOf(body)).toEqual([
      'DiagnosticReport.contained[1].valueBoolean',
      'DiagnosticReport.contained[1].value',
    ]);
  });

  it('refuses a report without its id, status or code', () => {
    const body = report((r) => {
      delete r['id'];
      delete r['status'];
      delete r['code'];
    });
    expect(pathsOf(body)).toEqual([
      'DiagnosticReport.id',
      'DiagnosticReport.status',
      'DiagnosticReport.code.coding',
    ]);
  });

  it('refuses a basedOn without an identifier', () => {
    const body = report((r) => (r['basedOn'] = [{ reference: 'ServiceRequest/1' }]));
    expect(pathsOf(body)).toEqual(['DiagnosticReport.basedOn[0].identifier']);
  });

  it('refuses a copy-to that names nobody we know', () => {
    const body = report((r) => {
      r['extension'] = [
        {
          url: 'https://fhir.ilinks.dev/StructureDefinition/copy-to',
          valueReference: { identifier: { system: 'https://example.org/x', value: 'y' } },
        },
      ];
    });
    expect(pathsOf(body)).toEqual(['DiagnosticReport.extension[0].valueReference.identifier']);
  });

  it(`refuses more than ${MAX_RESULTS} results`, () => {
    const body = report((r) => {
      r['result'] = Array.from({ length: MAX_RESULTS + 1 }, () => ({ reference: '#hba1c' }));
    });
    expect(pathsOf(body)).toContain('DiagnosticReport.result');
  });

  it('refuses a subject with an invalid NHS number, and a reference that is not a person id', () => {
    const nhs = report(
      (r) =>
        (r['subject'] = { identifier: { system: 'https://fhir.nhs.uk/Id/nhs-number', value: '1234567890' } }),
    );
    expect(pathsOf(nhs)).toEqual(['DiagnosticReport.subject.identifier.value']);
    expect(pathsOf(report((r) => (r['subject'] = { reference: 'Patient/abc' })))).toEqual([
      'DiagnosticReport.subject.reference',
    ]);
  });

  it('reads a subject by NHS number or Patient/<person id>', () => {
    const nhs = report(
      (r) =>
        (r['subject'] = {
          identifier: { system: 'https://fhir.nhs.uk/Id/nhs-number', value: '943 476 5919' },
        }),
    );
    expect(diagnosticReportFromFhir(nhs, NOW).subject).toEqual({
      by: 'nhs-number',
      nhsNumber: '9434765919',
    });
    const person = report(
      (r) => (r['subject'] = { reference: 'Patient/0B7C6F1E-5D0A-4C3E-9F4B-2A1D8E6C7B90' }),
    );
    expect(diagnosticReportFromFhir(person, NOW).subject).toEqual({
      by: 'person-id',
      personId: '0b7c6f1e-5d0a-4c3e-9f4b-2a1d8e6c7b90',
    });
  });

  it('refuses what is not a DiagnosticReport', () => {
    expect(pathsOf([])).toEqual(['DiagnosticReport']);
    expect(pathsOf(report((r) => (r['resourceType'] = 'Observation')))).toEqual([
      'DiagnosticReport.resourceType',
    ]);
  });
});
