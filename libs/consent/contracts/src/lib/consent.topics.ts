/** The topic the consent service publishes its integration events on. */
export const CONSENT_TOPIC = 'ilinks.consent.v1';
/** CloudEvents `source` of the consent service's events. */
export const CONSENT_EVENT_SOURCE = '/ilinks/consent';
