import type { StartCareRelationship } from '@ilinks/consent/domain';
import type { RecordItemsSharedV1 } from '@ilinks/record-projection/contracts';
import { deterministicUuid } from '@ilinks/shared/kernel';

const REFERRAL_NAMESPACE = 'ilinks:consent:share-referral';
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The referral a share of record items gives its recipient organisation: a `referral` care
 * relationship from the moment of sharing for `days` days. Its id and idempotency key come from the
 * share, so a redelivered event starts nothing new. A share within one organisation (to a team or a
 * colleague) gives none: that organisation already has a relationship with the person.
 */
export function shareReferralOf(
  share: Pick<
    RecordItemsSharedV1,
    'shareId' | 'personId' | 'organisation' | 'recipientOrganisation' | 'sharedAt'
  >,
  days: number,
  now: Date,
): StartCareRelationship | undefined {
  if (share.recipientOrganisation === share.organisation) return undefined;
  const since = new Date(share.sharedAt);
  return {
    type: 'StartCareRelationship',
    data: {
      personId: share.personId,
      relationshipId: deterministicUuid(REFERRAL_NAMESPACE, share.shareId),
      organisation: share.recipientOrganisation,
      kind: 'referral',
      since: since.toISOString(),
      until: new Date(since.getTime() + days * DAY_MS).toISOString(),
    },
    metadata: { idempotencyKey: `record-share:${share.shareId}`, now },
  };
}
