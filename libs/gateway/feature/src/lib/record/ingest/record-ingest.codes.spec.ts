import { isKnownCodeSystem } from './record-ingest.codes';

describe('isKnownCodeSystem', () => {
  it.each([
    'http://snomed.info/sct',
    'https://dmd.nhs.uk',
    'http://hl7.org/fhir/sid/icd-10',
    'http://hl7.org/fhir/sid/icd-10-uk',
    'http://loinc.org',
    'http://unitsofmeasure.org',
    'https://fhir.hl7.org.uk/CodeSystem/OPCS-4',
    'http://terminology.hl7.org/CodeSystem/v3-ActCode',
    'https://fhir.ilinks.dev/CodeSystem/safeguarding-flag',
    'https://fhir.ilinks.dev/CodeSystem/urgent-care-preference',
  ])('knows %s', (system) => {
    expect(isKnownCodeSystem(system)).toBe(true);
  });

  it.each([
    undefined,
    'https://fhir.lbc.example/CodeSystem/alerts',
    'http://snomed.info/sct/999',
    'http://read.info/ctv3',
    'https://fhir.ilinks.dev.example/CodeSystem/x',
  ])('does not know %s', (system) => {
    expect(isKnownCodeSystem(system)).toBe(false);
  });
});
