import { deterministicUuid } from '@ilinks/shared/kernel';
import type { LetterRecipient } from './letter.types';

/** Every stream of the correspondence service starts with this (the relay publishes them). */
export const CORRESPONDENCE_STREAM_PREFIX = 'correspondence.';

const LETTER_NAMESPACE = 'ilinks:correspondence:letter';
const COPY_NAMESPACE = 'ilinks:correspondence:copy';

/** One letter's stream. */
export const letterStream = (letterId: string): string => `${CORRESPONDENCE_STREAM_PREFIX}letter-${letterId}`;

/**
 * The id of a letter: the same for the same sender organisation and partner document id (or,
 * without one, idempotency key), so the same document sent twice is one letter.
 */
export function letterIdFor(organisation: string, partnerDocumentIdOrKey: string): string {
  return deterministicUuid(LETTER_NAMESPACE, `${organisation}|${partnerDocumentIdOrKey}`);
}

/** The key that tells recipients apart: organisation, team and practitioner. */
export function recipientKey(recipient: LetterRecipient): string {
  return `${recipient.organisation}|${recipient.team ?? ''}|${recipient.practitioner ?? ''}`;
}

/** The id of a copy: the same for the same letter and recipient. */
export function copyIdFor(letterId: string, recipient: LetterRecipient): string {
  return deterministicUuid(COPY_NAMESPACE, `${letterId}|${recipientKey(recipient)}`);
}
