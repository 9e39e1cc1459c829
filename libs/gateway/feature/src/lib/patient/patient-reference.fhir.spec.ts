import type { Issue } from '@ilinks/shared/kernel';
import type { JsonObject } from './fhir-json';
import { patientReferenceAt } from './patient-reference.fhir';

const PATH = 'Communication.subject';
const NHS = 'https://fhir.nhs.uk/Id/nhs-number';

function read(subject: unknown): { reference: unknown; issues: Issue[] } {
  const issues: Issue[] = [];
  const owner: JsonObject = subject === undefined ? {} : { subject: subject as JsonObject };
  return { reference: patientReferenceAt(owner, PATH, issues), issues };
}

const pathsOf = (subject: unknown) => read(subject).issues.map((issue) => issue.path);

describe('patientReferenceAt', () => {
  it("reads the sender's own identifier, trimmed", () => {
    expect(read({ identifier: { system: 'https://fhir.rbs.example/Id/pas', value: ' RBS1 ' } })).toEqual({
      reference: { by: 'local-identifier', system: 'https://fhir.rbs.example/Id/pas', value: 'RBS1' },
      issues: [],
    });
  });

  it('reads an NHS number, spaced or not', () => {
    expect(read({ identifier: { system: NHS, value: '943 476 5919' } }).reference).toEqual({
      by: 'nhs-number',
      nhsNumber: '9434765919',
    });
  });

  it('reads Patient/<person id> in lower case, in preference to an identifier beside it', () => {
    const reference = 'Patient/0B7C6F1E-5D0A-4C3E-9F4B-2A1D8E6C7B90';
    expect(read({ reference, identifier: { system: NHS, value: '9434765919' } }).reference).toEqual({
      by: 'person-id',
      personId: '0b7c6f1e-5d0a-4c3e-9f4b-2a1d8e6c7b90',
    });
  });

  it('requires the subject, as a Reference', () => {
    expect(pathsOf(undefined)).toEqual([PATH]);
    expect(pathsOf('Patient/x')).toEqual([PATH]);
    expect(read('Patient/x').issues[0]?.message).toContain('must be a Reference');
  });

  it('refuses a reference that is not Patient/<person id>', () => {
    expect(pathsOf({ reference: 'Patient/abc' })).toEqual([`${PATH}.reference`]);
    expect(pathsOf({ reference: 'Practitioner/0b7c6f1e-5d0a-4c3e-9f4b-2a1d8e6c7b90' })).toEqual([
      `${PATH}.reference`,
    ]);
  });

  it('requires an identifier when there is no reference, as an Identifier', () => {
    expect(pathsOf({})).toEqual([`${PATH}.identifier`]);
    expect(pathsOf({ identifier: 'RBS1' })).toEqual([`${PATH}.identifier`]);
  });

  it("requires the identifier's system (an absolute URI) and value", () => {
    expect(pathsOf({ identifier: { value: 'RBS1' } })).toEqual([`${PATH}.identifier.system`]);
    expect(pathsOf({ identifier: { system: 'pas', value: 'RBS1' } })).toEqual([`${PATH}.identifier.system`]);
    expect(pathsOf({ identifier: { system: NHS, value: ' ' } })).toEqual([`${PATH}.identifier.value`]);
    expect(read({ identifier: { system: NHS, value: 7 } }).issues[0]?.message).toBe(
      `${PATH}.identifier.value must be a non-empty string`,
    );
  });

  it('refuses an NHS number that fails Modulus 11', () => {
    const { reference, issues } = read({ identifier: { system: NHS, value: '1234567890' } });
    expect(reference).toBeUndefined();
    expect(issues).toEqual([
      {
        path: `${PATH}.identifier.value`,
        message: `${PATH}.identifier.value must be a valid NHS number (10 digits, Modulus 11)`,
      },
    ]);
  });
});
