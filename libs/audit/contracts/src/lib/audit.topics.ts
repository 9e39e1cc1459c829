/**
 * The audit trail publishes no integration events: other services never learn who looked at a
 * record from the bus. Its records arrive from the gateway (issue 4).
 */
export const AUDIT_PUBLISHES_NOTHING = true;
