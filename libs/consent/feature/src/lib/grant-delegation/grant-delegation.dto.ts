import { RECORD_PARTS, type RecordPart } from '@ilinks/consent/domain';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsISO8601,
  Matches,
  ValidateNested,
} from 'class-validator';
import { RecordedByDto, USER_ID } from '../recorded-by.dto';

/** `POST /persons/:personId/delegations` (`GrantDelegationRequestV1`). */
export class GrantDelegationDto {
  @ValidateNested() @Type(() => RecordedByDto) recordedBy!: RecordedByDto;
  @Matches(USER_ID) carer!: string;
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(RECORD_PARTS.length)
  @IsIn(RECORD_PARTS, { each: true })
  parts!: RecordPart[];
  @IsISO8601({ strict: true }) until!: string;
}
