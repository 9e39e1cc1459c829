import { TokenRejectedError } from '../tokens/token-rejected.error';
import { claimsFromPrincipal, principalFromClaims } from './principal';

const practitioner = { sub: 'u-123', org: 'RX1', role: 'practitioner', professional_role: 'R8000' };

function reasonFor(claims: Record<string, unknown>): string {
  try {
    principalFromClaims(claims);
  } catch (error: unknown) {
    if (error instanceof TokenRejectedError) return error.reason;
    throw error;
  }
  throw new Error('expected the claims to be rejected');
}

describe('principalFromClaims', () => {
  it('reads a practitioner', () => {
    expect(principalFromClaims(practitioner)).toEqual({
      subject: 'u-123',
      organisation: 'RX1',
      role: 'practitioner',
      professionalRole: 'R8000',
    });
  });

  it('reads an individual and a carer with delegations', () => {
    expect(
      principalFromClaims({ sub: 'p', org: 'ILINKS', role: 'individual', patient: 'person-1' }).patient,
    ).toBe('person-1');
    const carer = principalFromClaims({
      sub: 'c',
      org: 'ILINKS',
      role: 'carer',
      delegations: [
        { patient: 'person-1', scopes: ['summary', 'appointments'], until: '2030-01-01T00:00:00Z' },
      ],
    });
    expect(carer.delegations).toEqual([
      { patient: 'person-1', scopes: ['summary', 'appointments'], until: '2030-01-01T00:00:00Z' },
    ]);
  });

  it('round-trips through claimsFromPrincipal', () => {
    const principal = principalFromClaims({ ...practitioner, patient: 'x' });
    expect(principalFromClaims(claimsFromPrincipal(principal))).toEqual(principal);
  });

  it.each([
    [{ ...practitioner, sub: undefined }, 'missing claim sub'],
    [{ ...practitioner, org: undefined }, 'missing claim org'],
    [{ ...practitioner, org: 'rx1' }, 'claim org is not an ODS code'],
    [{ ...practitioner, role: undefined }, 'missing claim role'],
    [{ ...practitioner, role: 'superuser' }, 'unknown role'],
    [{ ...practitioner, sub: '' }, 'claim sub is not a non-empty string'],
    [{ ...practitioner, professional_role: 42 }, 'claim professional_role is not a non-empty string'],
    [{ sub: 'p', org: 'RX1', role: 'individual' }, 'missing claim patient for role individual'],
    [
      { ...practitioner, delegations: [{ patient: 'x', scopes: 'all', until: '2030-01-01' }] },
      'claim delegations is not a list of { patient, scopes, until }',
    ],
    [
      { ...practitioner, delegations: [{ patient: 'x', scopes: [], until: 'soon' }] },
      'claim delegations is not a list of { patient, scopes, until }',
    ],
  ])('rejects %j: %s', (claims, reason) => {
    expect(reasonFor(claims)).toBe(reason);
  });

  it('never puts a claim value in the reason', () => {
    expect(reasonFor({ ...practitioner, role: 'Jane Smith 1970-01-01' })).not.toContain('Jane');
  });
});
