import type { AuditEventV1, AuditRecordV1 } from '@ilinks/audit/contracts';
import { appendToChain, type ChainHead } from '@ilinks/audit/domain';
import {
  type EventStore,
  type RecordedEvent,
  WrongExpectedRevisionError,
} from '@ilinks/platform/event-store';
import { injectTraceContext } from '@ilinks/platform/observability';
import { EVENT_STORE, ServiceRuntime } from '@ilinks/platform/runtime';
import { ConflictError } from '@ilinks/shared/kernel';
import { Inject, Injectable } from '@nestjs/common';
import { AuditViews } from '../audit-views';
import {
  AUDIT_RECORD_APPENDED,
  AUDIT_TRAIL_STREAM,
  auditTrailEventId,
  plainRecord,
  trailEntryOf,
} from './audit-trail.stream';

/** Records appended to the trail in one event-store append at most. */
const MAX_BATCH = 500;
/** Attempts at one batch while other replicas keep appending first. */
const MAX_ATTEMPTS = 20;

interface Pending {
  readonly record: AuditRecordV1;
  readonly resolve: (position: bigint) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Appends audit records to the one hash-chained stream `audit.trail`. Records that arrive while an
 * append is in flight are gathered and appended together (group commit), so the chain costs one
 * read and one write per batch rather than per record.
 *
 * Each batch: read the trail's head, wait until this replica's views include it, leave out the
 * records already in the trail (`audit_events_v1`), chain the rest after the head, and append
 * with the head's revision as the expected one. Another replica appending first is a conflict:
 * read the new head and chain again. Event ids come from record ids, so the store itself also
 * refuses a record twice.
 */
@Injectable()
export class AuditTrailWriter {
  private readonly pending: Pending[] = [];
  private draining = false;

  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    private readonly runtime: ServiceRuntime,
    private readonly views: AuditViews,
  ) {}

  /**
   * Resolves once the record is in the trail (now, or already before), with a global position at
   * or after its event: wait for the views to reach it to read it back.
   */
  append(record: AuditRecordV1): Promise<bigint> {
    return new Promise<bigint>((resolve, reject) => {
      this.pending.push({ record: plainRecord(record), resolve, reject });
      void this.drain();
    });
  }

  private async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    try {
      while (this.pending.length > 0) {
        const batch = this.pending.splice(0, MAX_BATCH);
        try {
          const position = await this.appendBatch(batch.map((entry) => entry.record));
          for (const entry of batch) entry.resolve(position);
        } catch (error) {
          for (const entry of batch) entry.reject(error);
        }
      }
    } finally {
      this.draining = false;
    }
  }

  /** Appends the records not yet in the trail; returns the position of the trail's head after. */
  async appendBatch(records: readonly AuditRecordV1[]): Promise<bigint> {
    for (let attempt = 1; ; attempt += 1) {
      const [last] = await this.eventStore.readStream(AUDIT_TRAIL_STREAM, {
        direction: 'backwards',
        maxCount: 1,
      });
      if (last) await this.runtime.waitForViews(last.position);
      const fresh = await this.notYetRecorded(records);
      if (fresh.length === 0) return last?.position ?? -1n;
      const entries = appendToChain(headOf(last), fresh);
      try {
        const appended = await this.eventStore.appendToStream(
          AUDIT_TRAIL_STREAM,
          entries.map((entry: AuditEventV1) => ({
            id: auditTrailEventId(entry.record.recordId),
            type: AUDIT_RECORD_APPENDED,
            data: entry,
            metadata: { traceparent: injectTraceContext() },
          })),
          { expectedRevision: last?.revision ?? 'no_stream' },
        );
        return appended.position;
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
        if (attempt >= MAX_ATTEMPTS) {
          throw new ConflictError(`${AUDIT_TRAIL_STREAM} kept changing while records were chained`);
        }
      }
    }
  }

  /** The records (first of each id) not in `audit_events_v1`, in arrival order. */
  private async notYetRecorded(records: readonly AuditRecordV1[]): Promise<AuditRecordV1[]> {
    const byId = new Map<string, AuditRecordV1>();
    for (const record of records) if (!byId.has(record.recordId)) byId.set(record.recordId, record);
    const known = new Set((await this.views.events.getMany([...byId.keys()])).map((doc) => doc.id));
    return [...byId.values()].filter((record) => !known.has(record.recordId));
  }
}

function headOf(last: RecordedEvent | undefined): ChainHead | undefined {
  if (!last) return undefined;
  const entry = trailEntryOf(last.data, last.revision);
  return { sequence: entry.sequence, hash: entry.hash };
}
