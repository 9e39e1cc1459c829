import { Type } from 'class-transformer';
import {
  IsIn,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';

/** An ODS code. */
export const ODS_CODE = /^[A-Z0-9]{3,10}$/;
export const ODS_MESSAGE = { message: '$property must be an ODS code' };
/** A team or practitioner name: no spaces. */
export const NAME = /^\S{1,256}$/;
const NAME_MESSAGE = { message: '$property must be 1 to 256 characters without spaces' };

/** `ActorV1`. */
export class ActorDto {
  @IsString() @MinLength(1) @MaxLength(256) subject!: string;
  @Matches(/^(system|practitioner|individual)$/, {
    message: 'role must be system, practitioner or individual',
  })
  role!: string;
  @Matches(ODS_CODE, ODS_MESSAGE) organisation!: string;
}

/** `DiagnosticSubjectV1`. */
export class SubjectDto {
  @IsUUID() personId!: string;
  @IsOptional() @IsUUID() localRecordId?: string;
}

/** `ParticipantV1`. */
export class ParticipantDto {
  @Matches(ODS_CODE, ODS_MESSAGE) organisation!: string;
  @IsOptional() @Matches(/^\S{1,128}$/, NAME_MESSAGE) team?: string;
  @IsOptional() @Matches(NAME, NAME_MESSAGE) practitioner?: string;
}

/** `CodingV1`. */
export class CodingDto {
  @IsString() @MinLength(1) @MaxLength(256) system!: string;
  @IsString() @MinLength(1) @MaxLength(128) code!: string;
  @IsOptional() @IsString() @MaxLength(1024) display?: string;
}

/** `IdentifierV1`. */
export class IdentifierDto {
  @IsOptional() @IsString() @MinLength(1) @MaxLength(256) system?: string;
  @IsString() @MinLength(1) @MaxLength(128) value!: string;
}

/** `QuantityV1`. */
export class QuantityDto {
  @IsNumber({ allowNaN: false, allowInfinity: false }) value!: number;
  @IsOptional() @IsString() @MaxLength(64) unit?: string;
  @IsOptional() @IsString() @MaxLength(256) system?: string;
  @IsOptional() @IsString() @MaxLength(64) code?: string;
  @IsOptional() @IsIn(['<', '<=', '>=', '>']) comparator?: '<' | '<=' | '>=' | '>';
}

/** `ReferenceRangeV1`. */
export class ReferenceRangeDto {
  @IsOptional() @ValidateNested() @Type(() => QuantityDto) low?: QuantityDto;
  @IsOptional() @ValidateNested() @Type(() => QuantityDto) high?: QuantityDto;
  @IsOptional() @IsString() @MaxLength(1024) text?: string;
}
