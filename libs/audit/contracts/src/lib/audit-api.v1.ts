import type { AuditRecordV1 } from './audit-record.v1';

/**
 * The audit service's internal HTTP API (called by the gateway, never by partners). Plain types.
 *
 * Routes (JSON; errors are FHIR OperationOutcome):
 * - `GET /audit-events?patient=&agent=&organisation=&breakGlass=true&since=&until=&cursor=&limit=`
 *   → {@link AuditPageV1}, newest first; `since`/`until` are ISO instants (inclusive/exclusive).
 * - `GET /audit-events/:recordId` → {@link AuditEventV1} (404 when unknown).
 * - `POST /trail/verify` → {@link TrailVerificationV1}: walks the whole hash chain.
 * - `GET /alerts?status=open|reviewed&cursor=&limit=` → {@link AlertPageV1}, newest first.
 * - `POST /alerts/:alertId/review` {@link ReviewAlertRequestV1} → {@link AccessAlertV1}.
 */

/** A record as stored in the trail: its place in the hash chain with it. */
export interface AuditEventV1 {
  readonly record: AuditRecordV1;
  /** 0-based position in the chain. */
  readonly sequence: number;
  /** sha256 hex over the previous hash and the record's canonical JSON. */
  readonly hash: string;
  readonly previousHash: string;
}

export interface AuditPageV1 {
  readonly items: readonly AuditEventV1[];
  readonly nextCursor?: string;
}

export type TrailProblemV1 = 'altered' | 'missing' | 'out-of-order';

export interface TrailVerificationV1 {
  readonly verified: boolean;
  /** Records checked. */
  readonly records: number;
  readonly headHash?: string;
  /** The first record where the chain breaks, when it does. */
  readonly firstBreak?: {
    readonly sequence: number;
    readonly recordId?: string;
    readonly problem: TrailProblemV1;
  };
  readonly verifiedAt: string;
}

export const ALERT_KINDS = ['break-glass', 'self-declared-relationship', 'unusual-access'] as const;
export type AlertKindV1 = (typeof ALERT_KINDS)[number];

/** Something an information-governance officer should look at. No clinical content. */
export interface AccessAlertV1 {
  readonly alertId: string;
  readonly kind: AlertKindV1;
  readonly raisedAt: string;
  /** The user the alert is about. */
  readonly subject: string;
  readonly organisation: string;
  readonly personIds: readonly string[];
  /** The stated reason (break-glass, self-declared) or what was unusual, in plain words. */
  readonly detail: string;
  readonly status: 'open' | 'reviewed';
  readonly review?: {
    readonly reviewedBy: string;
    readonly reviewedAt: string;
    readonly outcome: 'appropriate' | 'inappropriate' | 'escalated';
    readonly note?: string;
  };
}

export interface AlertPageV1 {
  readonly items: readonly AccessAlertV1[];
  readonly nextCursor?: string;
}

export interface ReviewAlertRequestV1 {
  readonly reviewedBy: string;
  readonly outcome: 'appropriate' | 'inappropriate' | 'escalated';
  readonly note?: string;
}
