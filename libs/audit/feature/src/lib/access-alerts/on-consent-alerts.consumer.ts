import {
  type BreakGlassUsedV1,
  BreakGlassUsedV1Event,
  type CareRelationshipStartedV1,
  CareRelationshipStartedV1Event,
} from '@ilinks/consent/contracts';
import type { AccessAlertRaisedData } from '@ilinks/audit/domain';
import type { IntegrationEvent } from '@ilinks/platform/messaging';
import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { normalisedInstant } from '../audit-trail/audit-trail.stream';
import { AccessAlerts, alertIdFor } from './access-alerts';

/** The relationship kind a practitioner declares for themselves (reviewed by information governance). */
export const SELF_DECLARED_KIND = 'self-declared';

/** A break-glass grant → its alert (one per grant). */
export function breakGlassAlert(data: BreakGlassUsedV1): AccessAlertRaisedData {
  return {
    alertId: alertIdFor(`break-glass:${data.grantId}`),
    kind: 'break-glass',
    raisedAt: normalisedInstant(data.grantedAt),
    subject: data.subject,
    organisation: data.organisation,
    personIds: [data.personId],
    detail: data.reason,
  };
}

/** A self-declared care relationship → its alert (one per relationship); other kinds raise none. */
export function selfDeclaredRelationshipAlert(
  data: CareRelationshipStartedV1,
): AccessAlertRaisedData | undefined {
  if (data.kind !== SELF_DECLARED_KIND) return undefined;
  return {
    alertId: alertIdFor(`self-declared-relationship:${data.relationshipId}`),
    kind: 'self-declared-relationship',
    raisedAt: normalisedInstant(data.since),
    subject: data.declaredBy ?? 'unknown',
    organisation: data.organisation,
    personIds: [data.personId],
    detail: data.reason ?? 'no reason stated',
  };
}

/** Consent's break-glass uses and self-declared relationships become alerts for review. */
@Controller()
export class OnConsentAlertsConsumer {
  constructor(private readonly alerts: AccessAlerts) {}

  @EventPattern(BreakGlassUsedV1Event.type)
  async onBreakGlassUsed(@Payload() event: IntegrationEvent<BreakGlassUsedV1>): Promise<void> {
    await this.alerts.raise(breakGlassAlert(event.data), event.id);
  }

  @EventPattern(CareRelationshipStartedV1Event.type)
  async onCareRelationshipStarted(
    @Payload() event: IntegrationEvent<CareRelationshipStartedV1>,
  ): Promise<void> {
    const alert = selfDeclaredRelationshipAlert(event.data);
    if (alert) await this.alerts.raise(alert, event.id);
  }
}
