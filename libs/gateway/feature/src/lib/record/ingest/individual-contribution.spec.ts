import type { Principal } from '@ilinks/platform/security';
import { PERSON_SUBJECT_SYSTEM, type RecordEntryV1 } from '@ilinks/record-projection/contracts';
import { ConflictError, ForbiddenError } from '@ilinks/shared/kernel';
import {
  PATIENT_CONTRIBUTED_EXTENSION,
  PATIENT_CONTRIBUTED_TAG,
  RECORD_PROVENANCE_SYSTEM,
  servedFhirResourceOf,
} from '../read/entry-fhir';
import { recordEntry } from '../read/record-entry.testing';
import type { RecordEntryDraft } from './fhir-record-entry.parse';
import {
  contributionRequestOf,
  contributionResource,
  isContributableType,
  isContribution,
  keyInUse,
} from './individual-contribution';

const ME = '0b7c6f1e-5d0a-4c3e-9f4b-2a1d8e6c7b90';
const NOW_ME = '3c1d2e4f-6a7b-4c8d-9e0f-1a2b3c4d5e6f';
const me = { tokenPersonId: ME, personId: ME };
const reading = { resourceType: 'Observation', id: 'bp-1', status: 'final', code: { text: 'BP' } };

describe('isContributableType', () => {
  it.each(['Observation', 'AllergyIntolerance', 'CarePlan'] as const)('lets individuals write %s', (type) => {
    expect(isContributableType(type)).toBe(true);
  });

  it.each(['Condition', 'MedicationStatement', 'Flag'] as const)('keeps %s to partners', (type) => {
    expect(isContributableType(type)).toBe(false);
  });
});

describe('contributionResource', () => {
  it('fills in the person subject when the patient is left out', () => {
    expect(contributionResource(reading, 'Observation', me)).toMatchObject({
      subject: { identifier: { system: PERSON_SUBJECT_SYSTEM, value: ME } },
    });
  });

  it('accepts a reference to themselves, keeping its display', () => {
    const resource = { ...reading, subject: { reference: `Patient/${ME}`, display: 'Me' } };
    expect(contributionResource(resource, 'Observation', me)).toMatchObject({
      subject: { identifier: { system: PERSON_SUBJECT_SYSTEM, value: ME }, display: 'Me' },
    });
  });

  it('files it under the person a merged-away person became', () => {
    const resource = { ...reading, subject: { reference: `Patient/${ME}` } };
    expect(
      contributionResource(resource, 'Observation', { tokenPersonId: ME, personId: NOW_ME }),
    ).toMatchObject({
      subject: { identifier: { value: NOW_ME } },
    });
  });

  it('reads AllergyIntolerance.patient, not subject', () => {
    const allergy = { resourceType: 'AllergyIntolerance', id: 'a-1' };
    expect(contributionResource(allergy, 'AllergyIntolerance', me)).toMatchObject({
      patient: { identifier: { value: ME } },
    });
  });

  it.each([
    ['another person', { reference: 'Patient/someone-else' }],
    ['a practitioner', { reference: 'Practitioner/dr-1' }],
    ['a partner identifier', { identifier: { system: 'https://x.example/mrn', value: '1' } }],
    ['a Group type', { reference: `Patient/${ME}`, type: 'Group' }],
    ['a string', `Patient/${ME}`],
  ])('refuses a patient naming %s (403)', (_what, subject) => {
    expect(() => contributionResource({ ...reading, subject }, 'Observation', me)).toThrow(ForbiddenError);
  });

  it('drops who the sender says made it (the served resource names the patient)', () => {
    const resource = { ...reading, performer: [{ reference: 'Practitioner/dr-1' }] };
    expect(contributionResource(resource, 'Observation', me)).not.toHaveProperty('performer');
    const plan = { resourceType: 'CarePlan', id: 'p-1', author: { reference: 'Practitioner/dr-1' } };
    expect(contributionResource(plan, 'CarePlan', me)).not.toHaveProperty('author');
  });

  it('leaves what is not a JSON object for the reader to refuse', () => {
    expect(contributionResource('nonsense', 'Observation', me)).toBe('nonsense');
  });
});

describe('contributionRequestOf', () => {
  const principal: Principal = {
    subject: 'nhs-login-1',
    organisation: 'APP01',
    role: 'individual',
    patient: ME,
  };
  const draft: RecordEntryDraft = {
    resourceType: 'Observation',
    partnerId: 'bp-1',
    subject: { system: PERSON_SUBJECT_SYSTEM, value: ME },
    resource: reading,
    part: 'results',
    codes: [],
    unknownCodeSystems: false,
    notForPatientView: true,
  };

  it('records as the app’s organisation, by the individual, flagged, never hidden from them', () => {
    const request = contributionRequestOf(draft, principal, me);
    expect(request).toMatchObject({
      organisation: 'APP01',
      recordedBy: { subject: ME, role: 'individual' },
      subject: { system: PERSON_SUBJECT_SYSTEM, value: ME },
      patientContributed: true,
    });
    expect(request).not.toHaveProperty('notForPatientView');
  });
});

describe('isContribution and keyInUse', () => {
  const contribution: RecordEntryV1 = recordEntry({
    subject: { system: PERSON_SUBJECT_SYSTEM, value: ME },
    recordedBy: { subject: ME, role: 'individual' },
    patientContributed: true,
  });

  it('tells a contribution from a clinical entry', () => {
    expect(isContribution(contribution)).toBe(true);
    expect(isContribution(recordEntry())).toBe(false);
    expect(isContribution({ ...contribution, recordedBy: { subject: 's', role: 'system' } })).toBe(false);
  });

  it('answers a plain conflict', () => {
    expect(keyInUse()).toBeInstanceOf(ConflictError);
  });
});

describe('a contribution as served', () => {
  const contribution = recordEntry({
    resourceType: 'Observation',
    subject: { system: PERSON_SUBJECT_SYSTEM, value: ME },
    recordedBy: { subject: ME, role: 'individual' },
    patientContributed: true,
    resource: { ...reading, subject: { identifier: { system: PERSON_SUBJECT_SYSTEM, value: ME } } },
  });

  it('carries the patient-contributed tag and extension', () => {
    const served = servedFhirResourceOf(contribution, ME);
    expect(served.meta['tag']).toEqual([PATIENT_CONTRIBUTED_TAG]);
    expect(served['extension']).toContainEqual({ url: PATIENT_CONTRIBUTED_EXTENSION, valueBoolean: true });
  });

  it('names the patient as performer', () => {
    expect(servedFhirResourceOf(contribution, ME)['performer']).toEqual([
      expect.objectContaining({ reference: `Patient/${ME}`, type: 'Patient' }),
    ]);
  });

  it('names the patient as asserter and recorder of an allergy, and author of a care plan', () => {
    const allergy = servedFhirResourceOf({ ...contribution, resourceType: 'AllergyIntolerance' }, ME);
    expect(allergy['asserter']).toMatchObject({ reference: `Patient/${ME}` });
    expect(allergy['recorder']).toMatchObject({ reference: `Patient/${ME}` });
    const plan = servedFhirResourceOf({ ...contribution, resourceType: 'CarePlan' }, ME);
    expect(plan['author']).toMatchObject({ reference: `Patient/${ME}` });
  });

  it('never lets a partner put the tag on a clinical entry', () => {
    const forged = recordEntry({
      resource: {
        ...recordEntry().resource,
        meta: { tag: [PATIENT_CONTRIBUTED_TAG, { system: 'https://x.example/tags', code: 'kept' }] },
      },
    });
    expect(servedFhirResourceOf(forged, ME).meta['tag']).toEqual([
      { system: 'https://x.example/tags', code: 'kept' },
    ]);
    expect(JSON.stringify(servedFhirResourceOf(forged, ME))).not.toContain(RECORD_PROVENANCE_SYSTEM);
  });

  it('leaves a clinical entry’s performer alone', () => {
    const clinical = recordEntry({
      resourceType: 'Observation',
      resource: { ...reading, performer: [{ display: 'Dr Jones' }] },
    });
    expect(servedFhirResourceOf(clinical, ME)['performer']).toEqual([{ display: 'Dr Jones' }]);
  });
});
