import { ForbiddenError, NotFoundError } from '@ilinks/shared/kernel';
import { DeciderSpecification } from '@ilinks/shared/testing';
import {
  type AcknowledgeSafeguardingAlert,
  type RaiseSafeguardingAlert,
  safeguardingAlertDecider,
  type SafeguardingAlertRaised,
  safeguardingAlertStream,
} from './safeguarding-alert.decider';
import type { SafeguardingAlertRaisedData } from './safeguarding-alerts';

const now = new Date('2026-03-01T10:00:00Z');
const alertId = '22222222-2222-4222-8222-222222222222';
const alert: SafeguardingAlertRaisedData = {
  alertId,
  kind: 'child-protection-flag',
  personId: '11111111-1111-4111-8111-111111111111',
  organisation: 'HOSP1',
  audience: 'attending-service',
  trigger: {
    entryId: 'e1',
    organisation: 'HOSP1',
    setting: 'emergency-department',
    at: '2026-03-01T09:00:00.000Z',
  },
  flags: [],
  attendances: [],
  raisedAt: '2026-03-01T09:30:00.000Z',
};
const raise: RaiseSafeguardingAlert = {
  type: 'RaiseSafeguardingAlert',
  data: alert,
  metadata: { idempotencyKey: `raise:${alertId}`, now },
};
const raised: SafeguardingAlertRaised = { type: 'SafeguardingAlertRaised', data: alert };
const recordedBy = { subject: 'dr-who', role: 'practitioner' };
const acknowledge = (organisation = 'HOSP1'): AcknowledgeSafeguardingAlert => ({
  type: 'AcknowledgeSafeguardingAlert',
  data: { alertId, organisation, acknowledgedBy: recordedBy },
  metadata: { idempotencyKey: 'ack-1', now },
});
const acknowledged = {
  type: 'SafeguardingAlertAcknowledged' as const,
  data: { alertId, organisation: 'HOSP1', acknowledgedBy: recordedBy, acknowledgedAt: now.toISOString() },
};

const spec = DeciderSpecification.for(safeguardingAlertDecider);

describe('safeguardingAlertDecider', () => {
  it('raises a new alert', () => {
    spec.when(raise).then([raised]);
  });

  it('stays quiet when the alert is raised again', () => {
    spec.given([raised]).when(raise).thenNothing();
    spec.given([raised, acknowledged]).when(raise).thenNothing();
  });

  it('records the acknowledgement by the addressed organisation', () => {
    spec.given([raised]).when(acknowledge()).then([acknowledged]);
  });

  it('stays quiet on a second acknowledgement', () => {
    spec.given([raised, acknowledged]).when(acknowledge()).thenNothing();
  });

  it('refuses another organisation', () => {
    spec.given([raised]).when(acknowledge('SOC1')).thenThrows(ForbiddenError);
    spec.given([raised, acknowledged]).when(acknowledge('SOC1')).thenThrows(ForbiddenError);
  });

  it('refuses acknowledging an unknown alert', () => {
    spec.when(acknowledge()).thenThrows(NotFoundError);
  });

  it('keeps each alert on its own stream under the record prefix', () => {
    expect(safeguardingAlertStream(alertId)).toBe(`record.safeguarding-alert-${alertId}`);
  });
});
