import { deterministicUuid } from '@ilinks/shared/kernel';
import { IDENTITY_STREAM_PREFIX } from '../local-record.stream';

/** One review per record and the provisional person made for it: a retry raises the same review. */
export const reviewIdFor = (localRecordId: string, personId: string): string =>
  deterministicUuid('ilinks:identity:match-review', `${localRecordId}|${personId}`);

export const matchReviewStream = (reviewId: string): string =>
  `${IDENTITY_STREAM_PREFIX}match-review-${reviewId}`;
