import { type Issue, ValidationError } from '@ilinks/shared/kernel';
import {
  dateInEngland,
  isCalendarDate,
  NHS_NUMBER_SYSTEM,
  registrationFromFhirPatient,
} from './fhir-patient.mapping';

const TODAY = '2025-03-15';
const PAS = 'https://fhir.rbs.example/Id/pas-number';

/** A realistic partner PAS record, UK Core style, with elements we do not use. */
function nhsStylePatient(): Record<string, unknown> {
  return {
    resourceType: 'Patient',
    id: 'pas-123',
    meta: { profile: ['https://fhir.hl7.org.uk/StructureDefinition/UKCore-Patient'] },
    extension: [{ url: 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-EthnicCategory' }],
    identifier: [
      {
        system: NHS_NUMBER_SYSTEM,
        value: '943 476 5919',
        extension: [
          { url: 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-NHSNumberVerificationStatus' },
        ],
      },
      { use: 'usual', system: PAS, value: 'RBS0012345' },
    ],
    active: true,
    name: [
      { use: 'official', family: 'Smith', given: ['Jane', 'Anne'], prefix: ['Mrs'] },
      { use: 'maiden', family: 'Jones', given: ['Jane'] },
      { use: 'temp', family: 'Smyth' },
    ],
    telecom: [
      { system: 'phone', value: '07700 900123', use: 'mobile' },
      { system: 'email', value: 'jane@example.org' },
      { system: 'fax', value: '0113 496 0000' },
    ],
    gender: 'female',
    birthDate: '1980-02-29',
    deceasedBoolean: false,
    address: [
      { use: 'home', line: ['1 High Street', 'Flat 2'], city: 'Leeds', postalCode: 'LS1 4AP', country: 'GB' },
    ],
    generalPractitioner: [
      { identifier: { system: 'https://fhir.nhs.uk/Id/ods-organization-code', value: 'Y12345' } },
    ],
  };
}

function patientWith(changes: Record<string, unknown>): Record<string, unknown> {
  return { ...nhsStylePatient(), ...changes };
}

function issuesOf(resource: unknown): Issue[] {
  try {
    registrationFromFhirPatient(resource, 'RBS', TODAY);
  } catch (error) {
    if (error instanceof ValidationError) return [...error.issues];
    throw error;
  }
  throw new Error('expected a ValidationError');
}

function pathsOf(resource: unknown): string[] {
  return issuesOf(resource).map((issue) => issue.path);
}

describe('registrationFromFhirPatient', () => {
  describe('a realistic NHS-style Patient', () => {
    it('maps identifier, NHS number and demographics, ignoring unused elements', () => {
      expect(registrationFromFhirPatient(nhsStylePatient(), 'RBS', TODAY)).toEqual({
        organisation: 'RBS',
        identifier: { system: PAS, value: 'RBS0012345' },
        demographics: {
          nhsNumber: '9434765919',
          names: [
            { use: 'official', family: 'Smith', given: ['Jane', 'Anne'] },
            { use: 'maiden', family: 'Jones', given: ['Jane'] },
            { family: 'Smyth', given: [] },
          ],
          birthDate: '1980-02-29',
          gender: 'female',
          addresses: [{ lines: ['1 High Street', 'Flat 2'], city: 'Leeds', postcode: 'LS1 4AP' }],
          telecom: [
            { system: 'phone', value: '07700 900123' },
            { system: 'email', value: 'jane@example.org' },
          ],
        },
      });
    });

    it('takes the organisation from the caller, not the resource', () => {
      expect(registrationFromFhirPatient(nhsStylePatient(), 'RX1', TODAY).organisation).toBe('RX1');
    });
  });

  describe('minimal Patient', () => {
    const minimal = {
      resourceType: 'Patient',
      identifier: [{ system: PAS, value: 'A1' }],
      name: [{ family: 'Smith' }],
      birthDate: '2000-01-01',
    };

    it('defaults gender to unknown and lists to empty, with no NHS number', () => {
      expect(registrationFromFhirPatient(minimal, 'RBS', TODAY)).toEqual({
        organisation: 'RBS',
        identifier: { system: PAS, value: 'A1' },
        demographics: {
          names: [{ family: 'Smith', given: [] }],
          birthDate: '2000-01-01',
          gender: 'unknown',
          addresses: [],
          telecom: [],
        },
      });
    });

    it.each(['male', 'female', 'other', 'unknown'])('accepts gender %s', (gender) => {
      expect(registrationFromFhirPatient({ ...minimal, gender }, 'RBS', TODAY).demographics.gender).toBe(
        gender,
      );
    });

    it('accepts urn: identifier systems', () => {
      const identifier = [{ system: 'urn:oid:2.16.840.1.113883.2.1.4.1', value: 'X' }];
      expect(registrationFromFhirPatient({ ...minimal, identifier }, 'RBS', TODAY).identifier.system).toBe(
        'urn:oid:2.16.840.1.113883.2.1.4.1',
      );
    });

    it('accepts a 64-character identifier value', () => {
      const identifier = [{ system: PAS, value: 'x'.repeat(64) }];
      expect(
        registrationFromFhirPatient({ ...minimal, identifier }, 'RBS', TODAY).identifier.value,
      ).toHaveLength(64);
    });

    it('accepts a birth date of today', () => {
      expect(
        registrationFromFhirPatient({ ...minimal, birthDate: TODAY }, 'RBS', TODAY).demographics.birthDate,
      ).toBe(TODAY);
    });

    it.each(['official', 'usual', 'maiden', 'nickname', 'old'])('keeps name use %s', (use) => {
      const name = [{ use, family: 'Smith' }];
      expect(registrationFromFhirPatient({ ...minimal, name }, 'RBS', TODAY).demographics.names[0]?.use).toBe(
        use,
      );
    });

    it.each(['temp', 'anonymous', 'made-up'])('drops name use %s without refusing', (use) => {
      const name = [{ use, family: 'Smith' }];
      expect(registrationFromFhirPatient({ ...minimal, name }, 'RBS', TODAY).demographics.names[0]).toEqual({
        family: 'Smith',
        given: [],
      });
    });

    it('ignores telecom without a system and of other systems', () => {
      const telecom = [{ value: '1' }, { system: 'url', value: 'https://x' }, { system: 'sms', value: '2' }];
      expect(registrationFromFhirPatient({ ...minimal, telecom }, 'RBS', TODAY).demographics.telecom).toEqual(
        [],
      );
    });

    it('reads an address with no lines', () => {
      const address = [{ postalCode: 'LS1 4AP' }];
      expect(
        registrationFromFhirPatient({ ...minimal, address }, 'RBS', TODAY).demographics.addresses,
      ).toEqual([{ lines: [], postcode: 'LS1 4AP' }]);
    });
  });

  describe('refuses', () => {
    it.each([null, 'Patient', 42, [nhsStylePatient()]])('a body that is not an object (%p)', (body) => {
      expect(issuesOf(body)).toEqual([{ path: 'Patient', message: expect.stringContaining('JSON object') }]);
    });

    it.each([undefined, 'Observation', 'patient'])('resourceType %p', (resourceType) => {
      expect(pathsOf(patientWith({ resourceType }))).toEqual(['Patient.resourceType']);
    });

    it('a Patient without any identifier', () => {
      expect(issuesOf(patientWith({ identifier: undefined }))).toEqual([
        {
          path: 'Patient.identifier',
          message: expect.stringContaining('exactly one identifier of your own'),
        },
      ]);
    });

    it('a Patient with only an NHS number', () => {
      expect(
        pathsOf(patientWith({ identifier: [{ system: NHS_NUMBER_SYSTEM, value: '9434765919' }] })),
      ).toEqual(['Patient.identifier']);
    });

    it('identifier that is not an array', () => {
      expect(pathsOf(patientWith({ identifier: { system: PAS, value: 'A' } }))).toEqual([
        'Patient.identifier',
      ]);
    });

    it('an identifier element that is not an object, without also calling it missing', () => {
      expect(pathsOf(patientWith({ identifier: ['RBS0012345'] }))).toEqual(['Patient.identifier[0]']);
    });

    it('a second partner identifier, at its own path', () => {
      const identifier = [
        { system: PAS, value: 'A' },
        { system: NHS_NUMBER_SYSTEM, value: '9434765919' },
        { system: 'https://other.example/id', value: 'B' },
      ];
      expect(issuesOf(patientWith({ identifier }))).toEqual([
        {
          path: 'Patient.identifier[2]',
          message: expect.stringContaining('only one identifier of your own'),
        },
      ]);
    });

    it('a second NHS number', () => {
      const identifier = [
        { system: PAS, value: 'A' },
        { system: NHS_NUMBER_SYSTEM, value: '9434765919' },
        { system: NHS_NUMBER_SYSTEM, value: '9434765870' },
      ];
      expect(pathsOf(patientWith({ identifier }))).toEqual(['Patient.identifier[2]']);
    });

    it('a partner identifier without a system', () => {
      expect(issuesOf(patientWith({ identifier: [{ value: 'A' }] }))).toEqual([
        { path: 'Patient.identifier[0].system', message: 'Patient.identifier[0].system is required' },
      ]);
    });

    it.each(['pas-number', 'not a uri', 'http:', `https://x.example/${'a'.repeat(250)}`])(
      'a partner identifier system that is not an absolute URI (%s)',
      (system) => {
        expect(pathsOf(patientWith({ identifier: [{ system, value: 'A' }] }))).toEqual([
          'Patient.identifier[0].system',
        ]);
      },
    );

    it.each([
      ['missing', undefined],
      ['empty', ''],
      ['blank', '   '],
      ['a number', 12345],
      ['65 characters', 'x'.repeat(65)],
    ])('a partner identifier value that is %s', (_case, value) => {
      expect(pathsOf(patientWith({ identifier: [{ system: PAS, value }] }))).toEqual([
        'Patient.identifier[0].value',
      ]);
    });

    it('an NHS number failing Modulus 11, naming the check', () => {
      const identifier = [
        { system: PAS, value: 'A' },
        { system: NHS_NUMBER_SYSTEM, value: '943 476 5918' },
      ];
      expect(issuesOf(patientWith({ identifier }))).toEqual([
        {
          path: 'Patient.identifier[1].value',
          message: 'Patient.identifier[1].value: NHS number fails the Modulus 11 check',
        },
      ]);
    });

    it.each(['943476591', '94347659190', '943-476-5919', 'ABCDEFGHIJ'])(
      'an NHS number that is not 10 digits (%s)',
      (value) => {
        const identifier = [
          { system: PAS, value: 'A' },
          { system: NHS_NUMBER_SYSTEM, value },
        ];
        expect(issuesOf(patientWith({ identifier }))).toEqual([
          { path: 'Patient.identifier[1].value', message: expect.stringContaining('must be 10 digits') },
        ]);
      },
    );

    it('an NHS number identifier without a value', () => {
      const identifier = [{ system: PAS, value: 'A' }, { system: NHS_NUMBER_SYSTEM }];
      expect(pathsOf(patientWith({ identifier }))).toEqual(['Patient.identifier[1].value']);
    });

    it('a Patient without a name', () => {
      expect(pathsOf(patientWith({ name: undefined }))).toEqual(['Patient.name']);
      expect(pathsOf(patientWith({ name: [] }))).toEqual(['Patient.name']);
    });

    it('name that is not an array, reported once', () => {
      expect(pathsOf(patientWith({ name: { family: 'Smith' } }))).toEqual(['Patient.name']);
    });

    it('a name without a family name', () => {
      expect(issuesOf(patientWith({ name: [{ given: ['Jane'] }] }))).toEqual([
        { path: 'Patient.name[0].family', message: 'Patient.name[0].family is required' },
      ]);
    });

    it.each(['', ' ', 7, null])('a family name of %p', (family) => {
      expect(pathsOf(patientWith({ name: [{ family: 'Smith' }, { family }] }))).toEqual([
        'Patient.name[1].family',
      ]);
    });

    it('a given name that is not a string, at its index', () => {
      expect(pathsOf(patientWith({ name: [{ family: 'Smith', given: ['Jane', 3] }] }))).toEqual([
        'Patient.name[0].given[1]',
      ]);
    });

    it('given that is not an array', () => {
      expect(pathsOf(patientWith({ name: [{ family: 'Smith', given: 'Jane' }] }))).toEqual([
        'Patient.name[0].given',
      ]);
    });

    it('a name use that is not a code', () => {
      expect(pathsOf(patientWith({ name: [{ family: 'Smith', use: 1 }] }))).toEqual(['Patient.name[0].use']);
    });

    it('a name that is not an object', () => {
      expect(pathsOf(patientWith({ name: ['Jane Smith'] }))).toEqual(['Patient.name[0]']);
    });

    it('a missing birth date', () => {
      expect(issuesOf(patientWith({ birthDate: undefined }))).toEqual([
        { path: 'Patient.birthDate', message: 'Patient.birthDate is required' },
      ]);
    });

    it.each([
      '1980',
      '1980-02',
      '1980-2-3',
      '1981-02-29',
      '1980-13-01',
      '1980-04-31',
      '1980-00-10',
      '03/02/1980',
      19800203,
    ])('a birth date that is not a real full date (%p)', (birthDate) => {
      expect(issuesOf(patientWith({ birthDate }))).toEqual([
        { path: 'Patient.birthDate', message: 'Patient.birthDate must be a full date YYYY-MM-DD' },
      ]);
    });

    it('a birth date in the future', () => {
      expect(issuesOf(patientWith({ birthDate: '2025-03-16' }))).toEqual([
        { path: 'Patient.birthDate', message: 'Patient.birthDate must not be in the future' },
      ]);
    });

    it.each(['M', 'Female', 'unspecified', 1])('gender %p', (gender) => {
      expect(pathsOf(patientWith({ gender }))).toEqual(['Patient.gender']);
    });

    it('an address that is not an object', () => {
      expect(pathsOf(patientWith({ address: ['1 High Street'] }))).toEqual(['Patient.address[0]']);
    });

    it('address that is not an array', () => {
      expect(pathsOf(patientWith({ address: { city: 'Leeds' } }))).toEqual(['Patient.address']);
    });

    it('bad address parts, each at its path', () => {
      const address = [{ line: ['1 High Street', ''], city: 5, postalCode: '' }];
      expect(pathsOf(patientWith({ address }))).toEqual([
        'Patient.address[0].line[1]',
        'Patient.address[0].city',
        'Patient.address[0].postalCode',
      ]);
    });

    it('a phone without a value', () => {
      expect(pathsOf(patientWith({ telecom: [{ system: 'phone' }] }))).toEqual(['Patient.telecom[0].value']);
    });

    it('a telecom element that is not an object', () => {
      expect(pathsOf(patientWith({ telecom: ['07700 900123'] }))).toEqual(['Patient.telecom[0]']);
    });
  });

  describe('the ValidationError', () => {
    it('lists every problem at once', () => {
      const resource = patientWith({ identifier: [], name: [{}], birthDate: 'soon', gender: 'x' });
      expect(pathsOf(resource)).toEqual([
        'Patient.identifier',
        'Patient.name[0].family',
        'Patient.birthDate',
        'Patient.gender',
      ]);
    });

    it('summarises the count', () => {
      expect(() =>
        registrationFromFhirPatient(patientWith({ gender: 'x', birthDate: 'y' }), 'RBS', TODAY),
      ).toThrow('the Patient resource is invalid (2 problems)');
    });

    it('never quotes the values sent', () => {
      const resource = patientWith({
        identifier: [
          {
            system: 'secret-system',
            value: 'S3CR3T-ID-VALUE-THAT-IS-FAR-TOO-LONG-TO-BE-ACCEPTED-BY-THE-SERVICE-XX',
          },
          { system: NHS_NUMBER_SYSTEM, value: '9434765918' },
        ],
        birthDate: '2099-01-01',
        gender: 'Secret-Gender',
      });
      const text = issuesOf(resource)
        .map((issue) => issue.message)
        .join(' ');
      for (const value of ['secret-system', 'S3CR3T', '9434765918', '2099', 'Secret-Gender'])
        expect(text).not.toContain(value);
    });
  });
});

describe('isCalendarDate', () => {
  it.each(['2000-02-29', '1999-12-31', '0001-01-01'])('accepts %s', (date) => {
    expect(isCalendarDate(date)).toBe(true);
  });

  it.each(['1900-02-29', '2001-02-29', '2000-06-31', '0000-01-01', '2000-1-01', ' 2000-01-01'])(
    'refuses %s',
    (date) => {
      expect(isCalendarDate(date)).toBe(false);
    },
  );
});

describe('dateInEngland', () => {
  it('is the London date during British Summer Time', () => {
    expect(dateInEngland(new Date('2025-06-30T23:30:00Z'))).toBe('2025-07-01');
  });

  it('is the UTC date in winter', () => {
    expect(dateInEngland(new Date('2025-01-31T23:30:00Z'))).toBe('2025-01-31');
  });
});
