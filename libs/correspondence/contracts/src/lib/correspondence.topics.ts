/** The topic the correspondence service publishes its integration events on. */
export const CORRESPONDENCE_TOPIC = 'ilinks.correspondence.v1';
/** CloudEvents `source` of the correspondence service's events. */
export const CORRESPONDENCE_EVENT_SOURCE = '/ilinks/correspondence';
