import type { StartCareRelationship } from '@ilinks/consent/domain';
import type { LetterCopyChangedV1, LetterSentV1 } from '@ilinks/correspondence/contracts';
import { deterministicUuid } from '@ilinks/shared/kernel';

const LETTER_REFERRAL_NAMESPACE = 'ilinks:consent:letter-referral';
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The one referral a letter gives `organisation`, named after the letter and the organisation
 * alone: the sending and a later forward to the same organisation make the same id and key, so the
 * second (and any redelivery) starts nothing new.
 */
function letterReferralOf(
  letter: { letterId: string; personId: string },
  organisation: string,
  from: string,
  days: number,
  now: Date,
): StartCareRelationship {
  const since = new Date(from);
  return {
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
  };
}

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
  const organisations = [...new Set(letter.copies.map((copy) => copy.recipient.organisation))].filter(
    (organisation) => organisation !== letter.organisation,
  );
  return organisations.map((organisation) =>
    letterReferralOf(letter, organisation, letter.sentAt, days, now),
  );
}

/**
 * The referral a forwarded copy gives the organisation it was forwarded to, from the forward for
 * `days` days: none for another kind of change, one naming no person (forwarded before the event
 * carried it), or one back to the letter's sender. Named as {@link letterReferralsOf} names them,
 * so an organisation the letter was already sent to, or forwarded to before, gets nothing new.
 */
export function forwardedLetterReferralsOf(
  change: Pick<
    LetterCopyChangedV1,
    'letterId' | 'change' | 'recipient' | 'senderOrganisation' | 'personId' | 'changedAt'
  >,
  days: number,
  now: Date,
): StartCareRelationship[] {
  const { personId, recipient } = change;
  if (change.change !== 'forwarded' || personId === undefined) return [];
  if (recipient.organisation === change.senderOrganisation) return [];
  return [
    letterReferralOf(
      { letterId: change.letterId, personId },
      recipient.organisation,
      change.changedAt,
      days,
      now,
    ),
  ];
}
