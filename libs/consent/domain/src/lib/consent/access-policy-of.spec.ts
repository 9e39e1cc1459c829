import { fold } from '@ilinks/shared/kernel';
import { accessPolicyOf, holdsLocalRecordRelationshipId, type PersonConsentState } from './access-policy-of';
import { consentDecider } from './consent.decider';
import type { ConsentEvent } from './consent.events';
import type { ConsentActor } from './consent.state';

const now = new Date('2026-11-26T10:00:00.000Z');
const survivor = '10000000-0000-4000-8000-000000000001';
const merged = '10000000-0000-4000-8000-000000000002';
const gp: ConsentActor = { subject: 'dr-1', organisation: 'A81001', role: 'practitioner' };
const person: ConsentActor = { subject: 'citizen-1', organisation: 'A81001', role: 'individual' };

const stateOf = (personId: string, events: readonly ConsentEvent[]): PersonConsentState => ({
  personId,
  state: fold(consentDecider, events),
});

const objection = (personId: string, consentId: string): ConsentEvent => ({
  type: 'ObjectionRecorded',
  data: { personId, consentId, recordedBy: gp, onBehalf: true, recordedAt: '2026-11-01T00:00:00.000Z' },
});
const agreement = (consentId: string, category: 'hiv' | 'fertility'): ConsentEvent => ({
  type: 'CategorySharingAgreed',
  data: {
    personId: survivor,
    consentId,
    recordedBy: person,
    category,
    recordedAt: '2026-11-01T00:00:00.000Z',
  },
});
const delegation = (consentId: string, until: string): ConsentEvent => ({
  type: 'DelegationGranted',
  data: {
    personId: survivor,
    consentId,
    recordedBy: person,
    carer: 'carer-1',
    parts: ['summary'],
    until,
    grantedAt: '2026-11-01T00:00:00.000Z',
  },
});
const withdrawal = (
  consentId: string,
  kind: 'objection' | 'category-agreement' | 'delegation',
): ConsentEvent => ({
  type: 'ConsentWithdrawn',
  data: { personId: survivor, consentId, kind, withdrawnBy: person, withdrawnAt: '2026-11-20T00:00:00.000Z' },
});
const relationship = (relationshipId: string, since: string, until?: string): ConsentEvent => ({
  type: 'CareRelationshipStarted',
  data: {
    personId: survivor,
    relationshipId,
    organisation: 'RBS',
    kind: 'referral',
    since,
    ...(until === undefined ? {} : { until }),
    startedAt: since,
  },
});
const grant = (grantId: string, expiresAt: string): ConsentEvent => ({
  type: 'BreakGlassGranted',
  data: {
    personId: survivor,
    grantId,
    subject: 'dr-2',
    organisation: 'RBS',
    reason: 'Emergency',
    grantedAt: '2026-11-26T08:00:00.000Z',
    expiresAt,
  },
});

describe('accessPolicyOf', () => {
  it('is empty for a person with no history', () => {
    expect(accessPolicyOf(survivor, [], [], now)).toEqual({
      personId: survivor,
      personIds: [survivor],
      relationships: [],
      objections: [],
      sharedCategories: [],
      breakGlass: [],
      delegations: [],
    });
  });

  it('lists an active objection by the organisation that recorded it', () => {
    const policy = accessPolicyOf(survivor, [stateOf(survivor, [objection(survivor, 'o1')])], [], now);
    expect(policy.objections).toEqual([
      { objectionId: 'o1', recordedBy: 'A81001', recordedAt: '2026-11-01T00:00:00.000Z', onBehalf: true },
    ]);
  });

  it('drops withdrawn items', () => {
    const events = [
      objection(survivor, 'o1'),
      withdrawal('o1', 'objection'),
      agreement('a1', 'hiv'),
      withdrawal('a1', 'category-agreement'),
      delegation('d1', '2027-01-01T00:00:00.000Z'),
      withdrawal('d1', 'delegation'),
    ];
    const policy = accessPolicyOf(survivor, [stateOf(survivor, events)], [], now);
    expect(policy.objections).toEqual([]);
    expect(policy.sharedCategories).toEqual([]);
    expect(policy.delegations).toEqual([]);
  });

  it('lists each shared category once', () => {
    const events = [agreement('a1', 'hiv'), agreement('a2', 'hiv'), agreement('a3', 'fertility')];
    expect(accessPolicyOf(survivor, [stateOf(survivor, events)], [], now).sharedCategories).toEqual([
      'fertility',
      'hiv',
    ]);
  });

  it('drops expired delegations and keeps running ones', () => {
    const events = [
      delegation('d1', '2026-11-26T10:00:00.000Z'),
      delegation('d2', '2026-11-26T10:00:01.000Z'),
    ];
    const policy = accessPolicyOf(survivor, [stateOf(survivor, events)], [], now);
    expect(policy.delegations.map((item) => item.delegationId)).toEqual(['d2']);
  });

  it('drops expired break-glass grants', () => {
    const events = [grant('g1', '2026-11-26T09:59:59.000Z'), grant('g2', '2026-11-26T12:00:00.000Z')];
    const policy = accessPolicyOf(survivor, [stateOf(survivor, events)], [], now);
    expect(policy.breakGlass.map((item) => item.grantId)).toEqual(['g2']);
  });

  it('keeps only relationships that have started, not ended and not run out', () => {
    const events: ConsentEvent[] = [
      relationship('r-running', '2026-11-01T00:00:00.000Z'),
      relationship('r-future', '2026-12-01T00:00:00.000Z'),
      relationship('r-expired', '2026-10-01T00:00:00.000Z', '2026-11-01T00:00:00.000Z'),
      relationship('r-ended', '2026-11-01T00:00:00.000Z'),
      {
        type: 'CareRelationshipEnded',
        data: {
          personId: survivor,
          relationshipId: 'r-ended',
          endedBy: gp,
          endedAt: '2026-11-20T00:00:00.000Z',
        },
      },
    ];
    const policy = accessPolicyOf(survivor, [stateOf(survivor, events)], [], now);
    expect(policy.relationships).toEqual([
      {
        relationshipId: 'r-running',
        organisation: 'RBS',
        kind: 'referral',
        since: '2026-11-01T00:00:00.000Z',
      },
    ]);
  });

  it('adds one holds-local-record relationship per organisation, from its earliest record', () => {
    const holdings = [
      { organisation: 'RBS', since: '2026-05-01T00:00:00.000Z' },
      { organisation: 'RBS', since: '2026-03-01T00:00:00.000Z' },
      { organisation: 'A81001', since: '2026-04-01T00:00:00.000Z' },
    ];
    expect(accessPolicyOf(survivor, [], holdings, now).relationships).toEqual([
      {
        relationshipId: holdsLocalRecordRelationshipId(survivor, 'A81001'),
        organisation: 'A81001',
        kind: 'holds-local-record',
        since: '2026-04-01T00:00:00.000Z',
      },
      {
        relationshipId: holdsLocalRecordRelationshipId(survivor, 'RBS'),
        organisation: 'RBS',
        kind: 'holds-local-record',
        since: '2026-03-01T00:00:00.000Z',
      },
    ]);
  });

  it("applies a merged person's objection to the survivor and names both persons", () => {
    const policy = accessPolicyOf(
      survivor,
      [stateOf(survivor, [agreement('a1', 'hiv')]), stateOf(merged, [objection(merged, 'o-merged')])],
      [],
      now,
    );
    expect(policy.personIds).toEqual([survivor, merged]);
    expect(policy.objections.map((item) => item.objectionId)).toEqual(['o-merged']);
    expect(policy.sharedCategories).toEqual(['hiv']);
  });
});
