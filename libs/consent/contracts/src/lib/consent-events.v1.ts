import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { CONSENT_TOPIC } from './consent.topics';

export const CONSENT_CHANGES = [
  'objection-recorded',
  'objection-withdrawn',
  'category-shared',
  'category-unshared',
  'delegation-granted',
  'delegation-revoked',
] as const;

/** A person's sharing choices changed. Keyed by person id. No clinical content, no names. */
export class ConsentChangedV1 {
  @IsUUID() personId!: string;
  @IsUUID() consentId!: string;
  @IsIn(CONSENT_CHANGES) change!: (typeof CONSENT_CHANGES)[number];
  @IsISO8601({ strict: true }) changedAt!: string;
}

export const ConsentChangedV1Event = {
  type: 'ilinks.consent.consent-changed.v1',
  topic: CONSENT_TOPIC,
  dataClass: ConsentChangedV1,
} as const;

/** A care relationship began (a self-declared one is for review). Keyed by person id. */
export class CareRelationshipStartedV1 {
  @IsUUID() personId!: string;
  @IsUUID() relationshipId!: string;
  @Matches(/^[A-Z0-9]{3,10}$/) organisation!: string;
  @IsString() @MaxLength(32) kind!: string;
  @IsISO8601({ strict: true }) since!: string;
  @IsOptional() @IsISO8601({ strict: true }) until?: string;
  @IsOptional() @IsString() @MaxLength(256) declaredBy?: string;
  @IsOptional() @IsString() @MaxLength(1000) reason?: string;
}

export const CareRelationshipStartedV1Event = {
  type: 'ilinks.consent.care-relationship-started.v1',
  topic: CONSENT_TOPIC,
  dataClass: CareRelationshipStartedV1,
} as const;

export class CareRelationshipEndedV1 {
  @IsUUID() personId!: string;
  @IsUUID() relationshipId!: string;
  @IsISO8601({ strict: true }) endedAt!: string;
}

export const CareRelationshipEndedV1Event = {
  type: 'ilinks.consent.care-relationship-ended.v1',
  topic: CONSENT_TOPIC,
  dataClass: CareRelationshipEndedV1,
} as const;

/** A practitioner broke the glass: always reviewed by information governance. Keyed by person id. */
export class BreakGlassUsedV1 {
  @IsUUID() personId!: string;
  @IsUUID() grantId!: string;
  @IsString() @MaxLength(256) subject!: string;
  @Matches(/^[A-Z0-9]{3,10}$/) organisation!: string;
  @IsString() @MaxLength(1000) reason!: string;
  @IsISO8601({ strict: true }) grantedAt!: string;
  @IsISO8601({ strict: true }) expiresAt!: string;
}

export const BreakGlassUsedV1Event = {
  type: 'ilinks.consent.break-glass-used.v1',
  topic: CONSENT_TOPIC,
  dataClass: BreakGlassUsedV1,
} as const;
