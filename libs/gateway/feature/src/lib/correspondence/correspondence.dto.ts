import {
  type InboxStatusV1,
  LETTER_KINDS,
  type LetterKindV1,
  REJECTION_REASONS,
  type RejectionReasonV1,
} from '@ilinks/correspondence/contracts';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

const ODS_CODE = /^[A-Z0-9]{3,10}$/;
const TEAM = /^\S{1,128}$/;
const PRACTITIONER = /^\S{1,256}$/;
const INBOX_STATUSES: readonly InboxStatusV1[] = ['delivered', 'read', 'acknowledged', 'rejected', 'open'];
/** The service checks the note's length once trimmed; this bounds the raw text. */
const NOTE_LIMIT = 2000;

/** `'true'`/`'false'` in a query string as a boolean; anything else is left for `@IsBoolean` to refuse. */
const booleanOfQuery = ({ value }: { value: unknown }): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;

/** Whom a letter (or a forwarded copy) is for. */
export class LetterRecipientBody {
  @Matches(ODS_CODE, { message: 'organisation must be an ODS code' })
  organisation!: string;
  @IsOptional() @IsString() @Matches(TEAM, { message: 'team must be a team identifier' }) team?: string;
  @IsOptional()
  @IsString()
  @Matches(PRACTITIONER, { message: 'practitioner must be a user id' })
  practitioner?: string;
}

/** The document: base64 bytes and what they claim to be (the service checks both). */
export class LetterAttachmentBody {
  @IsString() @Length(1, 128) contentType!: string;
  @IsString() @Length(1) data!: string;
  @IsOptional() @IsString() @Length(1, 200) title?: string;
}

/** `POST /correspondence/letters`: a practitioner sends a letter about a person. */
export class SendLetterBody {
  @IsUUID('all') personId!: string;
  @IsIn(LETTER_KINDS) kind!: LetterKindV1;
  @IsString() @Length(1, 200) title!: string;
  @IsOptional() @IsString() @MaxLength(NOTE_LIMIT) note?: string;
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => LetterRecipientBody)
  recipients!: LetterRecipientBody[];
  @ValidateNested() @Type(() => LetterAttachmentBody) attachment!: LetterAttachmentBody;
  @IsOptional() @IsUUID('all') supersedes?: string;
}

/** `POST …/copies/:copyId/acknowledge`. */
export class AcknowledgeCopyBody {
  @IsOptional() @IsString() @MaxLength(NOTE_LIMIT) note?: string;
}

/** `POST …/copies/:copyId/reject`. */
export class RejectCopyBody {
  @IsIn(REJECTION_REASONS) reason!: RejectionReasonV1;
  @IsOptional() @IsString() @MaxLength(NOTE_LIMIT) text?: string;
}

/** `POST …/copies/:copyId/forward`. */
export class ForwardCopyBody {
  @ValidateNested() @Type(() => LetterRecipientBody) to!: LetterRecipientBody;
  @IsString() @Length(1, NOTE_LIMIT) note!: string;
}

/** Paging of any letter list. */
export class LetterPageQuery {
  @IsOptional() @IsString() @MaxLength(512) cursor?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
}

/** `GET /correspondence/inbox`: the caller's organisation's inbox, narrowed. */
export class LetterInboxQuery extends LetterPageQuery {
  @IsOptional() @IsString() @Matches(TEAM, { message: 'team must be a team identifier' }) team?: string;
  @IsOptional()
  @IsString()
  @Matches(PRACTITIONER, { message: 'practitioner must be a user id' })
  practitioner?: string;
  @IsOptional() @IsIn(INBOX_STATUSES) status?: InboxStatusV1;
  @IsOptional() @IsIn(LETTER_KINDS) kind?: LetterKindV1;
  @IsOptional() @Transform(booleanOfQuery) @IsBoolean() overdue?: boolean;
  @IsOptional() @IsUUID('all') personId?: string;
}

/** `GET /correspondence/sent`: what the caller's organisation sent. */
export class SentLettersQuery extends LetterPageQuery {
  @IsOptional() @IsIn(['awaiting', 'closed']) status?: 'awaiting' | 'closed';
}
