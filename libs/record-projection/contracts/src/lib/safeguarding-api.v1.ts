/**
 * Child protection early warning (issue 5, item 6). Record service internal API, called by the
 * gateway. Plain types.
 *
 * The record service watches the entries it records:
 * - a `Flag` coded as a child-protection plan or looked-after status (the configurable
 *   safeguarding-flag table) marks the child; its recording organisation is the child's
 *   social-care organisation;
 * - an `Encounter` in an unscheduled-care setting (emergency department, urgent care, out of
 *   hours, ambulance: the configurable setting table) for a child with an active such flag raises
 *   one `child-protection-flag` alert to the attending organisation (so the flag is shown to that
 *   service) and one to each flagging social-care organisation (notified of the attendance);
 * - three or more unscheduled attendances across two or more organisations within 30 days (all
 *   three configurable) raise one `unscheduled-care-pattern` alert, flag or not, to the region's
 *   safeguarding hub organisation and any flagging organisation — once per window, not once per
 *   further attendance.
 * Alerts are events (`SafeguardingAlertRaisedV1` on `ilinks.record.v1`) and a view.
 *
 * Routes:
 * - `GET /safeguarding/alerts?organisation=&personId=&status=&cursor=&limit=` →
 *   {@link SafeguardingAlertsPageV1}: the alerts addressed to an organisation (required), newest first
 * - `POST /safeguarding/alerts/:alertId/acknowledge` {@link AcknowledgeAlertRequestV1} → 200
 *   {@link SafeguardingAlertV1} (only the organisation it is addressed to; a second call changes nothing)
 */

import type { RecordedByV1 } from './record-api.v1';

export const SAFEGUARDING_ALERT_KINDS = ['child-protection-flag', 'unscheduled-care-pattern'] as const;
export type SafeguardingAlertKindV1 = (typeof SAFEGUARDING_ALERT_KINDS)[number];

/** Why the alert reached this organisation. */
export type SafeguardingAlertAudienceV1 = 'attending-service' | 'social-care' | 'safeguarding-hub';

/** The flag an alert is about, as recorded (its display text and who to contact). */
export interface SafeguardingFlagSummaryV1 {
  readonly entryId: string;
  /** `child-protection-plan` or `looked-after-child`. */
  readonly kind: string;
  readonly display: string;
  /** The social-care organisation that recorded it. */
  readonly organisation: string;
  readonly since?: string;
}

export interface UnscheduledAttendanceV1 {
  readonly entryId: string;
  readonly organisation: string;
  /** `emergency-department`, `urgent-care`, `out-of-hours` or `ambulance`. */
  readonly setting: string;
  readonly at: string;
}

export interface SafeguardingAlertV1 {
  readonly alertId: string;
  readonly kind: SafeguardingAlertKindV1;
  readonly personId: string;
  /** The organisation the alert is addressed to. */
  readonly organisation: string;
  readonly audience: SafeguardingAlertAudienceV1;
  /** The attendance that raised it. */
  readonly trigger: UnscheduledAttendanceV1;
  /** For `child-protection-flag`: the active flags. */
  readonly flags: readonly SafeguardingFlagSummaryV1[];
  /** For `unscheduled-care-pattern`: the attendances in the window, oldest first. */
  readonly attendances: readonly UnscheduledAttendanceV1[];
  readonly raisedAt: string;
  readonly status: 'open' | 'acknowledged';
  readonly acknowledgedAt?: string;
  readonly acknowledgedBy?: RecordedByV1;
}

export interface SafeguardingAlertsPageV1 {
  readonly alerts: readonly SafeguardingAlertV1[];
  readonly nextCursor?: string;
}

export interface AcknowledgeAlertRequestV1 {
  readonly organisation: string;
  readonly acknowledgedBy: RecordedByV1;
}
