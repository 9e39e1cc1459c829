import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import {
  ActorDto,
  CodingDto,
  IdentifierDto,
  ODS_CODE,
  ODS_MESSAGE,
  ParticipantDto,
  SubjectDto,
} from '../diagnostics.dto';

/** `RecordTestRequestV1`. */
export class RecordTestRequestDto {
  @ValidateNested() @Type(() => SubjectDto) subject!: SubjectDto;
  @ValidateNested() @Type(() => ActorDto) recordedBy!: ActorDto;
  @IsString() @MinLength(1) @MaxLength(128) partnerRequestId!: string;
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => IdentifierDto)
  identifiers!: IdentifierDto[];
  @ValidateNested() @Type(() => ParticipantDto) requester!: ParticipantDto;
  @IsOptional() @Matches(ODS_CODE, ODS_MESSAGE) performer?: string;
  @IsOptional() @IsIn(['laboratory', 'imaging', 'other']) category?: 'laboratory' | 'imaging' | 'other';
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => CodingDto)
  code!: CodingDto[];
  @IsIn(['draft', 'active', 'on-hold', 'revoked', 'completed', 'entered-in-error'])
  status!: 'draft' | 'active' | 'on-hold' | 'revoked' | 'completed' | 'entered-in-error';
  @IsOptional() @IsIn(['routine', 'urgent', 'asap', 'stat']) priority?:
    | 'routine'
    | 'urgent'
    | 'asap'
    | 'stat';
  @IsOptional() @IsISO8601({ strict: true }) authoredOn?: string;
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => ParticipantDto)
  copiesTo!: ParticipantDto[];
  @IsObject() resource!: Record<string, unknown>;
}
