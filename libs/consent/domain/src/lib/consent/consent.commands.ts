import type { Command } from '@ilinks/shared/kernel';
import type { CareRelationshipKind } from '../access/access.types';
import type { ConsentActor } from './consent.state';

/** Commands carry the person and the new item's id (derived from the request's idempotency key). */

export type RecordObjection = Command<
  'RecordObjection',
  {
    readonly personId: string;
    readonly consentId: string;
    readonly recordedBy: ConsentActor;
    /** A practitioner records it for the person. */
    readonly onBehalf: boolean;
  }
>;

export type AgreeToShareCategory = Command<
  'AgreeToShareCategory',
  {
    readonly personId: string;
    readonly consentId: string;
    readonly recordedBy: ConsentActor;
    /** Checked against `SENSITIVE_CATEGORIES`. */
    readonly category: string;
  }
>;

export type GrantDelegation = Command<
  'GrantDelegation',
  {
    readonly personId: string;
    readonly consentId: string;
    readonly recordedBy: ConsentActor;
    readonly carer: string;
    /** Checked against `RECORD_PARTS`. */
    readonly parts: readonly string[];
    /** ISO instant, after the command's `now`. */
    readonly until: string;
  }
>;

/** Withdraws an objection or an agreement, or revokes a delegation: effective at once. */
export type WithdrawConsent = Command<
  'WithdrawConsent',
  { readonly personId: string; readonly consentId: string; readonly withdrawnBy: ConsentActor }
>;

export type StartCareRelationship = Command<
  'StartCareRelationship',
  {
    readonly personId: string;
    readonly relationshipId: string;
    readonly organisation: string;
    /** Any kind but `holds-local-record`, which follows from identity. */
    readonly kind: CareRelationshipKind;
    /** ISO instant; the command's `now` when absent. */
    readonly since?: string;
    readonly until?: string;
    readonly declaredBy?: string;
    readonly reason?: string;
  }
>;

export type EndCareRelationship = Command<
  'EndCareRelationship',
  { readonly personId: string; readonly relationshipId: string; readonly endedBy: ConsentActor }
>;

export type GrantBreakGlass = Command<
  'GrantBreakGlass',
  {
    readonly personId: string;
    readonly grantId: string;
    readonly subject: string;
    readonly organisation: string;
    readonly reason: string;
    /** How long the grant lasts from the command's `now` (a setting of the service). */
    readonly durationMinutes: number;
  }
>;

export type ConsentCommand =
  | RecordObjection
  | AgreeToShareCategory
  | GrantDelegation
  | WithdrawConsent
  | StartCareRelationship
  | EndCareRelationship
  | GrantBreakGlass;
