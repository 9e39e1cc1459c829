import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';

export class LocalIdentifierDto {
  @IsString() @MaxLength(256) system!: string;
  @IsString() @MaxLength(64) value!: string;
}

export class PersonNameDto {
  @IsString() @MaxLength(100) family!: string;
  @IsArray() @ArrayMaxSize(5) @IsString({ each: true }) @MaxLength(100, { each: true }) given!: string[];
  @IsOptional() @IsIn(['official', 'usual', 'maiden', 'nickname', 'old']) use?:
    | 'official'
    | 'usual'
    | 'maiden'
    | 'nickname'
    | 'old';
}

export class AddressDto {
  @IsArray() @ArrayMaxSize(5) @IsString({ each: true }) @MaxLength(200, { each: true }) lines!: string[];
  @IsOptional() @IsString() @MaxLength(100) city?: string;
  @IsOptional() @IsString() @MaxLength(10) postcode?: string;
}

export class ContactPointDto {
  @IsIn(['phone', 'email']) system!: 'phone' | 'email';
  @IsString() @MaxLength(256) value!: string;
}

export class DemographicsDto {
  @IsOptional() @IsString() @MaxLength(16) nhsNumber?: string;
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => PersonNameDto)
  names!: PersonNameDto[];
  @IsString() @MaxLength(10) birthDate!: string;
  @IsIn(['male', 'female', 'other', 'unknown']) gender!: 'male' | 'female' | 'other' | 'unknown';
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => AddressDto)
  addresses!: AddressDto[];
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => ContactPointDto)
  telecom!: ContactPointDto[];
}

/** Internal API body: the gateway has mapped the FHIR Patient and taken the organisation from the token. */
export class RegisterLocalRecordDto {
  @Matches(/^[A-Z0-9]{3,10}$/) organisation!: string;
  @ValidateNested() @Type(() => LocalIdentifierDto) identifier!: LocalIdentifierDto;
  @ValidateNested() @Type(() => DemographicsDto) demographics!: DemographicsDto;
}

/** `$match` input: what the caller knows, every part optional. */
export class MatchDemographicsDto {
  @IsOptional() @IsString() @MaxLength(16) nhsNumber?: string;
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => PersonNameDto)
  names?: PersonNameDto[];
  @IsOptional() @IsString() @MaxLength(10) birthDate?: string;
  @IsOptional() @IsIn(['male', 'female', 'other', 'unknown']) gender?:
    | 'male'
    | 'female'
    | 'other'
    | 'unknown';
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => AddressDto)
  addresses?: AddressDto[];
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => ContactPointDto)
  telecom?: ContactPointDto[];
}
