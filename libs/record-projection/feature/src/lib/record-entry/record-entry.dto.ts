import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';

const ODS_CODE = /^[A-Z0-9]{3,10}$/;

export class RecordedByDto {
  @IsString() @MaxLength(256) subject!: string;
  @Matches(/^(system|practitioner|individual)$/, {
    message: 'role must be system, practitioner or individual',
  })
  role!: string;
}

export class SubjectIdentifierDto {
  @IsString() @MaxLength(256) system!: string;
  @IsString() @MaxLength(64) value!: string;
}

export class CodingDto {
  @IsOptional() @IsString() @MaxLength(256) system?: string;
  @IsOptional() @IsString() @MaxLength(256) code?: string;
  @IsOptional() @IsString() @MaxLength(1024) display?: string;
}

/** `RecordEntryRequestV1`: the gateway has validated the resource and extracted what is indexed. */
export class RecordEntryDto {
  @Matches(ODS_CODE, { message: 'organisation must be an ODS code' }) organisation!: string;
  @ValidateNested() @Type(() => RecordedByDto) recordedBy!: RecordedByDto;
  @Matches(/^[A-Z][A-Za-z]{1,63}$/, { message: 'resourceType must be a FHIR resource type' })
  resourceType!: string;
  @Matches(/^[A-Za-z0-9\-.]{1,64}$/, { message: 'partnerId must be a FHIR id' }) partnerId!: string;
  @ValidateNested() @Type(() => SubjectIdentifierDto) subject!: SubjectIdentifierDto;
  @IsObject() resource!: Record<string, unknown>;
  @Matches(/^[a-z][a-z-]{0,31}$/, { message: 'part must be a record part' }) part!: string;
  @IsOptional() @IsISO8601({ strict: true }) effectiveAt?: string;
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => CodingDto)
  codes!: CodingDto[];
  @IsBoolean() unknownCodeSystems!: boolean;
  @IsOptional() @IsBoolean() notForPatientView?: boolean;
  @IsOptional() @IsBoolean() patientContributed?: boolean;
  @IsOptional() @IsISO8601({ strict: true }) recordedAt?: string;
}

/** `RecordBatchRequestV1`. */
export class RecordBatchDto {
  @IsBoolean() atomic!: boolean;
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => RecordEntryDto)
  entries!: RecordEntryDto[];
}

/** `EnterInErrorRequestV1`. */
export class EnterInErrorDto {
  @Matches(ODS_CODE, { message: 'organisation must be an ODS code' }) organisation!: string;
  @ValidateNested() @Type(() => RecordedByDto) recordedBy!: RecordedByDto;
}
