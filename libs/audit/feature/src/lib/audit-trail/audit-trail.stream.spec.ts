import type { AuditRecordV1 } from '@ilinks/audit/contracts';
import { auditTrailEventId, normalisedInstant, plainRecord, trailEntryOf } from './audit-trail.stream';

describe('audit trail stream helpers', () => {
  it('derives the event id from the record id alone', () => {
    expect(auditTrailEventId('r1')).toBe(auditTrailEventId('r1'));
    expect(auditTrailEventId('r1')).not.toBe(auditTrailEventId('r2'));
  });

  it('turns a record into plain JSON without undefined properties', () => {
    class Record {
      recordId = 'r1';
      basis: string | undefined = undefined;
    }
    const plain = plainRecord(new Record() as unknown as AuditRecordV1);
    expect(plain).toEqual({ recordId: 'r1' });
    expect(Object.getPrototypeOf(plain)).toBe(Object.prototype);
  });

  it('normalises instants to UTC with milliseconds and leaves anything else alone', () => {
    expect(normalisedInstant('2026-01-01T10:00:00+01:00')).toBe('2026-01-01T09:00:00.000Z');
    expect(normalisedInstant('2026-01-01')).toBe('2026-01-01T00:00:00.000Z');
    expect(normalisedInstant('not a date')).toBe('not a date');
  });

  it('reads a damaged entry at its revision, so verification can still name its place', () => {
    expect(trailEntryOf('garbage', 7n)).toEqual({ sequence: 7, previousHash: '', hash: '', record: null });
    expect(
      trailEntryOf({ sequence: 3, previousHash: 'a', hash: 'b', record: { recordId: 'r' } }, 9n),
    ).toEqual({
      sequence: 3,
      previousHash: 'a',
      hash: 'b',
      record: { recordId: 'r' },
    });
  });
});
