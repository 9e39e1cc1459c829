import { IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { ODS_CODE, USER_ID } from '../recorded-by.dto';

/** `POST /persons/:personId/break-glass` (`BreakGlassRequestV1`): the gateway fills it from the token and `X-Break-Glass-Reason`. */
export class BreakGlassDto {
  @IsString() @Matches(USER_ID) subject!: string;
  @IsString() @Matches(ODS_CODE) organisation!: string;
  @IsString() @MinLength(1) @MaxLength(1000) reason!: string;
}
