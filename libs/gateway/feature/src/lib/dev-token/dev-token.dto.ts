import { ODS_CODE, ROLES, type Role } from '@ilinks/platform/security';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';

const SCOPE = /^[a-z][a-z0-9-]{0,63}$/;
const SUBJECT = /^[A-Za-z0-9._@:-]{1,128}$/;

/** What a carer may see for one person, and until when. */
export class DelegationDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  patient!: string;

  @IsArray()
  @ArrayMaxSize(32)
  @Matches(SCOPE, { each: true, message: '$property must hold lower-case scope names such as "summary"' })
  scopes!: string[];

  @IsISO8601({ strict: true }, { message: '$property must be an ISO 8601 date-time' })
  until!: string;
}

/** Body of `POST /auth/dev-token`. */
export class DevTokenRequestDto {
  @Matches(SUBJECT, { message: '$property must be 1 to 128 letters, digits or . _ @ : -' })
  sub!: string;

  @Matches(ODS_CODE, { message: '$property must be an ODS-style code: 3 to 10 upper-case letters or digits' })
  org!: string;

  @IsIn(ROLES)
  role!: Role;

  /** Enterprise person id; required for the role `individual`. */
  @ValidateIf((request: DevTokenRequestDto) => request.role === 'individual' || request.patient !== undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  patient?: string;

  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  professionalRole?: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(32)
  @ValidateNested({ each: true })
  @Type(() => DelegationDto)
  delegations?: DelegationDto[];

  /** Lifetime in seconds, 60 to 86400; one hour by default. */
  @IsOptional()
  @IsInt()
  @Min(60)
  @Max(86_400)
  expiresInSeconds?: number;
}

/** The OAuth2-style token response. */
export interface DevTokenResponse {
  readonly access_token: string;
  readonly token_type: 'Bearer';
  readonly expires_in: number;
}
