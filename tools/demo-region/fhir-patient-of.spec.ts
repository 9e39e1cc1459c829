import { generatePopulation } from '../identity-data/generate-population';
import { fhirPatientOf } from './fhir-patient-of';

describe('fhirPatientOf', () => {
  const { records } = generatePopulation({ persons: 50 }, 7);

  it('sends the partner identifier first and the NHS number only when the record has one', () => {
    for (const record of records) {
      const patient = fhirPatientOf(record) as { identifier: { system: string; value: string }[] };
      expect(patient.identifier[0]).toEqual(record.identifier);
      expect(patient.identifier.length).toBe(record.demographics.nhsNumber ? 2 : 1);
    }
  });

  it('maps names, birth date, gender, postcode and telecom as FHIR names them', () => {
    const record = records.find((candidate) => candidate.demographics.telecom.length > 0) ?? records[0];
    expect(fhirPatientOf(record)).toMatchObject({
      resourceType: 'Patient',
      birthDate: record.demographics.birthDate,
      gender: record.demographics.gender,
      name: [{ family: record.demographics.names[0].family }],
      address: [{ postalCode: record.demographics.addresses[0]?.postcode }],
      telecom: record.demographics.telecom.map(({ system, value }) => ({ system, value })),
    });
  });
});
