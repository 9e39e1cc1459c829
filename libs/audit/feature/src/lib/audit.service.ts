import { AUDIT_RECORDS_TOPIC, AuditRecordV1Event } from '@ilinks/audit/contracts';
import {
  BreakGlassUsedV1Event,
  CareRelationshipStartedV1Event,
  CONSENT_TOPIC,
} from '@ilinks/consent/contracts';
import type { ServiceDefinition } from '@ilinks/platform/runtime';
import { Module } from '@nestjs/common';
import { AccessAlerts } from './access-alerts/access-alerts';
import { AccessAlertsController } from './access-alerts/access-alerts.controller';
import { accessAlertsProjection } from './access-alerts/access-alerts.projection';
import { OnConsentAlertsConsumer } from './access-alerts/on-consent-alerts.consumer';
import { UnusualAccessPolicy } from './access-alerts/unusual-access.policy';
import { loadAuditConfig } from './audit.config';
import { AUDIT_CONFIG } from './audit.tokens';
import { auditByPersonProjection } from './audit-events-view/audit-by-person.projection';
import { AuditEventsController } from './audit-events-view/audit-events.controller';
import { auditEventsProjection } from './audit-events-view/audit-events.projection';
import { AuditTrailWriter } from './audit-trail/audit-trail.writer';
import { OnAuditRecordConsumer } from './audit-trail/on-audit-record.consumer';
import { AuditViews } from './audit-views';
import { VerifyTrailController } from './verify-trail/verify-trail.controller';

/**
 * The audit service: the hash-chained trail of every access (stream `audit.trail`), the reports
 * on it, and the alerts information governance reviews (one stream per alert). It publishes
 * nothing: no service learns from the bus who looked at a record.
 */
export const auditService: ServiceDefinition = {
  name: 'audit',
  streamPrefixes: ['audit.'],
  publishes: [],
  projections: [auditEventsProjection, auditByPersonProjection, accessAlertsProjection],
  consumes: {
    topics: [AUDIT_RECORDS_TOPIC, CONSENT_TOPIC],
    schemas: [AuditRecordV1Event, BreakGlassUsedV1Event, CareRelationshipStartedV1Event],
  },
};

/** The service's HTTP API and consumers; its settings (`AuditConfig`) are read and validated at start. */
@Module({
  controllers: [
    OnAuditRecordConsumer,
    OnConsentAlertsConsumer,
    AuditEventsController,
    VerifyTrailController,
    AccessAlertsController,
  ],
  providers: [
    AuditViews,
    AuditTrailWriter,
    AccessAlerts,
    UnusualAccessPolicy,
    { provide: AUDIT_CONFIG, useFactory: () => loadAuditConfig() },
  ],
})
export class AuditModule {}
