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
import { Type } from 'class-transformer';
import { CORRESPONDENCE_TOPIC } from './correspondence.topics';

const ODS = /^[A-Z0-9]{3,10}$/;

/** A recipient of a copy, in events. */
export class LetterRecipientDataV1 {
  @Matches(ODS) organisation!: string;
  @IsOptional() @IsString() @MaxLength(128) team?: string;
  @IsOptional() @IsString() @MaxLength(256) practitioner?: string;
}

/** One copy made when a letter was sent. */
export class LetterCopyDataV1 {
  @IsUUID() copyId!: string;
  @ValidateNested() @Type(() => LetterRecipientDataV1) recipient!: LetterRecipientDataV1;
}

/**
 * A letter was sent: one copy delivered to each recipient's inbox. Keyed by the letter. Ids,
 * codes and the kind only: no title, note or content (readers fetch the letter through the gateway).
 */
export class LetterSentV1 {
  @IsUUID() letterId!: string;
  @IsInt() @Min(1) version!: number;
  @IsOptional() @IsUUID() supersedes?: string;
  @IsUUID() personId!: string;
  @IsOptional() @IsUUID() localRecordId?: string;
  @Matches(ODS) organisation!: string;
  @IsString() @MaxLength(64) kind!: string;
  @ValidateNested({ each: true }) @Type(() => LetterCopyDataV1) copies!: LetterCopyDataV1[];
  @IsISO8601({ strict: true }) sentAt!: string;
}

export const LetterSentV1Event = {
  type: 'ilinks.correspondence.letter-sent.v1',
  topic: CORRESPONDENCE_TOPIC,
  dataClass: LetterSentV1,
} as const;

/**
 * A copy changed: read, acknowledged, rejected (with the reason code), or made by forwarding
 * (`forwarded`, with the copy it came from and the person the letter is about). Keyed by the letter; `delivered` is the copy's state
 * from {@link LetterSentV1} and is not repeated here.
 */
export class LetterCopyChangedV1 {
  @IsUUID() letterId!: string;
  @IsUUID() copyId!: string;
  @IsIn(['read', 'acknowledged', 'rejected', 'forwarded']) change!:
    | 'read'
    | 'acknowledged'
    | 'rejected'
    | 'forwarded';
  @ValidateNested() @Type(() => LetterRecipientDataV1) recipient!: LetterRecipientDataV1;
  /** The sender organisation of the letter (it watches its copies). */
  @Matches(ODS) senderOrganisation!: string;
  @IsOptional() @IsString() @MaxLength(64) rejectionReason?: string;
  @IsOptional() @IsUUID() forwardedFromCopyId?: string;
  /**
   * The person the letter is about: present on `forwarded` changes (so a consumer can give the
   * forwarded-to organisation a referral without looking the letter up), absent on the others.
   */
  @IsOptional() @IsUUID() personId?: string;
  @IsISO8601({ strict: true }) changedAt!: string;
}

export const LetterCopyChangedV1Event = {
  type: 'ilinks.correspondence.letter-copy-changed.v1',
  topic: CORRESPONDENCE_TOPIC,
  dataClass: LetterCopyChangedV1,
} as const;

/**
 * A copy was not acknowledged in time: a reminder to its recipient and a warning to the sender
 * organisation. Raised once per reminder number. Keyed by the letter.
 */
export class LetterAcknowledgementOverdueV1 {
  @IsUUID() letterId!: string;
  @IsUUID() copyId!: string;
  @ValidateNested() @Type(() => LetterRecipientDataV1) recipient!: LetterRecipientDataV1;
  @Matches(ODS) senderOrganisation!: string;
  @IsInt() @Min(1) reminder!: number;
  @IsISO8601({ strict: true }) dueAt!: string;
  @IsISO8601({ strict: true }) remindedAt!: string;
}

export const LetterAcknowledgementOverdueV1Event = {
  type: 'ilinks.correspondence.letter-acknowledgement-overdue.v1',
  topic: CORRESPONDENCE_TOPIC,
  dataClass: LetterAcknowledgementOverdueV1,
} as const;

/** A letter was superseded by a correction (the new letter's {@link LetterSentV1} follows). Keyed by the letter. */
export class LetterSupersededV1 {
  @IsUUID() letterId!: string;
  @IsUUID() supersededBy!: string;
  @Matches(ODS) organisation!: string;
  @IsISO8601({ strict: true }) supersededAt!: string;
}

export const LetterSupersededV1Event = {
  type: 'ilinks.correspondence.letter-superseded.v1',
  topic: CORRESPONDENCE_TOPIC,
  dataClass: LetterSupersededV1,
} as const;
