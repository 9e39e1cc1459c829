import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { DIAGNOSTICS_TOPIC } from './diagnostics.topics';

const ODS = /^[A-Z0-9]{3,10}$/;
const FLAGS = ['normal', 'abnormal', 'critical', 'unknown'] as const;

/** A recipient or escalation target, in events. */
export class ParticipantDataV1 {
  @Matches(ODS) organisation!: string;
  @IsOptional() @IsString() @MaxLength(128) team?: string;
  @IsOptional() @IsString() @MaxLength(256) practitioner?: string;
}

/**
 * A report was recorded, amended, corrected or cancelled (`change`), and routed to its
 * recipients. Keyed by the report. Ids, status and the worst flag only: no values.
 */
export class ResultReportedV1 {
  @IsUUID() reportId!: string;
  @IsInt() @Min(1) revision!: number;
  @IsIn(['reported', 'amended', 'cancelled']) change!: 'reported' | 'amended' | 'cancelled';
  @IsUUID() personId!: string;
  @IsOptional() @IsUUID() localRecordId?: string;
  @IsOptional() @IsUUID() requestId?: string;
  @Matches(ODS) organisation!: string;
  @IsString() @MaxLength(32) status!: string;
  @IsIn(FLAGS) flag!: (typeof FLAGS)[number];
  @ValidateNested({ each: true }) @Type(() => ParticipantDataV1) recipients!: ParticipantDataV1[];
  @IsISO8601({ strict: true }) recordedAt!: string;
}

export const ResultReportedV1Event = {
  type: 'ilinks.diagnostics.result-reported.v1',
  topic: DIAGNOSTICS_TOPIC,
  dataClass: ResultReportedV1,
} as const;

/** A clinician acknowledged a report's revision: the loop is closed for it. Keyed by the report. */
export class ResultAcknowledgedV1 {
  @IsUUID() reportId!: string;
  @IsInt() @Min(1) revision!: number;
  @Matches(ODS) organisation!: string;
  @IsString() @MaxLength(256) acknowledgedBy!: string;
  @IsISO8601({ strict: true }) acknowledgedAt!: string;
}

export const ResultAcknowledgedV1Event = {
  type: 'ilinks.diagnostics.result-acknowledged.v1',
  topic: DIAGNOSTICS_TOPIC,
  dataClass: ResultAcknowledgedV1,
} as const;

/**
 * An abnormal result was not acknowledged in time and was escalated to `to` (level 1: the
 * requester's team or the recipient practice; level 2: the organisation's duty clinician).
 * Keyed by the report; once per revision and level.
 */
export class ResultEscalatedV1 {
  @IsUUID() reportId!: string;
  @IsInt() @Min(1) revision!: number;
  @IsInt() @Min(1) level!: number;
  @ValidateNested() @Type(() => ParticipantDataV1) to!: ParticipantDataV1;
  @IsIn(FLAGS) flag!: (typeof FLAGS)[number];
  @IsISO8601({ strict: true }) dueAt!: string;
  @IsISO8601({ strict: true }) escalatedAt!: string;
}

export const ResultEscalatedV1Event = {
  type: 'ilinks.diagnostics.result-escalated.v1',
  topic: DIAGNOSTICS_TOPIC,
  dataClass: ResultEscalatedV1,
} as const;

/** A clinician released a report to the individual ahead of the policy's delay. Keyed by the report. */
export class ResultReleasedV1 {
  @IsUUID() reportId!: string;
  @IsInt() @Min(1) revision!: number;
  @Matches(ODS) organisation!: string;
  @IsISO8601({ strict: true }) releasedAt!: string;
}

export const ResultReleasedV1Event = {
  type: 'ilinks.diagnostics.result-released.v1',
  topic: DIAGNOSTICS_TOPIC,
  dataClass: ResultReleasedV1,
} as const;
