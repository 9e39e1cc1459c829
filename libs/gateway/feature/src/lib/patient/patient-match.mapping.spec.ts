import type { MatchResponseV1 } from '@ilinks/identity-matching/contracts';
import { type Issue, ValidationError } from '@ilinks/shared/kernel';
import { NHS_NUMBER_SYSTEM } from './fhir-patient.mapping';
import { MATCH_GRADE_EXTENSION, matchBundle, matchRequestFromParameters } from './patient-match.mapping';
import { OTHER_PERSON_ID, PERSON_ID, personView } from './person-view.testing';

const TODAY = '2025-03-15';

function parameters(...parameter: unknown[]): Record<string, unknown> {
  return { resourceType: 'Parameters', parameter };
}

function patientParameter(patient: Record<string, unknown> = {}): Record<string, unknown> {
  return { name: 'resource', resource: { resourceType: 'Patient', ...patient } };
}

function issuesOf(resource: unknown): Issue[] {
  try {
    matchRequestFromParameters(resource, TODAY);
  } catch (error) {
    if (error instanceof ValidationError) return [...error.issues];
    throw error;
  }
  throw new Error('expected a ValidationError');
}

const pathsOf = (resource: unknown): string[] => issuesOf(resource).map((issue) => issue.path);

describe('matchRequestFromParameters', () => {
  it('reads a full request', () => {
    const request = matchRequestFromParameters(
      parameters(
        patientParameter({
          identifier: [{ system: NHS_NUMBER_SYSTEM, value: '943 476 5919' }],
          name: [{ family: 'Smith', given: ['Jane'] }],
          birthDate: '1980-02-29',
          gender: 'female',
          address: [{ postalCode: 'LS1 4AP' }],
          telecom: [{ system: 'email', value: 'jane@example.org' }],
        }),
        { name: 'onlyCertainMatches', valueBoolean: true },
        { name: 'count', valueInteger: 3 },
      ),
      TODAY,
    );
    expect(request).toEqual({
      demographics: {
        nhsNumber: '9434765919',
        names: [{ family: 'Smith', given: ['Jane'] }],
        birthDate: '1980-02-29',
        gender: 'female',
        addresses: [{ lines: [], postcode: 'LS1 4AP' }],
        telecom: [{ system: 'email', value: 'jane@example.org' }],
      },
      count: 3,
      onlyCertainMatches: true,
    });
  });

  it('takes a Patient with nothing known: no names, empty birth date, unknown gender, count 10', () => {
    expect(matchRequestFromParameters(parameters(patientParameter()), TODAY)).toEqual({
      demographics: { names: [], birthDate: '', gender: 'unknown', addresses: [], telecom: [] },
      count: 10,
    });
  });

  it('needs no partner identifier and ignores the ones given', () => {
    const request = matchRequestFromParameters(
      parameters(patientParameter({ identifier: [{ system: 'x', value: '' }, { value: 'y' }] })),
      TODAY,
    );
    expect(request.demographics.nhsNumber).toBeUndefined();
  });

  it.each([1, 100])('accepts count %d', (count) => {
    expect(
      matchRequestFromParameters(
        parameters(patientParameter(), { name: 'count', valueInteger: count }),
        TODAY,
      ).count,
    ).toBe(count);
  });

  it('accepts onlyCertainMatches false', () => {
    expect(
      matchRequestFromParameters(
        parameters(patientParameter(), { name: 'onlyCertainMatches', valueBoolean: false }),
        TODAY,
      ).onlyCertainMatches,
    ).toBe(false);
  });

  it('reads the resource wherever it sits among the parameters', () => {
    const request = matchRequestFromParameters(
      parameters({ name: 'count', valueInteger: 5 }, patientParameter({ birthDate: '2001-01-01' })),
      TODAY,
    );
    expect(request.demographics.birthDate).toBe('2001-01-01');
  });

  describe('refuses', () => {
    it.each([null, [], 'Parameters'])('a body that is not an object (%p)', (body) => {
      expect(pathsOf(body)).toEqual(['Parameters']);
    });

    it('a bare Patient instead of Parameters', () => {
      expect(pathsOf({ resourceType: 'Patient' })).toEqual(['Parameters.resourceType']);
    });

    it('Parameters without a resource', () => {
      expect(issuesOf(parameters({ name: 'count', valueInteger: 5 }))).toEqual([
        { path: 'Parameters.parameter', message: expect.stringContaining("'resource'") },
      ]);
    });

    it('Parameters with no parameter at all', () => {
      expect(pathsOf({ resourceType: 'Parameters' })).toEqual(['Parameters.parameter']);
    });

    it('parameter that is not an array', () => {
      expect(pathsOf({ resourceType: 'Parameters', parameter: patientParameter() })).toEqual([
        'Parameters.parameter',
      ]);
    });

    it('a parameter that is not an object', () => {
      expect(pathsOf(parameters(patientParameter(), 'count'))).toEqual(['Parameters.parameter[1]']);
    });

    it.each([undefined, 'Count', 'identifier', 3])('a parameter named %p', (name) => {
      expect(pathsOf(parameters(patientParameter(), { name, valueInteger: 3 }))).toEqual([
        'Parameters.parameter[1].name',
      ]);
    });

    it('a repeated parameter', () => {
      expect(pathsOf(parameters(patientParameter(), patientParameter()))).toEqual([
        'Parameters.parameter[1]',
      ]);
    });

    it('a resource that is not a Patient', () => {
      expect(pathsOf(parameters({ name: 'resource', resource: { resourceType: 'Practitioner' } }))).toEqual([
        'Parameters.parameter[0].resource.resourceType',
      ]);
    });

    it('a resource parameter without its resource', () => {
      expect(pathsOf(parameters({ name: 'resource' }))).toEqual(['Parameters.parameter[0].resource']);
    });

    it('a bad birth date, at its precise path', () => {
      expect(issuesOf(parameters(patientParameter({ birthDate: '1980-02-30' })))).toEqual([
        {
          path: 'Parameters.parameter[0].resource.birthDate',
          message: 'Parameters.parameter[0].resource.birthDate must be a full date YYYY-MM-DD',
        },
      ]);
    });

    it('a future birth date', () => {
      expect(pathsOf(parameters(patientParameter({ birthDate: '2030-01-01' })))).toEqual([
        'Parameters.parameter[0].resource.birthDate',
      ]);
    });

    it('an NHS number failing Modulus 11', () => {
      const identifier = [
        { system: 'https://x.example/id', value: 'A' },
        { system: NHS_NUMBER_SYSTEM, value: '9434765918' },
      ];
      expect(issuesOf(parameters(patientParameter({ identifier })))).toEqual([
        {
          path: 'Parameters.parameter[0].resource.identifier[1].value',
          message:
            'Parameters.parameter[0].resource.identifier[1].value: NHS number fails the Modulus 11 check',
        },
      ]);
    });

    it('a name without a family name', () => {
      expect(pathsOf(parameters(patientParameter({ name: [{ given: ['Jane'] }] })))).toEqual([
        'Parameters.parameter[0].resource.name[0].family',
      ]);
    });

    it('a bad gender', () => {
      expect(pathsOf(parameters(patientParameter({ gender: 'F' })))).toEqual([
        'Parameters.parameter[0].resource.gender',
      ]);
    });

    it.each([0, 101, 2.5, '10'])('count %p', (valueInteger) => {
      expect(pathsOf(parameters(patientParameter(), { name: 'count', valueInteger }))).toEqual([
        'Parameters.parameter[1].valueInteger',
      ]);
    });

    it('count given with the wrong value type', () => {
      expect(pathsOf(parameters(patientParameter(), { name: 'count', valueDecimal: 5 }))).toEqual([
        'Parameters.parameter[1].valueInteger',
      ]);
    });

    it.each(['true', 1, null])('onlyCertainMatches %p', (valueBoolean) => {
      expect(pathsOf(parameters(patientParameter(), { name: 'onlyCertainMatches', valueBoolean }))).toEqual([
        'Parameters.parameter[1].valueBoolean',
      ]);
    });

    it('onlyCertainMatches without a value', () => {
      expect(pathsOf(parameters(patientParameter(), { name: 'onlyCertainMatches' }))).toEqual([
        'Parameters.parameter[1].valueBoolean',
      ]);
    });

    it('lists several problems at once, with a count', () => {
      expect(() =>
        matchRequestFromParameters(
          parameters(patientParameter({ gender: 'F' }), { name: 'count', valueInteger: 0 }),
          TODAY,
        ),
      ).toThrow('the $match Parameters are invalid (2 problems)');
    });
  });
});

describe('matchBundle', () => {
  const response: MatchResponseV1 = {
    matches: [
      { person: personView(), score: 0.991, grade: 'certain', explanation: [] },
      { person: personView({ personId: OTHER_PERSON_ID }), score: 0.62, grade: 'possible', explanation: [] },
    ],
  };

  it('is a searchset with the total and one entry per match, in order', () => {
    const bundle = matchBundle(response, 'https://exchange.example/fhir');
    expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'searchset', total: 2 });
    expect(bundle.entry.map((entry) => entry.fullUrl)).toEqual([
      `https://exchange.example/fhir/Patient/${PERSON_ID}`,
      `https://exchange.example/fhir/Patient/${OTHER_PERSON_ID}`,
    ]);
  });

  it('gives each entry its Patient, score and match grade', () => {
    const [first] = matchBundle(response, 'https://exchange.example/fhir').entry;
    expect(first?.resource.id).toBe(PERSON_ID);
    expect(first?.search).toEqual({
      mode: 'match',
      score: 0.991,
      extension: [{ url: MATCH_GRADE_EXTENSION, valueCode: 'certain' }],
    });
  });

  it('is an empty searchset when nothing matched', () => {
    expect(matchBundle({ matches: [] }, 'https://x/fhir')).toEqual({
      resourceType: 'Bundle',
      type: 'searchset',
      total: 0,
      entry: [],
    });
  });
});
