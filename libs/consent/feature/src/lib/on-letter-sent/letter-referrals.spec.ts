import { forwardedLetterReferralsOf, letterReferralsOf } from './letter-referrals';

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

describe('forwardedLetterReferralsOf', () => {
  const forward = {
    letterId: letter.letterId,
    change: 'forwarded' as const,
    recipient: { organisation: 'LA001', team: 'adult-social-care' },
    senderOrganisation: 'RBS',
    personId: letter.personId,
    changedAt: '2026-11-27T15:30:00.000Z',
  };
  const [referral] = forwardedLetterReferralsOf(forward, 90, now);

  it('gives the organisation forwarded to one referral about the letter’s person', () => {
    expect(forwardedLetterReferralsOf(forward, 90, now)).toHaveLength(1);
    expect(referral?.type).toBe('StartCareRelationship');
    expect(referral?.data).toMatchObject({
      personId: letter.personId,
      organisation: 'LA001',
      kind: 'referral',
    });
  });

  it('runs from the forward, not the sending, for the configured days', () => {
    expect(referral?.data).toMatchObject({
      since: '2026-11-27T15:30:00.000Z',
      until: '2027-02-25T15:30:00.000Z',
    });
    expect(forwardedLetterReferralsOf(forward, 7, now)[0]?.data.until).toBe('2026-12-04T15:30:00.000Z');
  });

  it('is named after the letter and the organisation, so a redelivery starts nothing new', () => {
    expect(forwardedLetterReferralsOf(forward, 90, now)).toEqual([referral]);
    expect(referral?.metadata).toEqual({ idempotencyKey: `letter:${letter.letterId}:LA001`, now });
  });

  it('is the referral the sending gave, when the organisation was already a recipient', () => {
    const [sentToRy1] = letterReferralsOf(
      { ...letter, copies: [{ copyId: 'c2', recipient: { organisation: 'RY1' } }] },
      90,
      now,
    );
    const [forwardedToRy1] = forwardedLetterReferralsOf(
      { ...forward, recipient: { organisation: 'RY1', practitioner: 'nurse-2' } },
      90,
      now,
    );
    expect(forwardedToRy1?.data.relationshipId).toBe(sentToRy1?.data.relationshipId);
    expect(forwardedToRy1?.metadata.idempotencyKey).toBe(sentToRy1?.metadata.idempotencyKey);
  });

  it('names the organisation alone: another of its teams gets the same referral', () => {
    const [toAnotherTeam] = forwardedLetterReferralsOf(
      { ...forward, recipient: { organisation: 'LA001', team: 'safeguarding' } },
      90,
      now,
    );
    expect(toAnotherTeam?.data.relationshipId).toBe(referral?.data.relationshipId);
  });

  it('differs from letter to letter', () => {
    const [otherLetter] = forwardedLetterReferralsOf(
      { ...forward, letterId: '1a2b3c4d-5e6f-4a70-8b91-a2b3c4d5e6f7' },
      90,
      now,
    );
    expect(otherLetter?.data.relationshipId).not.toBe(referral?.data.relationshipId);
  });

  it('gives none for a forward back to the letter’s sender organisation', () => {
    expect(
      forwardedLetterReferralsOf(
        { ...forward, recipient: { organisation: 'RBS', team: 'cardiology' } },
        90,
        now,
      ),
    ).toEqual([]);
  });

  it.each(['read', 'acknowledged', 'rejected'] as const)('gives none for a copy %s', (change) => {
    expect(forwardedLetterReferralsOf({ ...forward, change }, 90, now)).toEqual([]);
  });

  it('gives none for a forward that names no person (published before it carried one)', () => {
    const { personId: _personId, ...withoutPerson } = forward;
    expect(forwardedLetterReferralsOf(withoutPerson, 90, now)).toEqual([]);
  });
});
