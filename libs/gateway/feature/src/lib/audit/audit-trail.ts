import {
  AUDIT_RECORDS_SOURCE,
  AUDIT_RECORDS_TOPIC,
  type AuditRecordV1,
  AuditRecordV1Event,
} from '@ilinks/audit/contracts';
import { type BusMessage, type MessageBus, toValidatedBusMessage } from '@ilinks/platform/messaging';
import type { Clock } from '@ilinks/shared/kernel';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { buildAuditRecord, type FinishedRequest } from './audit-record.builder';

/** Injection token of the `MessageBus` the gateway writes audit records to. */
export const AUDIT_BUS = 'ilinks:gateway-audit-bus';
/** Injection token of the {@link AuditTrailSettings}. */
export const AUDIT_TRAIL_SETTINGS = 'ilinks:audit-trail-settings';

export interface AuditTrailSettings {
  /** Longest wait for the broker's acknowledgement before the record counts as not written. */
  readonly timeoutMs: number;
  readonly clock: Clock;
}

/** The audit record could not be written in time: the request must fail closed. */
export class AuditUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuditUnavailableError';
  }
}

/**
 * Writes one `AuditRecordV1` per request to `ilinks.audit.records.v1` and resolves only when the
 * broker acknowledged it. Anything else — an invalid record, a refusing or closed bus, no answer
 * within the timeout — rejects with {@link AuditUnavailableError}, whose message names the cause
 * but never a record's values. A publish that times out may still land later: the trail then holds
 * a record of a request that was answered 503, which errs on the side of recording.
 */
@Injectable()
export class AuditTrail implements OnModuleInit {
  constructor(
    @Inject(AUDIT_BUS) private readonly bus: MessageBus,
    @Inject(AUDIT_TRAIL_SETTINGS) private readonly settings: AuditTrailSettings,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.bus.ensureTopics([AUDIT_RECORDS_TOPIC]);
  }

  /** Builds the request's record, stamped now, and writes it; resolves to the record written. */
  async recordRequest(
    request: Omit<FinishedRequest, 'recordedAt'>,
    traceparent?: string,
  ): Promise<AuditRecordV1> {
    const record = buildAuditRecord({ ...request, recordedAt: this.settings.clock.now() });
    await this.record(record, traceparent);
    return record;
  }

  /** Validates and publishes one record, keyed by its first person (or `none`). */
  async record(record: AuditRecordV1, traceparent?: string): Promise<void> {
    const message = auditMessageOf(record, traceparent);
    await withTimeout(this.bus.publish([message]), this.settings.timeoutMs);
  }
}

function auditMessageOf(record: AuditRecordV1, traceparent: string | undefined): BusMessage {
  try {
    return toValidatedBusMessage(
      AuditRecordV1Event,
      record.personIds[0] ?? 'none',
      { id: record.recordId, source: AUDIT_RECORDS_SOURCE, time: record.recordedAt, data: record },
      traceparent,
    );
  } catch (error: unknown) {
    // The validation message lists property paths and rules, never values.
    throw new AuditUnavailableError(`the audit record is invalid: ${describe(error)}`);
  }
}

async function withTimeout(publishing: Promise<void>, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new AuditUnavailableError(`the broker did not acknowledge within ${timeoutMs} ms`)),
      timeoutMs,
    );
  });
  try {
    await Promise.race([
      publishing.catch((error: unknown) => {
        throw new AuditUnavailableError(`the bus refused the audit record: ${describe(error)}`);
      }),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return 'a non-Error value';
  const issues = (error as { issues?: readonly { path?: string; message: string }[] }).issues;
  if (Array.isArray(issues) && issues.length > 0)
    return issues.map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message)).join('; ');
  // Driver messages may quote broker details but not record contents (the record is never in them).
  return error.name;
}
