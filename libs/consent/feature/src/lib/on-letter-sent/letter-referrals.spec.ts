import { letterReferralsOf } from './letter-referrals';

const now = new Date('2026-11-26T10:00:00.000Z');
const letter = {
  letterId: '0f8b6a52-7d1e-4d4b-9a55-1f6f3b7f2c10',
  personId: '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b',
  organisation: 'RBS',
  sentAt: '2026-11-26T09:00:00.000Z',
  copies: [
    { copyId: 'c1', recipient: { organisation: 'Y12345' } },
    { copyId: 'c2', recipient: { organisation: 'RY1', team: 'district-nursing' } },
    { copyId: 'c3', recipient: { organisation: 'RY1', practitioner: 'nurse-1' } },
    { copyId: 'c4', recipient: { organisation: 'RBS', team: 'cardiology' } },
  ],
};

describe('letterReferralsOf', () => {
  const referrals = letterReferralsOf(letter, 90, now);

  it('gives each recipient organisation but the sender one referral', () => {
    expect(referrals.map((referral) => referral.data.organisation)).toEqual(['Y12345', 'RY1']);
    expect(referrals.every((referral) => referral.data.kind === 'referral')).toBe(true);
  });

  it('runs from the sending for the configured days', () => {
    expect(referrals[0]?.data).toMatchObject({
      personId: letter.personId,
      since: '2026-11-26T09:00:00.000Z',
      until: '2027-02-24T09:00:00.000Z',
    });
  });

  it('names each referral after the letter and the organisation, so a redelivery starts nothing new', () => {
    const again = letterReferralsOf(letter, 90, now);
    expect(again.map((referral) => referral.data.relationshipId)).toEqual(
      referrals.map((referral) => referral.data.relationshipId),
    );
    expect(new Set(referrals.map((referral) => referral.data.relationshipId)).size).toBe(2);
    expect(referrals[1]?.metadata.idempotencyKey).toBe(`letter:${letter.letterId}:RY1`);
  });

  it('gives none for a letter within the sending organisation', () => {
    const withinTheTrust = letter.copies.filter((copy) => copy.recipient.organisation === 'RBS');
    expect(letterReferralsOf({ ...letter, copies: withinTheTrust }, 90, now)).toEqual([]);
  });
});
