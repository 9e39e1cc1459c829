import { shareReferralOf } from './share-referral';

const share = {
  shareId: '7a2d3c4b-5e6f-5a70-8b91-0c1d2e3f4a5b',
  personId: '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b',
  organisation: 'RBS',
  recipientOrganisation: 'Y12345',
  sharedAt: '2026-11-26T10:00:00.000Z',
};
const now = new Date('2026-11-26T10:00:05.000Z');

describe('shareReferralOf', () => {
  it('starts a referral for the recipient organisation from the moment of sharing', () => {
    expect(shareReferralOf(share, 90, now)).toMatchObject({
      type: 'StartCareRelationship',
      data: {
        personId: share.personId,
        organisation: 'Y12345',
        kind: 'referral',
        since: '2026-11-26T10:00:00.000Z',
        until: '2027-02-24T10:00:00.000Z',
      },
      metadata: { now },
    });
  });

  it('lasts the configured number of days', () => {
    expect(shareReferralOf(share, 7, now)?.data.until).toBe('2026-12-03T10:00:00.000Z');
  });

  it('names the same relationship and request for the same share, and another for another share', () => {
    const first = shareReferralOf(share, 90, now);
    const again = shareReferralOf(share, 90, new Date('2026-11-27T00:00:00.000Z'));
    const other = shareReferralOf({ ...share, shareId: '1d0a7b5f-2c3d-5e4f-9a51-23456789abcd' }, 90, now);
    expect(again?.data.relationshipId).toBe(first?.data.relationshipId);
    expect(again?.metadata.idempotencyKey).toBe(first?.metadata.idempotencyKey);
    expect(other?.data.relationshipId).not.toBe(first?.data.relationshipId);
  });

  it('gives none for a share within one organisation', () => {
    expect(shareReferralOf({ ...share, recipientOrganisation: 'RBS' }, 90, now)).toBeUndefined();
  });
});
