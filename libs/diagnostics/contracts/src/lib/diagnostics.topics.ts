/** The topic the diagnostics service publishes its integration events on. */
export const DIAGNOSTICS_TOPIC = 'ilinks.diagnostics.v1';
/** CloudEvents `source` of the diagnostics service's events. */
export const DIAGNOSTICS_EVENT_SOURCE = '/ilinks/diagnostics';
