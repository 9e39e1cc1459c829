/** Prefix of every stream the consent service owns. */
export const CONSENT_STREAM_PREFIX = 'consent.';

const PERSON_STREAM_PREFIX = `${CONSENT_STREAM_PREFIX}person-`;

/** One stream per person: every sharing choice, relationship and break-glass grant about them. */
export const consentStream = (personId: string): string => `${PERSON_STREAM_PREFIX}${personId}`;

/** The person a consent stream is about, or undefined for a stream that is not a person's. */
export function personIdOfConsentStream(streamName: string): string | undefined {
  return streamName.startsWith(PERSON_STREAM_PREFIX)
    ? streamName.slice(PERSON_STREAM_PREFIX.length)
    : undefined;
}
