import type { BreakGlassUsedV1, CareRelationshipStartedV1 } from '@ilinks/consent/contracts';
import { alertIdFor } from './access-alerts';
import { breakGlassAlert, selfDeclaredRelationshipAlert } from './on-consent-alerts.consumer';

const personId = '11111111-1111-4111-8111-111111111111';

describe('alerts from consent events', () => {
  const grant: BreakGlassUsedV1 = {
    personId,
    grantId: '22222222-2222-4222-8222-222222222222',
    subject: 'dr-adams',
    organisation: 'RXN',
    reason: 'unconscious on arrival',
    grantedAt: '2026-01-01T10:00:00+01:00',
    expiresAt: '2026-01-01T14:00:00+01:00',
  };
  const relationship: CareRelationshipStartedV1 = {
    personId,
    relationshipId: '33333333-3333-4333-8333-333333333333',
    organisation: 'RBS',
    kind: 'self-declared',
    since: '2026-01-01T09:30:00.000Z',
    declaredBy: 'dr-smith',
    reason: 'covering the ward',
  };

  it('raises one break-glass alert per grant, with the stated reason', () => {
    expect(breakGlassAlert(grant)).toEqual({
      alertId: alertIdFor(`break-glass:${grant.grantId}`),
      kind: 'break-glass',
      raisedAt: '2026-01-01T09:00:00.000Z',
      subject: 'dr-adams',
      organisation: 'RXN',
      personIds: [personId],
      detail: 'unconscious on arrival',
    });
    expect(breakGlassAlert(grant).alertId).toBe(breakGlassAlert({ ...grant }).alertId);
  });

  it('raises a self-declared-relationship alert about whoever declared it', () => {
    expect(selfDeclaredRelationshipAlert(relationship)).toEqual({
      alertId: alertIdFor(`self-declared-relationship:${relationship.relationshipId}`),
      kind: 'self-declared-relationship',
      raisedAt: '2026-01-01T09:30:00.000Z',
      subject: 'dr-smith',
      organisation: 'RBS',
      personIds: [personId],
      detail: 'covering the ward',
    });
  });

  it('says so when the declaration names no one or no reason', () => {
    const { declaredBy: _by, reason: _reason, ...bare } = relationship;
    expect(selfDeclaredRelationshipAlert(bare)).toMatchObject({
      subject: 'unknown',
      detail: 'no reason stated',
    });
  });

  it('raises nothing for other relationship kinds', () => {
    expect(selfDeclaredRelationshipAlert({ ...relationship, kind: 'referral' })).toBeUndefined();
  });

  it('gives different causes different alert ids', () => {
    expect(alertIdFor('break-glass:a')).not.toBe(alertIdFor('break-glass:b'));
  });
});
