import type { AuditEventV1, AuditRecordV1 } from '@ilinks/audit/contracts';
import { deterministicUuid } from '@ilinks/shared/kernel';

/** The whole trail is one stream, so that its order (and hash chain) is the store's order. */
export const AUDIT_TRAIL_STREAM = 'audit.trail';

/** The one event type of the trail: a record took its place in the chain. */
export const AUDIT_RECORD_APPENDED = 'AuditRecordAppended';

/**
 * The trail event's id, from the record's id alone: the event store refuses (ignores) a second
 * event with the same id, which backs the writer's own check that a record is recorded once.
 */
export function auditTrailEventId(recordId: string): string {
  return deterministicUuid(AUDIT_TRAIL_STREAM, recordId);
}

/** A record as plain JSON: no class prototype, no undefined properties, exactly what is stored and hashed. */
export function plainRecord(record: AuditRecordV1): AuditRecordV1 {
  return JSON.parse(JSON.stringify(record)) as AuditRecordV1;
}

/** An ISO instant as UTC with milliseconds, so that the views sort records by time as text. */
export function normalisedInstant(value: string): string {
  const time = Date.parse(value);
  return Number.isNaN(time) ? value : new Date(time).toISOString();
}

/** Reads a stored trail event's data as the chain entry it was written as. */
export function trailEntryOf(data: unknown, revision: bigint): AuditEventV1 {
  const entry = (typeof data === 'object' && data !== null ? data : {}) as Partial<AuditEventV1>;
  return {
    // A damaged entry still has a place: its revision, so verification can name it.
    sequence: typeof entry.sequence === 'number' ? entry.sequence : Number(revision),
    previousHash: typeof entry.previousHash === 'string' ? entry.previousHash : '',
    hash: typeof entry.hash === 'string' ? entry.hash : '',
    record: (entry.record ?? null) as AuditRecordV1,
  };
}
