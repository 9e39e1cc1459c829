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
