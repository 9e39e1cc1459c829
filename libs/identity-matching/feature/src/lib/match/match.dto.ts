import { Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, Max, Min, ValidateNested } from 'class-validator';
import { MatchDemographicsDto } from '../register-local-record/register-local-record.dto';

export class MatchRequestDto {
  @ValidateNested() @Type(() => MatchDemographicsDto) demographics!: MatchDemographicsDto;
  @IsOptional() @IsInt() @Min(1) @Max(100) count?: number;
  @IsOptional() @IsBoolean() onlyCertainMatches?: boolean;
}
