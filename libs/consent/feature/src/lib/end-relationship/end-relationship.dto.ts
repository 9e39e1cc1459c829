import { Type } from 'class-transformer';
import { ValidateNested } from 'class-validator';
import { RecordedByDto } from '../recorded-by.dto';

/** `POST /relationships/:relationshipId/end` (`EndRelationshipRequestV1`). */
export class EndRelationshipDto {
  @ValidateNested() @Type(() => RecordedByDto) endedBy!: RecordedByDto;
}
