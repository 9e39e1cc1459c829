import { ODS_ORGANISATION_SYSTEM, SOURCE_ORGANISATION_EXTENSION } from '../../patient/person.fhir';
import {
  PATIENT_CONTRIBUTED_EXTENSION,
  UNKNOWN_CODE_SYSTEM_EXTENSION,
  servedFhirResourceOf,
  sourceOfOrganisation,
} from './entry-fhir';
import { recordEntry } from './record-entry.testing';

const PERSON = '0b7c6f1e-5d0a-4c3e-9f4b-2a1d8e6c7b90';
const PAS = { system: 'https://fhir.rbs.example/Id/pas-number', value: 'RBS0012345' };

describe('servedFhirResourceOf', () => {
  it('uses our entry id, never the partner id', () => {
    expect(servedFhirResourceOf(recordEntry(), PERSON)).toMatchObject({
      resourceType: 'Condition',
      id: 'e-1',
    });
  });

  it('sets the version, last updated and source from the entry', () => {
    const resource = servedFhirResourceOf(recordEntry({ revision: 3 }), PERSON);
    expect(resource.meta).toEqual({
      versionId: '3',
      lastUpdated: '2025-03-01T10:05:00.000Z',
      source: `${ODS_ORGANISATION_SYSTEM}#RBS`,
    });
  });

  it("keeps the partner's profiles and security labels but not its version", () => {
    const entry = recordEntry({
      resource: {
        ...recordEntry().resource,
        meta: { versionId: '9', profile: ['https://example.org/p'], security: [{ code: 'NOPAT' }] },
      },
    });
    expect(servedFhirResourceOf(entry, PERSON).meta).toMatchObject({
      versionId: '1',
      profile: ['https://example.org/p'],
      security: [{ code: 'NOPAT' }],
    });
  });

  it('names the recording organisation by its ODS identifier in an extension', () => {
    expect(servedFhirResourceOf(recordEntry(), PERSON)['extension']).toEqual([
      {
        url: SOURCE_ORGANISATION_EXTENSION,
        valueIdentifier: { system: ODS_ORGANISATION_SYSTEM, value: 'RBS' },
      },
    ]);
  });

  it("keeps the partner's own extensions and drops any claiming to be ours", () => {
    const theirs = { url: 'https://example.org/ext', valueString: 'x' };
    const forged = {
      url: SOURCE_ORGANISATION_EXTENSION,
      valueIdentifier: { system: ODS_ORGANISATION_SYSTEM, value: 'Y1' },
    };
    const entry = recordEntry({ resource: { ...recordEntry().resource, extension: [theirs, forged] } });
    const extensions = servedFhirResourceOf(entry, PERSON)['extension'] as unknown[];
    expect(extensions).toContainEqual(theirs);
    expect(extensions).not.toContainEqual(forged);
  });

  it('flags unknown code systems', () => {
    const extensions = servedFhirResourceOf(recordEntry({ unknownCodeSystems: true }), PERSON)['extension'];
    expect(extensions).toContainEqual({ url: UNKNOWN_CODE_SYSTEM_EXTENSION, valueBoolean: true });
  });

  it('marks a patient contribution', () => {
    const extensions = servedFhirResourceOf(recordEntry({ patientContributed: true }), PERSON)['extension'];
    expect(extensions).toContainEqual({ url: PATIENT_CONTRIBUTED_EXTENSION, valueBoolean: true });
  });

  it('points the subject at our Patient, keeping the partner identifier and display', () => {
    const entry = recordEntry({
      resource: {
        ...recordEntry().resource,
        subject: { reference: 'Patient/pas-77', identifier: PAS, display: 'J Smith' },
      },
    });
    expect(servedFhirResourceOf(entry, PERSON)['subject']).toEqual({
      reference: `Patient/${PERSON}`,
      type: 'Patient',
      identifier: PAS,
      display: 'J Smith',
    });
  });

  it("rewrites AllergyIntolerance's patient", () => {
    const entry = recordEntry({
      resourceType: 'AllergyIntolerance',
      resource: { resourceType: 'AllergyIntolerance', patient: { identifier: PAS } },
    });
    expect(servedFhirResourceOf(entry, PERSON)['patient']).toMatchObject({ reference: `Patient/${PERSON}` });
    expect(servedFhirResourceOf(entry, PERSON)).not.toHaveProperty('subject');
  });

  it("rewrites only the patient among an Appointment's participants", () => {
    const practitioner = {
      actor: { identifier: { system: 'https://example.org/staff', value: 'S1' } },
      status: 'accepted',
    };
    const entry = recordEntry({
      resourceType: 'Appointment',
      resource: {
        resourceType: 'Appointment',
        participant: [{ actor: { identifier: PAS }, status: 'accepted' }, practitioner],
      },
    });
    expect(servedFhirResourceOf(entry, PERSON)['participant']).toEqual([
      { actor: { reference: `Patient/${PERSON}`, type: 'Patient', identifier: PAS }, status: 'accepted' },
      practitioner,
    ]);
  });

  it('leaves the rest of the resource as sent', () => {
    const resource = servedFhirResourceOf(recordEntry(), PERSON);
    expect(resource['code']).toEqual(recordEntry().resource['code']);
  });
});

describe('sourceOfOrganisation', () => {
  it('is the ODS system with the code as fragment', () => {
    expect(sourceOfOrganisation('Y12345')).toBe('https://fhir.nhs.uk/Id/ods-organization-code#Y12345');
  });
});
