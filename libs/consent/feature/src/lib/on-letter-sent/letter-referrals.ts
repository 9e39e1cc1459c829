import type { StartCareRelationship } from '@ilinks/consent/domain';
import type { LetterSentV1 } from '@ilinks/correspondence/contracts';
import { deterministicUuid } from '@ilinks/shared/kernel';

const LETTER_REFERRAL_NAMESPACE = 'ilinks:consent:letter-referral';
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The referrals a letter gives the organisations it was sent to: a letter about a person asks its
 * recipients to take part in their care (a referral, a discharge to the community team, an
 * assessment), so each recipient organisation other than the sender gets a `referral` care
 * relationship from the sending for `days` days — as a share of record items does. One per
 * organisation however many of its teams or practitioners the letter names; ids and idempotency
 * keys come from the letter and the organisation, so a redelivered event starts nothing new.
 */
export function letterReferralsOf(
  letter: Pick<LetterSentV1, 'letterId' | 'personId' | 'organisation' | 'copies' | 'sentAt'>,
  days: number,
  now: Date,
): StartCareRelationship[] {
  const since = new Date(letter.sentAt);
  const organisations = [...new Set(letter.copies.map((copy) => copy.recipient.organisation))].filter(
    (organisation) => organisation !== letter.organisation,
  );
  return organisations.map((organisation) => ({
    type: 'StartCareRelationship',
    data: {
      personId: letter.personId,
      relationshipId: deterministicUuid(LETTER_REFERRAL_NAMESPACE, `${letter.letterId}|${organisation}`),
      organisation,
      kind: 'referral',
      since: since.toISOString(),
      until: new Date(since.getTime() + days * DAY_MS).toISOString(),
    },
    metadata: { idempotencyKey: `letter:${letter.letterId}:${organisation}`, now },
  }));
}
