import { IllegalStateError, NotFoundError } from '@ilinks/shared/kernel';
import { DeciderSpecification } from '@ilinks/shared/testing';
import {
  accessAlertDecider,
  accessAlertStream,
  type AccessAlertRaised,
  type AccessAlertReviewed,
  type RaiseAccessAlert,
  type ReviewAccessAlert,
} from './access-alert.decider';

const alertId = '5f0c2d4e-8a1b-4c3d-9e2f-000000000001';
const now = new Date('2026-01-01T10:00:00.000Z');
const raisedData = {
  alertId,
  kind: 'break-glass' as const,
  raisedAt: '2026-01-01T09:00:00.000Z',
  subject: 'dr-who',
  organisation: 'RBS',
  personIds: ['9a4b1c2d-0000-4000-8000-000000000001'],
  detail: 'unconscious on arrival',
};
const raise: RaiseAccessAlert = {
  type: 'RaiseAccessAlert',
  data: raisedData,
  metadata: { idempotencyKey: `raise:${alertId}`, now },
};
const review: ReviewAccessAlert = {
  type: 'ReviewAccessAlert',
  data: { alertId, reviewedBy: 'ig-officer-1', outcome: 'appropriate', note: 'checked with ED' },
  metadata: { idempotencyKey: `review:${alertId}`, now },
};
const raised: AccessAlertRaised = { type: 'AccessAlertRaised', data: raisedData };
const reviewed: AccessAlertReviewed = {
  type: 'AccessAlertReviewed',
  data: {
    alertId,
    reviewedBy: 'ig-officer-1',
    reviewedAt: '2026-01-01T10:00:00.000Z',
    outcome: 'appropriate',
    note: 'checked with ED',
  },
};
const spec = DeciderSpecification.for(accessAlertDecider);

describe('access alert decider', () => {
  describe('RaiseAccessAlert', () => {
    it('raises a new alert', () => spec.when(raise).then([raised]));
    it('stays quiet when the alert was already raised', () => spec.given([raised]).when(raise).thenNothing());
    it('stays quiet after the alert was reviewed', () =>
      spec.given([raised, reviewed]).when(raise).thenNothing());
  });

  describe('ReviewAccessAlert', () => {
    it('records the review at the command time', () => spec.given([raised]).when(review).then([reviewed]));
    it('leaves out an absent note', () =>
      spec
        .given([raised])
        .when({ ...review, data: { alertId, reviewedBy: 'ig-officer-1', outcome: 'escalated' } })
        .then([
          {
            type: 'AccessAlertReviewed',
            data: {
              alertId,
              reviewedBy: 'ig-officer-1',
              reviewedAt: now.toISOString(),
              outcome: 'escalated',
            },
          },
        ]));
    it('refuses an alert that was never raised', () => spec.when(review).thenThrows(NotFoundError));
    it('refuses a second review', () =>
      spec
        .given([raised, reviewed])
        .when(review)
        .thenThrows(IllegalStateError, /already been reviewed/));
  });

  it('names one stream per alert', () => {
    expect(accessAlertStream(alertId)).toBe(`audit.alert-${alertId}`);
  });
});
