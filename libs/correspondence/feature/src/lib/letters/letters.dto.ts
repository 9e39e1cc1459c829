import { LETTER_KINDS, REJECTION_REASONS } from '@ilinks/correspondence/contracts';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
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

const ODS_CODE = /^[A-Z0-9]{3,10}$/;
const ODS_MESSAGE = { message: '$property must be an ODS code' };
/** Free texts are checked for their lengths once trimmed by the domain; this bound only keeps absurd bodies out. */
const RAW_TEXT_LIMIT = 10_000;
const TOKEN = /^\S{1,128}$/;
const SUBJECT = /^\S{1,256}$/;
const MAX_PER_PERSON_IDS = 50;

/** `ActorV1`. */
export class ActorDto {
  @Matches(SUBJECT, { message: 'subject must be 1 to 256 characters without spaces' }) subject!: string;
  @Matches(/^[a-z][a-z-]{0,63}$/, { message: 'role must be a role name' }) role!: string;
  @Matches(ODS_CODE, ODS_MESSAGE) organisation!: string;
}

/** `LetterRecipientV1`. */
export class LetterRecipientDto {
  @Matches(ODS_CODE, ODS_MESSAGE) organisation!: string;
  @IsOptional() @Matches(TOKEN, { message: 'team must be 1 to 128 characters without spaces' }) team?: string;
  @IsOptional()
  @Matches(SUBJECT, { message: 'practitioner must be 1 to 256 characters without spaces' })
  practitioner?: string;
}

/** `LetterSubjectV1`. */
export class LetterSubjectDto {
  @IsUUID() personId!: string;
  @IsOptional() @IsUUID() localRecordId?: string;
}

/** `CodingV1`. */
export class CodingDto {
  @IsString() @MaxLength(256) system!: string;
  @IsString() @MaxLength(128) code!: string;
  @IsOptional() @IsString() @MaxLength(512) display?: string;
}

/** `AttachmentUploadV1`: the bytes are checked (size, type, base64) by the attachment store. */
export class AttachmentUploadDto {
  @IsString() @MaxLength(128) contentType!: string;
  @IsString() data!: string;
  @IsOptional() @IsString() @MaxLength(200) title?: string;
}

/** `SendLetterRequestV1`. */
export class SendLetterDto {
  @ValidateNested() @Type(() => LetterSubjectDto) subject!: LetterSubjectDto;
  @ValidateNested() @Type(() => ActorDto) sentBy!: ActorDto;
  @IsOptional() @IsString() @MaxLength(200) author?: string;
  @IsIn(LETTER_KINDS) kind!: (typeof LETTER_KINDS)[number];
  @IsOptional() @ValidateNested() @Type(() => CodingDto) type?: CodingDto;
  @IsString() @MaxLength(RAW_TEXT_LIMIT) title!: string;
  @IsOptional() @IsString() @MaxLength(RAW_TEXT_LIMIT) note?: string;
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => LetterRecipientDto)
  recipients!: LetterRecipientDto[];
  @ValidateNested() @Type(() => AttachmentUploadDto) attachment!: AttachmentUploadDto;
  @IsOptional()
  @Matches(SUBJECT, { message: 'partnerDocumentId must be 1 to 256 characters without spaces' })
  partnerDocumentId?: string;
  @IsOptional() @IsUUID() supersedes?: string;
  @IsOptional() @IsObject() documentReference?: Record<string, unknown>;
}

/** `CopyActionRequestV1`. */
export class CopyActionDto {
  @ValidateNested() @Type(() => ActorDto) by!: ActorDto;
  @IsOptional() @IsString() @MaxLength(RAW_TEXT_LIMIT) note?: string;
}

/** `RejectCopyRequestV1`. */
export class RejectCopyDto {
  @ValidateNested() @Type(() => ActorDto) by!: ActorDto;
  @IsIn(REJECTION_REASONS) reason!: (typeof REJECTION_REASONS)[number];
  @IsOptional() @IsString() @MaxLength(RAW_TEXT_LIMIT) text?: string;
}

/** `ForwardCopyRequestV1`. */
export class ForwardCopyDto {
  @ValidateNested() @Type(() => ActorDto) by!: ActorDto;
  @ValidateNested() @Type(() => LetterRecipientDto) to!: LetterRecipientDto;
  @IsString() @MaxLength(RAW_TEXT_LIMIT) note!: string;
}

const asList = ({ value }: { value: unknown }): unknown =>
  value === undefined ? undefined : Array.isArray(value) ? value : [value];

const asBoolean = ({ value }: { value: unknown }): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;

/** The letters query: a person's (local records and person ids, repeated) or a sender's. */
export class LettersQueryDto {
  @IsOptional()
  @Transform(asList)
  @IsArray()
  @ArrayMaxSize(MAX_PER_PERSON_IDS)
  @IsUUID('all', { each: true })
  localRecordId?: string[];
  @IsOptional()
  @Transform(asList)
  @IsArray()
  @ArrayMaxSize(MAX_PER_PERSON_IDS)
  @IsUUID('all', { each: true })
  personId?: string[];
  @IsOptional() @Matches(ODS_CODE, ODS_MESSAGE) sender?: string;
  @IsOptional() @IsIn(['awaiting', 'closed']) status?: 'awaiting' | 'closed';
  @IsOptional() @IsString() @MaxLength(4096) cursor?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
}

/** `InboxQueryV1` as query parameters. */
export class InboxQueryDto {
  @Matches(ODS_CODE, ODS_MESSAGE) organisation!: string;
  @IsOptional() @Matches(TOKEN, { message: 'team must be 1 to 128 characters without spaces' }) team?: string;
  @IsOptional()
  @Matches(SUBJECT, { message: 'practitioner must be 1 to 256 characters without spaces' })
  practitioner?: string;
  @IsOptional() @IsUUID() personId?: string;
  @IsOptional()
  @IsIn(['delivered', 'read', 'acknowledged', 'rejected', 'open'])
  status?: 'delivered' | 'read' | 'acknowledged' | 'rejected' | 'open';
  @IsOptional() @IsIn(LETTER_KINDS) kind?: (typeof LETTER_KINDS)[number];
  @IsOptional() @Transform(asBoolean) @IsBoolean() overdue?: boolean;
  @IsOptional() @IsString() @MaxLength(512) cursor?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
}
