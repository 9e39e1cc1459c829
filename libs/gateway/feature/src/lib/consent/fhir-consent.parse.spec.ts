import { ValidationError } from '@ilinks/shared/kernel';
import {
  CONSENT_POLICY,
  RECORD_PART_SYSTEM,
  SENSITIVE_CATEGORY_SYSTEM,
  V3_ACT_CODE_SYSTEM,
} from './consent.codes';
import { consentCreationFromFhir } from './fhir-consent.parse';
import { PERSON_ID } from './consent-items.testing';

const NOW = new Date('2026-03-01T12:00:00Z');
type Json = Record<string, unknown>;

function consent(policy: string, provision: Json, changes: Json = {}): Json {
  return {
    resourceType: 'Consent',
    status: 'active',
    scope: {
      coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'patient-privacy' }],
    },
    category: [{ coding: [{ system: 'http://loinc.org', code: '59284-0' }] }],
    patient: { reference: `Patient/${PERSON_ID}` },
    policy: [{ uri: policy }],
    provision,
    ...changes,
  };
}

const objection = (changes: Json = {}): Json => consent(CONSENT_POLICY.objection, { type: 'deny' }, changes);
const agreement = (securityLabel: unknown): Json =>
  consent(CONSENT_POLICY['category-agreement'], { type: 'permit', securityLabel });
const delegation = (provision: Json = {}): Json =>
  consent(CONSENT_POLICY.delegation, {
    type: 'permit',
    period: { end: '2026-06-01T00:00:00Z' },
    actor: [
      {
        role: {
          coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode', code: 'DELEGATEE' }],
        },
        reference: { identifier: { system: 'https://fhir.ilinks.dev/Id/user', value: 'carer-7' } },
      },
    ],
    code: [{ coding: [{ system: RECORD_PART_SYSTEM, code: 'medications' }] }],
    ...provision,
  });

/** The paths of the issues the parse refuses `resource` with. */
function refusedAt(resource: unknown): string[] {
  try {
    consentCreationFromFhir(resource, NOW);
  } catch (error) {
    if (error instanceof ValidationError) return error.issues.map((issue) => issue.path);
    throw error;
  }
  throw new Error('expected a ValidationError');
}

describe('consentCreationFromFhir: accepts', () => {
  it('an objection', () => {
    expect(consentCreationFromFhir(objection(), NOW)).toEqual({ kind: 'objection', personId: PERSON_ID });
  });

  it('a patient reference in upper case, as our lower-case id', () => {
    const resource = objection({ patient: { reference: `Patient/${PERSON_ID.toUpperCase()}` } });
    expect(consentCreationFromFhir(resource, NOW)).toMatchObject({ personId: PERSON_ID });
  });

  it('an agreement labelled with the v3 code alone', () => {
    expect(
      consentCreationFromFhir(agreement([{ system: V3_ACT_CODE_SYSTEM, code: 'SEX' }]), NOW),
    ).toMatchObject({
      category: 'sexual-health',
    });
  });

  it('a delegation, its end as an ISO instant and its parts once each', () => {
    const twice = [
      { coding: [{ system: RECORD_PART_SYSTEM, code: 'results' }] },
      { coding: [{ system: RECORD_PART_SYSTEM, code: 'results' }] },
    ];
    const resource = delegation({ period: { end: '2026-06-01T01:00:00+01:00' }, code: twice });
    expect(consentCreationFromFhir(resource, NOW)).toEqual({
      kind: 'delegation',
      personId: PERSON_ID,
      carer: 'carer-7',
      parts: ['results'],
      until: '2026-06-01T00:00:00.000Z',
    });
  });

  it('extensions it does not know (they may be ignored)', () => {
    expect(() =>
      consentCreationFromFhir(objection({ extension: [{ url: 'x:y', valueString: 'z' }] }), NOW),
    ).not.toThrow();
  });
});

describe('consentCreationFromFhir: refuses, naming the element', () => {
  it.each([
    ['a non-object', 'text', ['Consent']],
    ['another resource type', { resourceType: 'Patient' }, ['Consent.resourceType']],
    ['a missing status', objection({ status: undefined }), ['Consent.status']],
    ['an inactive new consent', objection({ status: 'inactive' }), ['Consent.status']],
    ['a missing scope', objection({ scope: undefined }), ['Consent.scope']],
    [
      'another scope',
      objection({
        scope: {
          coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'treatment' }],
        },
      }),
      ['Consent.scope'],
    ],
    [
      'a category without LOINC 59284-0',
      objection({ category: [{ coding: [{ system: 'http://loinc.org', code: '64292-6' }] }] }),
      ['Consent.category'],
    ],
    ['a category that is not a list', objection({ category: {} }), ['Consent.category', 'Consent.category']],
    ['a missing patient', objection({ patient: undefined }), ['Consent.patient']],
    [
      'a patient by identifier',
      objection({ patient: { identifier: { system: 's', value: 'v' } } }),
      ['Consent.patient.reference'],
    ],
    [
      'a patient id that is not ours',
      objection({ patient: { reference: 'Patient/123' } }),
      ['Consent.patient.reference'],
    ],
    [
      'a reference to another type',
      objection({ patient: { reference: `Group/${PERSON_ID}` } }),
      ['Consent.patient.reference'],
    ],
    [
      'an absolute patient URL',
      objection({ patient: { reference: `https://x.example/fhir/Patient/${PERSON_ID}` } }),
      ['Consent.patient.reference'],
    ],
    ['a missing policy', objection({ policy: undefined }), ['Consent.policy']],
    [
      'an unknown policy uri',
      objection({ policy: [{ uri: 'https://elsewhere.example/policy' }] }),
      ['Consent.policy[0].uri'],
    ],
    [
      'two policies',
      objection({ policy: [{ uri: CONSENT_POLICY.objection }, { uri: CONSENT_POLICY.delegation }] }),
      ['Consent.policy'],
    ],
    ['a missing provision', objection({ provision: undefined }), ['Consent.provision']],
    [
      'a modifier extension',
      objection({ modifierExtension: [{ url: 'x:y' }] }),
      ['Consent.modifierExtension'],
    ],
  ])('%s', (_case, resource, paths) => {
    expect(refusedAt(resource)).toEqual(paths);
  });

  it('an objection that permits', () => {
    expect(refusedAt(consent(CONSENT_POLICY.objection, { type: 'permit' }))).toEqual([
      'Consent.provision.type',
    ]);
  });

  it('an objection narrowed to some actors (which we could not honour)', () => {
    expect(refusedAt(consent(CONSENT_POLICY.objection, { type: 'deny', actor: [] }))).toEqual([
      'Consent.provision.actor',
    ]);
  });

  it('a modifier extension on the provision', () => {
    expect(refusedAt(consent(CONSENT_POLICY.objection, { type: 'deny', modifierExtension: [] }))).toEqual([
      'Consent.provision.modifierExtension',
    ]);
  });

  it('an agreement that denies', () => {
    const resource = consent(CONSENT_POLICY['category-agreement'], {
      type: 'deny',
      securityLabel: [{ system: SENSITIVE_CATEGORY_SYSTEM, code: 'hiv' }],
    });
    expect(refusedAt(resource)).toEqual(['Consent.provision.type']);
  });

  it.each([
    ['no label', undefined, ['Consent.provision.securityLabel']],
    ['an empty list', [], ['Consent.provision.securityLabel']],
    [
      'an unknown category',
      [{ system: SENSITIVE_CATEGORY_SYSTEM, code: 'dentistry' }],
      ['Consent.provision.securityLabel[0].code'],
    ],
    [
      'a v3 code with no equivalent',
      [{ system: V3_ACT_CODE_SYSTEM, code: 'STD' }],
      ['Consent.provision.securityLabel[0].code'],
    ],
    [
      'a label of another system',
      [{ system: 'http://x.example', code: 'hiv' }],
      ['Consent.provision.securityLabel[0]'],
    ],
    [
      'two categories',
      [
        { system: SENSITIVE_CATEGORY_SYSTEM, code: 'hiv' },
        { system: SENSITIVE_CATEGORY_SYSTEM, code: 'fertility' },
      ],
      ['Consent.provision.securityLabel'],
    ],
  ])('an agreement with %s', (_case, securityLabel, paths) => {
    expect(refusedAt(agreement(securityLabel))).toEqual(paths);
  });

  it('agreeing hiv twice over (ours and v3) is one category', () => {
    const labels = [
      { system: SENSITIVE_CATEGORY_SYSTEM, code: 'hiv' },
      { system: V3_ACT_CODE_SYSTEM, code: 'HIV' },
    ];
    expect(consentCreationFromFhir(agreement(labels), NOW)).toMatchObject({ category: 'hiv' });
  });

  it.each([
    ['no end', { period: {} }, ['Consent.provision.period.end']],
    ['no period', { period: undefined }, ['Consent.provision.period.end']],
    ['an end that has passed', { period: { end: '2026-03-01T11:59:59Z' } }, ['Consent.provision.period.end']],
    ['an end now', { period: { end: '2026-03-01T12:00:00Z' } }, ['Consent.provision.period.end']],
    ['an end date without a time', { period: { end: '2026-06-01' } }, ['Consent.provision.period.end']],
    [
      'an end without a time zone',
      { period: { end: '2026-06-01T00:00:00' } },
      ['Consent.provision.period.end'],
    ],
    ['an impossible end', { period: { end: '2026-13-01T00:00:00Z' } }, ['Consent.provision.period.end']],
    ['no actor', { actor: undefined }, ['Consent.provision.actor']],
    ['two actors', { actor: [{}, {}] }, ['Consent.provision.actor']],
    ['an actor that is not an object', { actor: ['carer'] }, ['Consent.provision.actor[0]']],
    [
      'an actor without the carer role',
      {
        actor: [{ reference: { identifier: { system: 'https://fhir.ilinks.dev/Id/user', value: 'c' } } }],
      },
      ['Consent.provision.actor[0].role'],
    ],
    [
      'an actor by literal reference',
      {
        actor: [
          {
            role: {
              coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode', code: 'DELEGATEE' }],
            },
            reference: { reference: 'RelatedPerson/1' },
          },
        ],
      },
      ['Consent.provision.actor[0].reference.identifier'],
    ],
    ['no parts', { code: undefined }, ['Consent.provision.code']],
    [
      'an unknown part',
      { code: [{ coding: [{ system: RECORD_PART_SYSTEM, code: 'x-rays' }] }] },
      ['Consent.provision.code[0]'],
    ],
    [
      'a part of another system',
      { code: [{ coding: [{ system: 'http://loinc.org', code: '11488-4' }] }] },
      ['Consent.provision.code[0]'],
    ],
    [
      'a security label (not part of proxy access)',
      { securityLabel: [] },
      ['Consent.provision.securityLabel'],
    ],
  ])('a delegation with %s', (_case, provision, paths) => {
    expect(refusedAt(delegation(provision))).toEqual(paths);
  });

  it('collects every problem at once', () => {
    const resource = delegation({ period: { end: '2020-01-01T00:00:00Z' }, code: [] });
    expect(refusedAt({ ...resource, scope: undefined })).toEqual([
      'Consent.scope',
      'Consent.provision.code',
      'Consent.provision.period.end',
    ]);
  });

  it('never quotes the values sent', () => {
    try {
      consentCreationFromFhir(objection({ patient: { reference: 'Patient/Jane-Smith-1970' } }), NOW);
    } catch (error) {
      expect(JSON.stringify((error as ValidationError).issues)).not.toContain('Jane');
    }
    expect.assertions(1);
  });
});
