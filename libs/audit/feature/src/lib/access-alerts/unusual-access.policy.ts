import type { AuditRecordV1 } from '@ilinks/audit/contracts';
import {
  detectUnusualAccess,
  isOutsideRelationship,
  type UnusualAccessSettings,
  type UserAccess,
} from '@ilinks/audit/domain';
import { ServiceRuntime } from '@ilinks/platform/runtime';
import { Inject, Injectable } from '@nestjs/common';
import { type AuditConfig, unusualAccessSettingsOf } from '../audit.config';
import { AUDIT_CONFIG } from '../audit.tokens';
import { auditEventOf } from '../audit-events-view/audit-events.projection';
import { AuditViews } from '../audit-views';
import { AccessAlerts, alertIdFor } from './access-alerts';

const PAGE = 200;
/** Accesses read back per check at most: a busy system account must not turn one check into a scan. */
const MAX_SCANNED = 10_000;

/** A record as the unusual-access detector sees it. */
export function userAccessOf(record: AuditRecordV1): UserAccess {
  return {
    recordId: record.recordId,
    at: Date.parse(record.recordedAt),
    personIds: record.personIds,
    ...(record.basis === undefined ? {} : { basis: record.basis }),
    denied: record.outcome === 'denied',
  };
}

/**
 * Raises an `unusual-access` alert when a recorded access makes its user's recent activity unusual
 * (see `detectUnusualAccess`). The user's recent accesses are read from `audit_events_v1`, newest
 * first, until the window's start (at most 10,000 of them). The alert's id comes from the record
 * that tipped the count, so a redelivered record, or a concurrent check of a later one, raises
 * nothing new.
 */
@Injectable()
export class UnusualAccessPolicy {
  private readonly settings: UnusualAccessSettings;

  constructor(
    @Inject(AUDIT_CONFIG) config: AuditConfig,
    private readonly runtime: ServiceRuntime,
    private readonly views: AuditViews,
    private readonly alerts: AccessAlerts,
  ) {
    this.settings = unusualAccessSettingsOf(config);
  }

  /** Checks `record`, which is in the trail at or before `position`. */
  async check(record: AuditRecordV1, position: bigint): Promise<void> {
    const latest = userAccessOf(record);
    if (Number.isNaN(latest.at) || (!latest.denied && !isOutsideRelationship(latest))) return;
    // Unauthenticated callers are not a user to review: refused tokens are in the trail as such.
    if (record.agent.role === 'anonymous') return;
    await this.runtime.waitForViews(position);
    const subject = record.agent.subject;
    const recent = await this.recentAccesses(subject, latest.at - this.settings.windowMs);
    const lastAlertAt = await this.alerts.lastUnusualAccessAlertAt(subject);
    const finding = detectUnusualAccess(recent, latest, lastAlertAt, this.settings);
    if (!finding) return;
    await this.alerts.raise({
      alertId: alertIdFor(`unusual-access:${finding.tippedBy.recordId}`),
      kind: 'unusual-access',
      raisedAt: new Date(finding.tippedBy.at).toISOString(),
      subject,
      organisation: record.agent.organisation,
      personIds: finding.personIds,
      detail: finding.detail,
    });
  }

  /** The user's accesses after `since` (epoch ms), newest first; the view only filters on equality. */
  private async recentAccesses(subject: string, since: number): Promise<UserAccess[]> {
    const accesses: UserAccess[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.views.events.find({
        where: { agentSubject: subject },
        sort: { field: 'recordedAt', direction: 'desc' },
        limit: PAGE,
        ...(cursor ? { cursor } : {}),
      });
      for (const doc of page.items) {
        const access = userAccessOf(auditEventOf(doc.body).record);
        if (access.at <= since) return accesses;
        accesses.push(access);
      }
      cursor = page.nextCursor;
    } while (cursor && accesses.length < MAX_SCANNED);
    return accesses;
  }
}
