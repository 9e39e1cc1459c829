import { ValidationError } from '@ilinks/shared/kernel';
import { UnprocessableEntityException } from '@nestjs/common';
import { consentUpdateFromFhir, differences } from './consent-update';
import { CONSENT_ID, delegationItem, objectionItem } from './consent-items.testing';
import { fhirConsentFromItem } from './fhir-consent.mapping';

const active = fhirConsentFromItem(delegationItem());
const inactive = fhirConsentFromItem(
  objectionItem({ status: 'inactive', withdrawnAt: '2026-02-10T10:00:00.000Z' }),
);

/** The diagnostics of the 422 an update is refused with. */
function refusal(current: typeof active, body: unknown): string[] {
  try {
    consentUpdateFromFhir(current, body);
  } catch (error) {
    if (error instanceof UnprocessableEntityException)
      return (error.getResponse() as { message: string[] }).message.map((text) => text.split(':')[0] ?? '');
    throw error;
  }
  throw new Error('expected a 422');
}

describe('consentUpdateFromFhir', () => {
  it('withdraws when only the status goes to inactive', () => {
    expect(consentUpdateFromFhir(active, { ...active, status: 'inactive' })).toBe('withdraw');
  });

  it('ignores meta, text and display texts', () => {
    const body = {
      ...active,
      status: 'inactive',
      meta: { versionId: '9' },
      text: { status: 'generated', div: '<div/>' },
      provision: {
        ...active.provision,
        purpose: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason', code: 'FAMRQT' }],
      },
    };
    expect(consentUpdateFromFhir(active, body)).toBe('withdraw');
  });

  it('changes nothing when the same Consent is sent back', () => {
    expect(consentUpdateFromFhir(active, active)).toBe('unchanged');
  });

  it('changes nothing when a withdrawn Consent is withdrawn again', () => {
    expect(consentUpdateFromFhir(inactive, inactive)).toBe('unchanged');
  });

  it('refuses to reactivate a withdrawn Consent', () => {
    expect(refusal(inactive, { ...inactive, status: 'active' })).toEqual(['Consent.status']);
  });

  it('refuses an unknown status', () => {
    expect(refusal(active, { ...active, status: 'rejected' })).toEqual(['Consent.status']);
  });

  it('names a changed end date', () => {
    const body = {
      ...active,
      status: 'inactive',
      provision: {
        ...active.provision,
        period: { start: active.provision.period?.start, end: '2027-01-01T00:00:00.000Z' },
      },
    };
    expect(refusal(active, body)).toEqual(['Consent.provision.period.end']);
  });

  it('names a changed patient and an element left out', () => {
    const { dateTime: _dateTime, ...rest } = active;
    expect(refusal(active, { ...rest, patient: { reference: 'Patient/other' } })).toEqual([
      'Consent.patient.reference',
      'Consent.dateTime',
    ]);
  });

  it('names a list of another length', () => {
    expect(refusal(active, { ...active, provision: { ...active.provision, code: [] } })).toEqual([
      'Consent.provision.code',
    ]);
  });

  it('names an element added', () => {
    expect(refusal(active, { ...active, sourceReference: { reference: 'DocumentReference/1' } })).toEqual([
      'Consent.sourceReference',
    ]);
  });

  it('refuses a body that is not a Consent with 400', () => {
    expect(() => consentUpdateFromFhir(active, { resourceType: 'Patient', id: CONSENT_ID })).toThrow(
      ValidationError,
    );
  });

  it('refuses an id other than the URL one with 400', () => {
    expect(() => consentUpdateFromFhir(active, { ...active, id: 'other' })).toThrow(ValidationError);
  });
});

describe('differences', () => {
  it('is empty for equal values', () => {
    expect(differences({ a: [1, { b: 'c' }] }, { a: [1, { b: 'c' }] }, 'X')).toEqual([]);
  });

  it('locates a changed array item', () => {
    expect(differences({ a: [1, 2] }, { a: [1, 3] }, 'X')).toEqual(['X.a[1]']);
  });

  it('sees an object replaced by a primitive', () => {
    expect(differences({ a: { b: 1 } }, { a: 'b' }, 'X')).toEqual(['X.a']);
  });
});
