import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  Max,
  Min,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import {
  ActorDto,
  CodingDto,
  IdentifierDto,
  ODS_CODE,
  ODS_MESSAGE,
  ParticipantDto,
  QuantityDto,
  ReferenceRangeDto,
  SubjectDto,
} from '../diagnostics.dto';

const REPORT_STATUSES = [
  'registered',
  'partial',
  'preliminary',
  'final',
  'amended',
  'corrected',
  'appended',
  'cancelled',
  'entered-in-error',
] as const;
const RESULT_STATUSES = [
  'registered',
  'preliminary',
  'final',
  'amended',
  'corrected',
  'cancelled',
  'entered-in-error',
] as const;

/** `ResultInputV1`. */
export class ResultInputDto {
  @IsOptional() @IsString() @MinLength(1) @MaxLength(128) partnerObservationId?: string;
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => CodingDto)
  code!: CodingDto[];
  @IsIn(RESULT_STATUSES) status!: (typeof RESULT_STATUSES)[number];
  @IsOptional() @ValidateNested() @Type(() => QuantityDto) valueQuantity?: QuantityDto;
  @IsOptional() @IsString() @MaxLength(10_000) valueString?: string;
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => ReferenceRangeDto)
  referenceRanges!: ReferenceRangeDto[];
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => CodingDto)
  interpretation!: CodingDto[];
  @IsOptional() @IsISO8601({ strict: true }) effectiveAt?: string;
  @IsObject() resource!: Record<string, unknown>;
}

/** `RecordReportRequestV1`. */
export class RecordReportDto {
  @ValidateNested() @Type(() => SubjectDto) subject!: SubjectDto;
  @ValidateNested() @Type(() => ActorDto) recordedBy!: ActorDto;
  @IsString() @MinLength(1) @MaxLength(128) partnerReportId!: string;
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => IdentifierDto)
  basedOn!: IdentifierDto[];
  @IsOptional() @Matches(ODS_CODE, ODS_MESSAGE) registeredPractice?: string;
  @IsIn(REPORT_STATUSES) status!: (typeof REPORT_STATUSES)[number];
  @IsOptional() @IsIn(['laboratory', 'imaging', 'other']) category?: 'laboratory' | 'imaging' | 'other';
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => CodingDto)
  code!: CodingDto[];
  @IsOptional() @IsISO8601({ strict: true }) effectiveAt?: string;
  @IsISO8601({ strict: true }) issuedAt!: string;
  @IsOptional() @IsString() @MaxLength(20_000) conclusion?: string;
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => ResultInputDto)
  results!: ResultInputDto[];
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => ParticipantDto)
  copiesTo!: ParticipantDto[];
  @IsObject() resource!: Record<string, unknown>;
}

/** `AcknowledgeReportRequestV1`. */
export class AcknowledgeReportDto {
  @ValidateNested() @Type(() => ActorDto) by!: ActorDto;
  @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

/** `ReleaseReportRequestV1`. */
export class ReleaseReportDto {
  @ValidateNested() @Type(() => ActorDto) by!: ActorDto;
}

/** `GET /unacknowledged`'s query (`ResultQueueQueryV1`). */
export class ResultQueueQueryDto {
  @Matches(ODS_CODE, ODS_MESSAGE) organisation!: string;
  @IsOptional()
  @Matches(/^\S{1,128}$/, { message: 'team must be 1 to 128 characters without spaces' })
  team?: string;
  @IsOptional()
  @Matches(/^\S{1,256}$/, { message: 'practitioner must be 1 to 256 characters without spaces' })
  practitioner?: string;
  @IsOptional() @IsIn(['true', 'false']) abnormalOnly?: 'true' | 'false';
  @IsOptional() @IsString() @MaxLength(512) cursor?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
}
