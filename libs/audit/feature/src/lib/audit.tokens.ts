/** Nest injection token of the service's validated `AuditConfig`. */
export const AUDIT_CONFIG = Symbol.for('ilinks.audit.AuditConfig');
