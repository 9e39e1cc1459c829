import {
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Min,
} from 'class-validator';
import { RECORD_TOPIC } from './record-projection.topics';

/**
 * An entry was recorded, revised or marked entered-in-error. Keyed by entry id. Carries no
 * clinical content and no patient identifier: consumers that need the person join through
 * `localRecordId` (absent while the patient is not yet registered).
 */
export class RecordEntryChangedV1 {
  @IsUUID() entryId!: string;
  @IsInt() @Min(1) revision!: number;
  @IsIn(['recorded', 'revised', 'entered-in-error']) change!: 'recorded' | 'revised' | 'entered-in-error';
  @Matches(/^[A-Z0-9]{3,10}$/) organisation!: string;
  @IsString() @MaxLength(64) resourceType!: string;
  @IsString() @MaxLength(32) part!: string;
  @IsOptional() @IsUUID() localRecordId?: string;
  @IsOptional() @IsISO8601({ strict: true }) effectiveAt?: string;
  @IsBoolean() patientContributed!: boolean;
  @IsISO8601({ strict: true }) changedAt!: string;
}

export const RecordEntryChangedV1Event = {
  type: 'ilinks.record.entry-changed.v1',
  topic: RECORD_TOPIC,
  dataClass: RecordEntryChangedV1,
} as const;

/**
 * A practitioner shared items of a person's record with a note to another organisation (team or
 * practitioner). Keyed by the person. Carries ids only: the recipient reads the share itself
 * through the gateway; correspondence (issue 6) and the consent service (a `referral` care
 * relationship for the recipient organisation) consume it.
 */
export class RecordItemsSharedV1 {
  @IsUUID() shareId!: string;
  @IsUUID() personId!: string;
  @Matches(/^[A-Z0-9]{3,10}$/) organisation!: string;
  @Matches(/^[A-Z0-9]{3,10}$/) recipientOrganisation!: string;
  @IsOptional() @IsString() @MaxLength(128) recipientTeam?: string;
  @IsOptional() @IsString() @MaxLength(256) recipientPractitioner?: string;
  @IsUUID('all', { each: true }) entryIds!: string[];
  @IsISO8601({ strict: true }) sharedAt!: string;
}

export const RecordItemsSharedV1Event = {
  type: 'ilinks.record.items-shared.v1',
  topic: RECORD_TOPIC,
  dataClass: RecordItemsSharedV1,
} as const;

/**
 * A safeguarding alert was raised for an organisation (see safeguarding-api.v1). Keyed by the
 * person. Ids and codes only, no clinical content.
 */
export class SafeguardingAlertRaisedV1 {
  @IsUUID() alertId!: string;
  @IsIn(['child-protection-flag', 'unscheduled-care-pattern']) kind!:
    | 'child-protection-flag'
    | 'unscheduled-care-pattern';
  @IsUUID() personId!: string;
  @Matches(/^[A-Z0-9]{3,10}$/) organisation!: string;
  @IsIn(['attending-service', 'social-care', 'safeguarding-hub']) audience!:
    | 'attending-service'
    | 'social-care'
    | 'safeguarding-hub';
  @IsUUID() triggerEntryId!: string;
  @IsISO8601({ strict: true }) raisedAt!: string;
}

export const SafeguardingAlertRaisedV1Event = {
  type: 'ilinks.record.safeguarding-alert-raised.v1',
  topic: RECORD_TOPIC,
  dataClass: SafeguardingAlertRaisedV1,
} as const;
