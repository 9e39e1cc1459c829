import type { DomainError } from '@ilinks/shared/kernel';
import { UnprocessableEntryError } from '../record/ingest/unprocessable-entry';
import { exampleServiceRequest, GP, GP_PATIENT, ORDER_NUMBER } from './diagnostics-examples.testing';
import { categoryOf, serviceRequestFromFhir } from './fhir-service-request.parse';

const NOW = new Date('2026-11-26T12:00:00Z');
type Json = Record<string, unknown>;

function request(change: (resource: Json) => void = () => undefined): Json {
  const resource = exampleServiceRequest();
  change(resource);
  return resource;
}

function refusalOf(body: unknown): DomainError {
  try {
    serviceRequestFromFhir(body, GP, NOW);
  } catch (error) {
    return error as DomainError;
  }
  throw new Error('the request was accepted');
}

const pathsOf = (body: unknown): string[] => refusalOf(body).issues.map((issue) => issue.path);

describe('serviceRequestFromFhir', () => {
  it('reads the example', () => {
    const { subject, draft } = serviceRequestFromFhir(exampleServiceRequest(), GP, NOW);
    expect(subject).toEqual({ by: 'local-identifier', ...GP_PATIENT });
    expect(draft).toEqual(
      expect.objectContaining({
        partnerRequestId: 'order-1001',
        identifiers: [ORDER_NUMBER],
        requester: { organisation: GP, team: 'gp-team-a', practitioner: 'dr-jones' },
        performer: 'RGT',
        category: 'laboratory',
        code: [{ system: 'http://snomed.info/sct', code: '1107241000000104', display: 'HbA1c level' }],
        status: 'active',
        priority: 'routine',
        authoredOn: '2026-11-20T09:00:00Z',
        copiesTo: [{ organisation: 'RBS', team: 'diabetes' }],
      }),
    );
  });

  it('takes the requester team from the ServiceRequest itself too', () => {
    const body = request((r) => {
      r['requester'] = {
        identifier: { system: 'https://fhir.ilinks.dev/Id/practitioner', value: 'Y12345/dr-jones' },
      };
      r['extension'] = [
        { url: 'https://fhir.ilinks.dev/StructureDefinition/requester-team', valueString: 'gp-team-b' },
      ];
    });
    expect(serviceRequestFromFhir(body, GP, NOW).draft.requester).toEqual({
      organisation: GP,
      team: 'gp-team-b',
      practitioner: 'dr-jones',
    });
  });

  it('names the sending organisation as requester when no practitioner is named', () => {
    const body = request((r) => delete r['requester']);
    expect(serviceRequestFromFhir(body, GP, NOW).draft.requester).toEqual({ organisation: GP });
  });

  it('reads copies to an organisation, a team and a practitioner, each once', () => {
    const copy = (system: string, value: string) => ({
      url: 'https://fhir.ilinks.dev/StructureDefinition/copy-to',
      valueReference: { identifier: { system, value } },
    });
    const body = request((r) => {
      r['extension'] = [
        copy('https://fhir.nhs.uk/Id/ods-organization-code', 'A81001'),
        copy('https://fhir.ilinks.dev/Id/team', 'RBS/diabetes'),
        copy('https://fhir.ilinks.dev/Id/practitioner', 'RBS/dr-patel'),
        copy('https://fhir.nhs.uk/Id/ods-organization-code', 'A81001'),
      ];
    });
    expect(serviceRequestFromFhir(body, GP, NOW).draft.copiesTo).toEqual([
      { organisation: 'A81001' },
      { organisation: 'RBS', team: 'diabetes' },
      { organisation: 'RBS', practitioner: 'dr-patel' },
    ]);
  });

  it('refuses more than 10 copies', () => {
    const body = request((r) => {
      r['extension'] = Array.from({ length: 11 }, (_, index) => ({
        url: 'https://fhir.ilinks.dev/StructureDefinition/copy-to',
        valueReference: {
          identifier: { system: 'https://fhir.nhs.uk/Id/ods-organization-code', value: `A8100${index}` },
        },
      }));
    });
    expect(pathsOf(body)).toEqual(['ServiceRequest.extension']);
  });

  it.each([
    ['intent', 'plan', 'ServiceRequest.intent'],
    ['status', 'unknown', 'ServiceRequest.status'],
    ['priority', 'soon', 'ServiceRequest.priority'],
    ['authoredOn', 'yesterday', 'ServiceRequest.authoredOn'],
  ])('refuses %s %s', (key, value, path) => {
    expect(pathsOf(request((r) => (r[key] = value)))).toEqual([path]);
  });

  it('accepts the intent original-order', () => {
    expect(() =>
      serviceRequestFromFhir(
        request((r) => (r['intent'] = 'original-order')),
        GP,
        NOW,
      ),
    ).not.toThrow();
  });

  it('refuses a request without an id, intent, status, code or subject', () => {
    const body = request((r) => {
      for (const key of ['id', 'intent', 'status', 'code', 'subject']) delete r[key];
    });
    expect(pathsOf(body)).toEqual([
      'ServiceRequest.id',
      'ServiceRequest.subject',
      'ServiceRequest.status',
      'ServiceRequest.intent',
      'ServiceRequest.code.coding',
    ]);
  });

  it('refuses a requester named otherwise than by the practitioner system', () => {
    const body = request((r) => (r['requester'] = { reference: 'Practitioner/1' }));
    expect(pathsOf(body)).toEqual(['ServiceRequest.requester.identifier']);
  });

  it('refuses a requester of the wrong type', () => {
    const body = request((r) => {
      r['requester'] = {
        type: 'Patient',
        identifier: { system: 'https://fhir.ilinks.dev/Id/practitioner', value: 'Y12345/dr-jones' },
      };
    });
    expect(pathsOf(body)).toEqual(['ServiceRequest.requester.type']);
  });

  it('refuses (422) a requester of another organisation', () => {
    const body = request((r) => {
      r['requester'] = {
        identifier: { system: 'https://fhir.ilinks.dev/Id/practitioner', value: 'RBS/dr-patel' },
      };
    });
    const refusal = refusalOf(body);
    expect(refusal).toBeInstanceOf(UnprocessableEntryError);
    expect(refusal.issues.map((issue) => issue.path)).toEqual(['ServiceRequest.requester.identifier.value']);
  });

  it('refuses a performer that is not an Organization by ODS code', () => {
    const body = request((r) => {
      r['performer'] = [
        { identifier: { system: 'https://fhir.ilinks.dev/Id/team', value: 'RGT/haematology' } },
      ];
    });
    expect(pathsOf(body)).toEqual(['ServiceRequest.performer[0].identifier']);
  });

  it('refuses an identifier without a value', () => {
    expect(pathsOf(request((r) => (r['identifier'] = [{ system: 'https://gp.example/Id/order' }])))).toEqual([
      'ServiceRequest.identifier[0].value',
    ]);
  });
});

describe('categoryOf', () => {
  it.each([
    [[], undefined],
    [['108252007'], 'laboratory'],
    [['363679005'], 'imaging'],
    [['LAB'], 'laboratory'],
    [['RAD'], 'imaging'],
    [['OTH'], 'other'],
  ])('maps %j to %s', (codes, category) => {
    expect(categoryOf(codes)).toBe(category);
  });
});
