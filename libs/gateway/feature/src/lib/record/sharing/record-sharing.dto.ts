import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

/** Bounds the raw text; the record service checks 1–2000 characters once trimmed. */
const RAW_TEXT_LIMIT = 10_000;
const TEAM = /^\S{1,128}$/;
const PRACTITIONER = /^\S{1,256}$/;

/** `POST /record/persons/:personId/entries/:entryId/annotations`. */
export class AnnotateEntryBody {
  @IsString() @MaxLength(RAW_TEXT_LIMIT) text!: string;
}

/** Who a share is for. */
export class ShareRecipientBody {
  @Matches(/^[A-Z0-9]{3,10}$/, { message: 'recipient.organisation must be an ODS code' })
  organisation!: string;
  @IsOptional()
  @IsString()
  @Matches(TEAM, { message: 'recipient.team must be a team identifier' })
  team?: string;
  @IsOptional()
  @IsString()
  @Matches(PRACTITIONER, { message: 'recipient.practitioner must be a user id' })
  practitioner?: string;
}

/** `POST /record/persons/:personId/shares`. */
export class ShareRecordItemsBody {
  @ValidateNested() @Type(() => ShareRecipientBody) recipient!: ShareRecipientBody;
  @IsString() @MaxLength(RAW_TEXT_LIMIT) note!: string;
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  entryIds!: string[];
  @IsOptional() @IsBoolean() includeAnnotations?: boolean;
}

/** `GET /record/inbox`: the caller's organisation's inbox, narrowed. */
export class InboxQuery {
  @IsOptional() @IsUUID() personId?: string;
  @IsOptional() @IsString() @Matches(TEAM, { message: 'team must be a team identifier' }) team?: string;
  @IsOptional()
  @IsString()
  @Matches(PRACTITIONER, { message: 'practitioner must be a user id' })
  practitioner?: string;
  @IsOptional() @IsIn(['sent', 'read']) status?: 'sent' | 'read';
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) _count?: number;
  @IsOptional() @IsString() @MaxLength(512) _cursor?: string;
}
