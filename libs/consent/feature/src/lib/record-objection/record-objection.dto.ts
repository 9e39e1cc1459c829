import { Type } from 'class-transformer';
import { IsBoolean, ValidateNested } from 'class-validator';
import { RecordedByDto } from '../recorded-by.dto';

/** `POST /persons/:personId/objections` (`RecordObjectionRequestV1`). */
export class RecordObjectionDto {
  @ValidateNested() @Type(() => RecordedByDto) recordedBy!: RecordedByDto;
  @IsBoolean() onBehalf!: boolean;
}
