import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { RecordedByDto } from '../record-entry/record-entry.dto';

const ODS_CODE = /^[A-Z0-9]{3,10}$/;
const ODS_MESSAGE = { message: 'organisation must be an ODS code' };
/**
 * Free texts are checked for 1–2000 characters once trimmed by the domain; this bound only keeps
 * absurd bodies out before that.
 */
const RAW_TEXT_LIMIT = 10_000;

/** `AnnotateEntryRequestV1`. */
export class AnnotateEntryDto {
  @Matches(ODS_CODE, ODS_MESSAGE) organisation!: string;
  @ValidateNested() @Type(() => RecordedByDto) author!: RecordedByDto;
  @IsString() @MaxLength(RAW_TEXT_LIMIT) text!: string;
}

/** `EntryAnnotationV1`, as an item of a share carries it. */
export class EntryAnnotationDto {
  @IsUUID() annotationId!: string;
  @IsUUID() entryId!: string;
  @Matches(ODS_CODE, ODS_MESSAGE) organisation!: string;
  @ValidateNested() @Type(() => RecordedByDto) author!: RecordedByDto;
  @IsString() @MaxLength(RAW_TEXT_LIMIT) text!: string;
  @IsISO8601({ strict: true }) annotatedAt!: string;
}

/** `ShareRecipientV1`. */
export class ShareRecipientDto {
  @Matches(ODS_CODE, { message: 'recipient.organisation must be an ODS code' }) organisation!: string;
  @IsOptional() @IsString() @Matches(/^\S{1,128}$/) team?: string;
  @IsOptional() @IsString() @Matches(/^\S{1,256}$/) practitioner?: string;
}

/** `SharedItemV1`. */
export class SharedItemDto {
  @IsUUID() entryId!: string;
  @IsInt() @Min(1) revision!: number;
  @Matches(/^[A-Z][A-Za-z]{1,63}$/, { message: 'resourceType must be a FHIR resource type' })
  resourceType!: string;
  @Matches(ODS_CODE, ODS_MESSAGE) organisation!: string;
  @IsObject() resource!: Record<string, unknown>;
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => EntryAnnotationDto)
  annotations!: EntryAnnotationDto[];
}

/** `ShareRecordItemsRequestV1`. */
export class ShareRecordItemsDto {
  @IsUUID() personId!: string;
  @Matches(ODS_CODE, ODS_MESSAGE) organisation!: string;
  @ValidateNested() @Type(() => RecordedByDto) sharedBy!: RecordedByDto;
  @ValidateNested() @Type(() => ShareRecipientDto) recipient!: ShareRecipientDto;
  @IsString() @MaxLength(RAW_TEXT_LIMIT) note!: string;
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => SharedItemDto)
  items!: SharedItemDto[];
}

/** `MarkShareReadRequestV1`. */
export class MarkShareReadDto {
  @Matches(ODS_CODE, ODS_MESSAGE) organisation!: string;
  @ValidateNested() @Type(() => RecordedByDto) readBy!: RecordedByDto;
}

/** The inbox query: the recipient organisation, optionally narrowed, newest first. */
export class InboxQueryDto {
  @Matches(ODS_CODE, ODS_MESSAGE) organisation!: string;
  @IsOptional() @IsString() @Matches(/^\S{1,128}$/) team?: string;
  @IsOptional() @IsString() @Matches(/^\S{1,256}$/) practitioner?: string;
  @IsOptional() @IsUUID() personId?: string;
  @IsOptional() @IsIn(['sent', 'read']) status?: 'sent' | 'read';
  @IsOptional() @IsString() @MaxLength(512) cursor?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
}
