import type { DomainEvent } from '@ilinks/shared/kernel';
import type { CareRelationshipKind, RecordPart, SensitiveCategory } from '../access/access.types';
import type { ConsentActor, ConsentKind } from './consent.state';

export type ObjectionRecorded = DomainEvent<
  'ObjectionRecorded',
  {
    readonly personId: string;
    readonly consentId: string;
    readonly recordedBy: ConsentActor;
    readonly onBehalf: boolean;
    readonly recordedAt: string;
  }
>;

export type CategorySharingAgreed = DomainEvent<
  'CategorySharingAgreed',
  {
    readonly personId: string;
    readonly consentId: string;
    readonly recordedBy: ConsentActor;
    readonly category: SensitiveCategory;
    readonly recordedAt: string;
  }
>;

export type DelegationGranted = DomainEvent<
  'DelegationGranted',
  {
    readonly personId: string;
    readonly consentId: string;
    readonly recordedBy: ConsentActor;
    readonly carer: string;
    readonly parts: readonly RecordPart[];
    readonly until: string;
    readonly grantedAt: string;
  }
>;

/** An objection or agreement withdrawn, or a delegation revoked. */
export type ConsentWithdrawn = DomainEvent<
  'ConsentWithdrawn',
  {
    readonly personId: string;
    readonly consentId: string;
    readonly kind: ConsentKind;
    readonly withdrawnBy: ConsentActor;
    readonly withdrawnAt: string;
  }
>;

export type CareRelationshipStarted = DomainEvent<
  'CareRelationshipStarted',
  {
    readonly personId: string;
    readonly relationshipId: string;
    readonly organisation: string;
    readonly kind: CareRelationshipKind;
    readonly since: string;
    readonly until?: string;
    readonly declaredBy?: string;
    readonly reason?: string;
    readonly startedAt: string;
  }
>;

export type CareRelationshipEnded = DomainEvent<
  'CareRelationshipEnded',
  {
    readonly personId: string;
    readonly relationshipId: string;
    readonly endedBy: ConsentActor;
    readonly endedAt: string;
  }
>;

export type BreakGlassGranted = DomainEvent<
  'BreakGlassGranted',
  {
    readonly personId: string;
    readonly grantId: string;
    readonly subject: string;
    readonly organisation: string;
    readonly reason: string;
    readonly grantedAt: string;
    readonly expiresAt: string;
  }
>;

export type ConsentEvent =
  | ObjectionRecorded
  | CategorySharingAgreed
  | DelegationGranted
  | ConsentWithdrawn
  | CareRelationshipStarted
  | CareRelationshipEnded
  | BreakGlassGranted;
