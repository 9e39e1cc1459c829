/**
 * Audit records travel from the gateway to the audit service on this topic, keyed by the request's
 * first person id (or `none`). The gateway waits for the broker's acknowledgement (acks=all) before
 * a response leaves: that is the durable write the trail's fail-closed rule rests on.
 * The audit trail itself publishes nothing else: no service learns who looked at a record from the bus.
 */
export const AUDIT_RECORDS_TOPIC = 'ilinks.audit.records.v1';
/** CloudEvents `source` of audit records (the gateway writes them). */
export const AUDIT_RECORDS_SOURCE = '/ilinks/gateway/audit';
