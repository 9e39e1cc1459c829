import { wantsFhirJson } from './letter-content.response';

describe('wantsFhirJson', () => {
  it('is true only when application/fhir+json is among the accepted types', () => {
    expect(wantsFhirJson('application/fhir+json')).toBe(true);
    expect(wantsFhirJson('application/pdf, application/fhir+json;q=0.9')).toBe(true);
    expect(wantsFhirJson('APPLICATION/FHIR+JSON')).toBe(true);
    expect(wantsFhirJson('application/json')).toBe(false);
    expect(wantsFhirJson('*/*')).toBe(false);
    expect(wantsFhirJson(undefined)).toBe(false);
  });
});
