import { derivedIdempotencyKey, withdrawalIdempotencyKey } from './consent-idempotency';
import type { ConsentCreation } from './fhir-consent.parse';
import { PERSON_ID } from './consent-items.testing';

const individual = { subject: 'user-9', organisation: 'RBS', role: 'individual' as const };
const objection: ConsentCreation = { kind: 'objection', personId: PERSON_ID };
const delegation: ConsentCreation = {
  kind: 'delegation',
  personId: PERSON_ID,
  carer: 'carer-7',
  parts: ['medications', 'results'],
  until: '2026-06-01T00:00:00.000Z',
};
/** What the gateway accepts in `Idempotency-Key` (and so what the services expect). */
const KEY = /^[A-Za-z0-9._:-]{8,128}$/;

describe('derivedIdempotencyKey', () => {
  it('is the same for the same user and Consent, and a valid key', () => {
    const key = derivedIdempotencyKey(individual, objection);
    expect(key).toBe(derivedIdempotencyKey(individual, objection));
    expect(key).toMatch(KEY);
  });

  it('differs for another user, organisation or role', () => {
    const key = derivedIdempotencyKey(individual, objection);
    expect(derivedIdempotencyKey({ ...individual, subject: 'user-8' }, objection)).not.toBe(key);
    expect(derivedIdempotencyKey({ ...individual, organisation: 'RXX' }, objection)).not.toBe(key);
    expect(derivedIdempotencyKey({ ...individual, role: 'practitioner' }, objection)).not.toBe(key);
  });

  it('differs for another person, kind, category, carer or end', () => {
    const key = derivedIdempotencyKey(individual, delegation);
    expect(derivedIdempotencyKey(individual, { ...delegation, personId: 'p2' })).not.toBe(key);
    expect(derivedIdempotencyKey(individual, { ...delegation, carer: 'carer-8' })).not.toBe(key);
    expect(derivedIdempotencyKey(individual, { ...delegation, until: '2026-07-01T00:00:00.000Z' })).not.toBe(
      key,
    );
    expect(derivedIdempotencyKey(individual, objection)).not.toBe(key);
    const agreement = (category: 'hiv' | 'fertility'): ConsentCreation => ({
      kind: 'category-agreement',
      personId: PERSON_ID,
      category,
    });
    expect(derivedIdempotencyKey(individual, agreement('hiv'))).not.toBe(
      derivedIdempotencyKey(individual, agreement('fertility')),
    );
  });

  it('does not depend on the order of the parts', () => {
    expect(derivedIdempotencyKey(individual, { ...delegation, parts: ['results', 'medications'] })).toBe(
      derivedIdempotencyKey(individual, delegation),
    );
  });

  it('chains after a withdrawn consent, deterministically', () => {
    const first = derivedIdempotencyKey(individual, objection);
    const next = derivedIdempotencyKey(individual, objection, { key: first, consentId: 'c-1' });
    expect(next).not.toBe(first);
    expect(next).toBe(derivedIdempotencyKey(individual, objection, { key: first, consentId: 'c-1' }));
    expect(next).toMatch(KEY);
  });
});

describe('withdrawalIdempotencyKey', () => {
  it('is one key per consent', () => {
    expect(withdrawalIdempotencyKey('c-1')).toBe(withdrawalIdempotencyKey('c-1'));
    expect(withdrawalIdempotencyKey('c-1')).not.toBe(withdrawalIdempotencyKey('c-2'));
    expect(withdrawalIdempotencyKey('c-1')).toMatch(KEY);
  });
});
