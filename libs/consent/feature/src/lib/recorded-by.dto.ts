import { ACCESS_ROLES, type AccessRole } from '@ilinks/consent/domain';
import { IsIn, IsString, Matches } from 'class-validator';

/** An ODS organisation code, as the integration events require. */
export const ODS_CODE = /^[A-Z0-9]{3,10}$/;
/** A user id (token `sub`): no spaces, at most 256 characters. */
export const USER_ID = /^\S{1,256}$/;

/** Who records a consent fact: the gateway fills it from the caller's token. */
export class RecordedByDto {
  @IsString() @Matches(USER_ID) subject!: string;
  @IsString() @Matches(ODS_CODE) organisation!: string;
  @IsIn(ACCESS_ROLES) role!: AccessRole;
}
