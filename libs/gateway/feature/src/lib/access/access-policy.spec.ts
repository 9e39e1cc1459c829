import type { PersonAccessPolicy } from '@ilinks/consent/domain';
import {
  activeGrantOf,
  emptyPolicy,
  hasRelationshipAt,
  policyFromV1,
  withGrant,
  withRecordHolders,
} from './access-policy';
import { policyV1 } from './consent-stub.testing';

const NOW = new Date('2026-03-01T12:00:00.000Z');
const relationship = (organisation: string, since: string, until?: string) => ({
  relationshipId: `rel-${organisation}`,
  organisation,
  kind: 'referral' as const,
  since,
  ...(until === undefined ? {} : { until }),
});
const grant = {
  grantId: 'g-1',
  subject: 'dr-who',
  organisation: 'RXX',
  reason: 'unconscious in A&E',
  grantedAt: '2026-03-01T10:00:00.000Z',
  expiresAt: '2026-03-01T14:00:00.000Z',
};

describe('policyFromV1', () => {
  it('keeps what the domain knows', () => {
    const v1 = policyV1('p-1', {
      relationships: [relationship('RBS', '2026-01-01T00:00:00.000Z')],
      sharedCategories: ['hiv'],
      delegations: [{ delegationId: 'd', carer: 'c', parts: ['demographics'], grantedAt: 'x', until: 'y' }],
    });
    expect(policyFromV1(v1)).toEqual(v1);
  });

  it('drops unknown relationship kinds, shared categories and delegated parts: it can only narrow access', () => {
    const v1 = policyV1('p-1', {
      relationships: [{ ...relationship('RBS', '2026-01-01T00:00:00.000Z'), kind: 'friendship' as never }],
      sharedCategories: ['everything'],
      delegations: [
        { delegationId: 'd', carer: 'c', parts: ['demographics', 'all'], grantedAt: 'x', until: 'y' },
      ],
    });
    const policy = policyFromV1(v1);
    expect(policy.relationships).toEqual([]);
    expect(policy.sharedCategories).toEqual([]);
    expect(policy.delegations[0]?.parts).toEqual(['demographics']);
  });

  it('always counts the person among their own ids', () => {
    expect(policyFromV1(policyV1('p-1', { personIds: ['p-0'] })).personIds).toEqual(['p-1', 'p-0']);
  });
});

describe('withRecordHolders', () => {
  it('adds a holds-local-record relationship, in force now, for each new organisation once', () => {
    const policy = withRecordHolders(emptyPolicy('p-1'), ['RBS', 'RBS', 'Y12345'], NOW);
    expect(policy.relationships).toEqual([
      {
        relationshipId: 'identity-link:RBS',
        organisation: 'RBS',
        kind: 'holds-local-record',
        since: NOW.toISOString(),
      },
      {
        relationshipId: 'identity-link:Y12345',
        organisation: 'Y12345',
        kind: 'holds-local-record',
        since: NOW.toISOString(),
      },
    ]);
    expect(hasRelationshipAt(policy, 'RBS', NOW)).toBe(true);
  });

  it('leaves the policy as it is when the consent service already knows the holder', () => {
    const known: PersonAccessPolicy = withRecordHolders(emptyPolicy('p-1'), ['RBS'], new Date(0));
    expect(withRecordHolders(known, ['RBS'], NOW)).toBe(known);
  });
});

describe('hasRelationshipAt', () => {
  const policy = (...relationships: ReturnType<typeof relationship>[]): PersonAccessPolicy => ({
    ...emptyPolicy('p-1'),
    relationships,
  });

  it('counts one in force for the organisation', () => {
    expect(hasRelationshipAt(policy(relationship('RBS', '2026-01-01T00:00:00.000Z')), 'RBS', NOW)).toBe(true);
  });

  it('ignores other organisations, future, ended and unreadable relationships', () => {
    expect(hasRelationshipAt(policy(relationship('RXX', '2026-01-01T00:00:00.000Z')), 'RBS', NOW)).toBe(
      false,
    );
    expect(hasRelationshipAt(policy(relationship('RBS', '2026-04-01T00:00:00.000Z')), 'RBS', NOW)).toBe(
      false,
    );
    expect(
      hasRelationshipAt(
        policy(relationship('RBS', '2026-01-01T00:00:00.000Z', NOW.toISOString())),
        'RBS',
        NOW,
      ),
    ).toBe(false);
    expect(hasRelationshipAt(policy(relationship('RBS', 'yesterday')), 'RBS', NOW)).toBe(false);
  });
});

describe('break-glass grants', () => {
  it('adds the answered grant once', () => {
    const once = withGrant(emptyPolicy('p-1'), { ...grant, personId: 'p-1' });
    expect(once.breakGlass).toEqual([grant]);
    expect(withGrant(once, { ...grant, personId: 'p-1' })).toBe(once);
  });

  it("finds the caller's own unexpired grant only", () => {
    const policy = { ...emptyPolicy('p-1'), breakGlass: [grant] };
    expect(activeGrantOf(policy, 'dr-who', 'RXX', NOW)).toEqual(grant);
    expect(activeGrantOf(policy, 'dr-jones', 'RXX', NOW)).toBeUndefined();
    expect(activeGrantOf(policy, 'dr-who', 'RBS', NOW)).toBeUndefined();
    expect(activeGrantOf(policy, 'dr-who', 'RXX', new Date(grant.expiresAt))).toBeUndefined();
  });
});
