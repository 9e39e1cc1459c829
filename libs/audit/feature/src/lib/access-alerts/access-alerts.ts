import type { AccessAlertV1, ReviewAlertRequestV1 } from '@ilinks/audit/contracts';
import {
  accessAlertDecider,
  type AccessAlertRaisedData,
  accessAlertStream,
  type RaiseAccessAlert,
  type ReviewAccessAlert,
} from '@ilinks/audit/domain';
import type { EventStore } from '@ilinks/platform/event-store';
import { CLOCK, EVENT_STORE, executeCommand, ServiceRuntime } from '@ilinks/platform/runtime';
import { type Clock, deterministicUuid, NotFoundError } from '@ilinks/shared/kernel';
import { Inject, Injectable } from '@nestjs/common';
import { AuditViews } from '../audit-views';
import { accessAlertOf } from './access-alerts.projection';

const ALERT_ID_NAMESPACE = 'ilinks.audit.alert';

/** An alert's id from what caused it (`break-glass:<grantId>`, …): the same cause raises one alert. */
export function alertIdFor(cause: string): string {
  return deterministicUuid(ALERT_ID_NAMESPACE, cause);
}

/** Raising and reviewing alerts: each alert is its own stream, decided by `accessAlertDecider`. */
@Injectable()
export class AccessAlerts {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly runtime: ServiceRuntime,
    private readonly views: AuditViews,
  ) {}

  /** Raises the alert unless it was raised before; resolves once the alerts view shows it. */
  async raise(alert: AccessAlertRaisedData, causationId?: string): Promise<void> {
    const command: RaiseAccessAlert = {
      type: 'RaiseAccessAlert',
      data: alert,
      metadata: { idempotencyKey: `raise:${alert.alertId}`, now: this.clock.now() },
    };
    const result = await executeCommand(
      this.eventStore,
      accessAlertDecider,
      accessAlertStream(alert.alertId),
      command,
      causationId === undefined ? {} : { causationId },
    );
    await this.runtime.waitForViews(result.position);
  }

  /**
   * Records the review. Repeating the same review is a retry and returns the alert as it is;
   * a different second review is refused (IllegalStateError → 409).
   */
  async review(alertId: string, request: ReviewAlertRequestV1): Promise<AccessAlertV1> {
    const { reviewedBy, outcome, note } = request;
    const command: ReviewAccessAlert = {
      type: 'ReviewAccessAlert',
      data: { alertId, reviewedBy, outcome, ...(note === undefined ? {} : { note }) },
      metadata: {
        idempotencyKey: deterministicUuid(
          `review:${alertId}`,
          JSON.stringify([reviewedBy, outcome, note ?? null]),
        ),
        now: this.clock.now(),
        actor: reviewedBy,
      },
    };
    const result = await executeCommand(
      this.eventStore,
      accessAlertDecider,
      accessAlertStream(alertId),
      command,
    );
    await this.runtime.waitForViews(result.position);
    return this.byId(alertId);
  }

  async byId(alertId: string): Promise<AccessAlertV1> {
    const found = await this.views.alerts.get(alertId);
    if (!found) throw new NotFoundError('No such alert');
    return accessAlertOf(found.body);
  }

  /** When the user's newest unusual-access alert was raised (epoch ms), if ever. */
  async lastUnusualAccessAlertAt(subject: string): Promise<number | undefined> {
    const page = await this.views.alerts.find({
      where: { subject, kind: 'unusual-access' },
      sort: { field: 'raisedAt', direction: 'desc' },
      limit: 1,
    });
    const raisedAt = page.items[0]?.body['raisedAt'];
    return typeof raisedAt === 'string' ? Date.parse(raisedAt) : undefined;
  }
}
