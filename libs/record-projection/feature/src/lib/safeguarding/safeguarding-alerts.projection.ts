import type { SafeguardingAlertV1 } from '@ilinks/record-projection/contracts';
import type { SafeguardingAlertEvent } from '@ilinks/record-projection/domain';
import type { Json, Projection, ProjectionEvent } from '@ilinks/platform/read-models';

/** `safeguarding_alerts_v1`: an alert as the API shows it (`SafeguardingAlertV1`), stored as JSON. */
export type SafeguardingAlertDocument = { [key: string]: Json };

type Event = ProjectionEvent<SafeguardingAlertEvent['type'], SafeguardingAlertEvent['data']>;

export const safeguardingAlertOf = (doc: SafeguardingAlertDocument): SafeguardingAlertV1 =>
  doc as unknown as SafeguardingAlertV1;
const asDocument = (alert: SafeguardingAlertV1): SafeguardingAlertDocument =>
  alert as unknown as SafeguardingAlertDocument;

/** Alerts by id, listed per addressed organisation (newest first), optionally per person or status. */
export const safeguardingAlertsProjection: Projection<SafeguardingAlertDocument, Event> = {
  collection: {
    name: 'safeguarding_alerts_v1',
    indexes: [
      { fields: ['organisation', 'raisedAt'] },
      { fields: ['organisation', 'status', 'raisedAt'] },
      { fields: ['organisation', 'personId', 'raisedAt'] },
      { fields: ['personId'] },
    ],
  },
  handles: ['SafeguardingAlertRaised', 'SafeguardingAlertAcknowledged'],
  documentId: (event) => event.data.alertId,
  evolve(doc, event) {
    const alertEvent = event as SafeguardingAlertEvent;
    switch (alertEvent.type) {
      case 'SafeguardingAlertRaised': {
        const data = alertEvent.data;
        return asDocument({
          alertId: data.alertId,
          kind: data.kind,
          personId: data.personId,
          organisation: data.organisation,
          audience: data.audience,
          trigger: { ...data.trigger },
          flags: data.flags.map((flag) => ({ ...flag })),
          attendances: data.attendances.map((attendance) => ({ ...attendance })),
          raisedAt: data.raisedAt,
          status: 'open',
        });
      }
      case 'SafeguardingAlertAcknowledged': {
        // An acknowledgement always follows its raise in the alert's own stream.
        if (!doc) return null;
        const { acknowledgedAt, acknowledgedBy } = alertEvent.data;
        return asDocument({
          ...safeguardingAlertOf(doc),
          status: 'acknowledged',
          acknowledgedAt,
          acknowledgedBy: { subject: acknowledgedBy.subject, role: acknowledgedBy.role },
        });
      }
    }
  },
};
