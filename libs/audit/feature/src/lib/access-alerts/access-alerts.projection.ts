import type { AccessAlertV1 } from '@ilinks/audit/contracts';
import type { AccessAlertEvent } from '@ilinks/audit/domain';
import type { Json, Projection, ProjectionEvent } from '@ilinks/platform/read-models';
import { normalisedInstant } from '../audit-trail/audit-trail.stream';

/** `access_alerts_v1`: an alert as the API shows it (`AccessAlertV1`), stored as JSON (id: alertId). */
export type AccessAlertDocument = { [key: string]: Json };

type Event = ProjectionEvent<AccessAlertEvent['type'], AccessAlertEvent['data']>;

export const accessAlertOf = (doc: AccessAlertDocument): AccessAlertV1 => doc as unknown as AccessAlertV1;
const asDocument = (alert: AccessAlertV1): AccessAlertDocument => alert as unknown as AccessAlertDocument;

export const accessAlertsProjection: Projection<AccessAlertDocument, Event> = {
  collection: {
    name: 'access_alerts_v1',
    indexes: [
      { fields: ['raisedAt'] },
      { fields: ['status', 'raisedAt'] },
      { fields: ['subject', 'kind', 'raisedAt'] },
    ],
  },
  handles: ['AccessAlertRaised', 'AccessAlertReviewed'],
  documentId: (event) => event.data.alertId,
  evolve(doc, event) {
    const alertEvent = event as AccessAlertEvent;
    switch (alertEvent.type) {
      case 'AccessAlertRaised': {
        const { alertId, kind, raisedAt, subject, organisation, personIds, detail } = alertEvent.data;
        return asDocument({
          alertId,
          kind,
          raisedAt: normalisedInstant(raisedAt),
          subject,
          organisation,
          personIds: [...personIds],
          detail,
          status: 'open',
        });
      }
      case 'AccessAlertReviewed': {
        // A review always follows its raise in the alert's own stream.
        if (!doc) return null;
        const { reviewedBy, reviewedAt, outcome, note } = alertEvent.data;
        return asDocument({
          ...accessAlertOf(doc),
          status: 'reviewed',
          review: { reviewedBy, reviewedAt, outcome, ...(note === undefined ? {} : { note }) },
        });
      }
    }
  },
};
