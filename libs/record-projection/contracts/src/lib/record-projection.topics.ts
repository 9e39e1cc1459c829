/** The topic the record-projection service publishes its integration events on. */
export const RECORD_TOPIC = 'ilinks.record.v1';
/** CloudEvents `source` of the record-projection service's events. */
export const RECORD_EVENT_SOURCE = '/ilinks/record-projection';
