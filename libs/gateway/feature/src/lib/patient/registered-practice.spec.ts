import { ValidationError } from '@ilinks/shared/kernel';
import { ODS_ORGANISATION_SYSTEM as ODS_SYSTEM } from './person.fhir';
import { registeredPracticeOf } from './registered-practice';

const patientWith = (generalPractitioner: unknown) => ({ resourceType: 'Patient', generalPractitioner });
const practice = (value: unknown) => ({ type: 'Organization', identifier: { system: ODS_SYSTEM, value } });

describe('registeredPracticeOf', () => {
  it('reads the practice named by its ODS code', () => {
    expect(registeredPracticeOf(patientWith([practice('Y12345')]))).toBe('Y12345');
  });

  it('is undefined when no practice is named', () => {
    expect(registeredPracticeOf({ resourceType: 'Patient' })).toBeUndefined();
    expect(registeredPracticeOf(patientWith([]))).toBeUndefined();
    expect(registeredPracticeOf('not a patient')).toBeUndefined();
  });

  it('passes over references that are not an ODS-coded organisation', () => {
    const gp = {
      type: 'Practitioner',
      identifier: { system: 'https://fhir.nhs.uk/Id/sds-user-id', value: 'G1234567' },
    };
    expect(registeredPracticeOf(patientWith([gp, { reference: 'Organization/1' }, practice('Y12345')]))).toBe(
      'Y12345',
    );
  });

  it('reads the same practice named twice as one', () => {
    expect(registeredPracticeOf(patientWith([practice('Y12345'), practice('Y12345')]))).toBe('Y12345');
  });

  it('refuses an ODS identifier whose value is not an ODS code, naming the element', () => {
    expect(() => registeredPracticeOf(patientWith([practice('y-12')]))).toThrow(
      expect.objectContaining({
        constructor: ValidationError,
        issues: [expect.objectContaining({ path: 'Patient.generalPractitioner[0].identifier.value' })],
      }),
    );
  });

  it('refuses two different practices', () => {
    expect(() => registeredPracticeOf(patientWith([practice('Y12345'), practice('Y99999')]))).toThrow(
      ValidationError,
    );
  });
});
