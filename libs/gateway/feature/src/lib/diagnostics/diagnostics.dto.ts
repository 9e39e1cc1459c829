import { ANALYTES } from '@ilinks/diagnostics/contracts';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

const TEAM = /^\S{1,128}$/;
const PRACTITIONER = /^\S{1,256}$/;
/** An analyte id, or `system|code` of a coding that measures it. */
const ANALYTE = new RegExp(
  `^(?:${ANALYTES.map((analyte) => analyte.id).join('|')}|[A-Za-z][A-Za-z0-9+.-]*:[^|\\s]+\\|[^|\\s]{1,64})$`,
);

/** `GET /diagnostics/unacknowledged`: the caller's organisation's queue, narrowed. */
export class UnacknowledgedQueryDto {
  @IsOptional() @IsString() @Matches(TEAM, { message: 'team must be a team identifier' }) team?: string;
  @IsOptional()
  @IsString()
  @Matches(PRACTITIONER, { message: 'practitioner must be a user id' })
  practitioner?: string;
  @IsOptional() @IsIn(['true', 'false']) abnormalOnly?: 'true' | 'false';
  @IsOptional() @IsString() @MaxLength(512) cursor?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
}

/** `GET /diagnostics/persons/:personId/reports`. */
export class PersonReportsQueryDto {
  @IsOptional() @IsString() @MaxLength(512) cursor?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
}

/** `GET /diagnostics/persons/:personId/cumulative` (and `.svg`). */
export class CumulativeQueryDto {
  @IsString()
  @Matches(ANALYTE, {
    message: `analyte must be one of ${ANALYTES.map((analyte) => analyte.id).join(', ')}, or system|code`,
  })
  analyte!: string;
}

/** `POST /diagnostics/reports/:reportId/acknowledge`. */
export class AcknowledgeReportBody {
  /** What was done about it (the service keeps up to 2000 characters). */
  @IsOptional() @IsString() @MaxLength(2000) note?: string;
}
