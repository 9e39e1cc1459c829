/** Every integration event the identity service publishes travels on this topic: record events keyed by local record id, person events by person id. */
export const IDENTITY_TOPIC = 'ilinks.identity.v1';
/** CloudEvents `source` of the identity service's events. */
export const IDENTITY_EVENT_SOURCE = '/ilinks/identity-matching';
