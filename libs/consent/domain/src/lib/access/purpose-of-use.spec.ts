import { ACCESS_ROLES, PURPOSES, type AccessRole, type PurposeOfUse } from './access.types';
import { defaultPurposeFor, isPurposeAllowedForRole } from './purpose-of-use';

describe('defaultPurposeFor', () => {
  it.each<[AccessRole, boolean, PurposeOfUse]>([
    ['practitioner', false, 'direct-care'],
    ['practitioner', true, 'emergency'],
    ['system', false, 'direct-care'],
    ['system', true, 'direct-care'],
    ['individual', false, 'own-record'],
    ['carer', false, 'carer-access'],
    ['ig-officer', false, 'governance'],
    ['admin', true, 'administration'],
  ])('%s with break-glass %s → %s', (role, breakGlass, purpose) => {
    expect(defaultPurposeFor(role, breakGlass)).toBe(purpose);
  });

  it('always gives a purpose the role may claim', () => {
    for (const role of ACCESS_ROLES) {
      expect(isPurposeAllowedForRole(role, defaultPurposeFor(role, false))).toBe(true);
      expect(isPurposeAllowedForRole(role, defaultPurposeFor(role, true))).toBe(true);
    }
  });
});

describe('isPurposeAllowedForRole', () => {
  it('allows exactly seven role/purpose pairs', () => {
    const allowed = ACCESS_ROLES.flatMap((role) =>
      PURPOSES.filter((purpose) => isPurposeAllowedForRole(role, purpose)).map(
        (purpose) => `${role}:${purpose}`,
      ),
    );
    expect(allowed).toEqual([
      'practitioner:direct-care',
      'practitioner:emergency',
      'individual:own-record',
      'carer:carer-access',
      'system:direct-care',
      'ig-officer:governance',
      'admin:administration',
    ]);
  });
});
