import type { ConsentItemV1 } from '@ilinks/consent/contracts';
import { ODS_ORGANISATION_SYSTEM } from '../patient/person.fhir';
import { SENSITIVE_CATEGORIES } from '@ilinks/consent/domain';
import {
  CONSENT_POLICY,
  RECORD_PART_SYSTEM,
  SENSITIVE_CATEGORY_SYSTEM,
  USER_IDENTIFIER_SYSTEM,
  V3_ACT_CODE_SYSTEM,
} from './consent.codes';
import { consentSearchset, fhirConsentFromItem, securityLabelsOf } from './fhir-consent.mapping';
import { consentCreationFromFhir } from './fhir-consent.parse';
import { CONSENT_ID, PERSON_ID, agreementItem, delegationItem, objectionItem } from './consent-items.testing';

const NOW = new Date('2026-03-01T12:00:00Z');

describe('fhirConsentFromItem', () => {
  it('writes the R4 essentials every kind shares', () => {
    expect(fhirConsentFromItem(objectionItem())).toMatchObject({
      resourceType: 'Consent',
      id: CONSENT_ID,
      status: 'active',
      scope: {
        coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'patient-privacy' }],
      },
      category: [{ coding: [{ system: 'http://loinc.org', code: '59284-0' }] }],
      patient: { reference: `Patient/${PERSON_ID}` },
      dateTime: '2026-02-01T09:00:00.000Z',
      organization: [{ type: 'Organization', identifier: { system: ODS_ORGANISATION_SYSTEM, value: 'RBS' } }],
    });
  });

  it('shows an individual who recorded for themselves as the Patient performer, by user id', () => {
    expect(fhirConsentFromItem(objectionItem()).performer).toEqual([
      { type: 'Patient', identifier: { system: USER_IDENTIFIER_SYSTEM, value: 'user-9' } },
    ]);
  });

  it('shows a practitioner recording on behalf as the Practitioner performer', () => {
    const item = objectionItem({
      onBehalf: true,
      recordedBy: { subject: 'dr-1', organisation: 'RBS', role: 'practitioner' },
    });
    expect(fhirConsentFromItem(item).performer).toEqual([
      { type: 'Practitioner', identifier: { system: USER_IDENTIFIER_SYSTEM, value: 'dr-1' } },
    ]);
  });

  it('shows a partner system as its organisation', () => {
    const item = objectionItem({ recordedBy: { subject: 'client-1', organisation: 'RBS', role: 'system' } });
    expect(fhirConsentFromItem(item).performer).toEqual([
      { type: 'Organization', identifier: { system: ODS_ORGANISATION_SYSTEM, value: 'RBS' } },
    ]);
  });

  it('writes an objection as deny, with the recording organisation kept as custodian', () => {
    const consent = fhirConsentFromItem(objectionItem());
    expect(consent.policy).toEqual([{ uri: CONSENT_POLICY.objection }]);
    expect(consent.provision.type).toBe('deny');
    expect(consent.provision.provision?.[0]).toMatchObject({
      type: 'permit',
      actor: [{ role: { coding: [{ code: 'CST' }] }, reference: { identifier: { value: 'RBS' } } }],
    });
  });

  it('writes a category agreement as permit labelled with the category', () => {
    const consent = fhirConsentFromItem(agreementItem('hiv'));
    expect(consent.policy).toEqual([{ uri: CONSENT_POLICY['category-agreement'] }]);
    expect(consent.provision).toEqual({
      type: 'permit',
      securityLabel: [
        { system: SENSITIVE_CATEGORY_SYSTEM, code: 'hiv' },
        { system: V3_ACT_CODE_SYSTEM, code: 'HIV', display: 'HIV/AIDS information sensitivity' },
      ],
    });
  });

  it('writes a delegation as permit for the carer (DELEGATEE), until its end, for its parts', () => {
    const consent = fhirConsentFromItem(delegationItem());
    expect(consent.policy).toEqual([{ uri: CONSENT_POLICY.delegation }]);
    expect(consent.provision).toEqual({
      type: 'permit',
      period: { start: '2026-02-01T09:00:00.000Z', end: '2026-06-01T00:00:00.000Z' },
      actor: [
        {
          role: {
            coding: [
              {
                system: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode',
                code: 'DELEGATEE',
                display: 'delegatee',
              },
            ],
          },
          reference: {
            type: 'RelatedPerson',
            identifier: { system: USER_IDENTIFIER_SYSTEM, value: 'carer-7' },
          },
        },
      ],
      purpose: [
        {
          system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason',
          code: 'FAMRQT',
          display: 'family requested',
        },
      ],
      code: [
        { coding: [{ system: RECORD_PART_SYSTEM, code: 'medications' }] },
        { coding: [{ system: RECORD_PART_SYSTEM, code: 'appointments' }] },
      ],
    });
  });

  it('shows a withdrawn consent as inactive, last updated when withdrawn', () => {
    const consent = fhirConsentFromItem(
      objectionItem({ status: 'inactive', withdrawnAt: '2026-02-10T10:00:00.000Z' }),
    );
    expect(consent.status).toBe('inactive');
    expect(consent.meta.lastUpdated).toBe('2026-02-10T10:00:00.000Z');
  });

  it('refuses an item the service sent without what its kind needs', () => {
    const { carer: _carer, ...withoutCarer } = delegationItem();
    expect(() => fhirConsentFromItem(withoutCarer as ConsentItemV1)).toThrow(/without its carer/);
  });
});

describe('securityLabelsOf', () => {
  it.each([
    ['hiv', 'HIV'],
    ['sexual-health', 'SEX'],
  ])('adds the equivalent v3 code for %s', (category, v3) => {
    expect(securityLabelsOf(category)[1]).toMatchObject({ system: V3_ACT_CODE_SYSTEM, code: v3 });
  });

  it.each(['fertility', 'gender-identity', 'termination', 'safeguarding'])(
    'writes our code alone for %s',
    (category) => {
      expect(securityLabelsOf(category)).toEqual([{ system: SENSITIVE_CATEGORY_SYSTEM, code: category }]);
    },
  );
});

describe('round trips: item → FHIR → creation', () => {
  it('keeps an objection', () => {
    expect(consentCreationFromFhir(fhirConsentFromItem(objectionItem()), NOW)).toEqual({
      kind: 'objection',
      personId: PERSON_ID,
    });
  });

  it.each(SENSITIVE_CATEGORIES)('keeps an agreement to share %s', (category) => {
    expect(consentCreationFromFhir(fhirConsentFromItem(agreementItem(category)), NOW)).toEqual({
      kind: 'category-agreement',
      personId: PERSON_ID,
      category,
    });
  });

  it('keeps a delegation', () => {
    expect(consentCreationFromFhir(fhirConsentFromItem(delegationItem()), NOW)).toEqual({
      kind: 'delegation',
      personId: PERSON_ID,
      carer: 'carer-7',
      parts: ['medications', 'appointments'],
      until: '2026-06-01T00:00:00.000Z',
    });
  });
});

describe('consentSearchset', () => {
  it('is a searchset with a self link, a total and full URLs', () => {
    const bundle = consentSearchset(
      [objectionItem()],
      'https://x.example/fhir',
      'https://x.example/fhir/Consent?patient=p',
    );
    expect(bundle).toMatchObject({
      resourceType: 'Bundle',
      type: 'searchset',
      total: 1,
      link: [{ relation: 'self', url: 'https://x.example/fhir/Consent?patient=p' }],
      entry: [{ fullUrl: `https://x.example/fhir/Consent/${CONSENT_ID}`, search: { mode: 'match' } }],
    });
  });

  it('is empty with total 0 when nothing is found', () => {
    expect(consentSearchset([], 'b', 's')).toMatchObject({ total: 0, entry: [] });
  });
});
