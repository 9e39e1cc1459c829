import { SENSITIVE_CATEGORIES, type SensitiveCategory } from '@ilinks/consent/domain';
import { Type } from 'class-transformer';
import { IsIn, ValidateNested } from 'class-validator';
import { RecordedByDto } from '../recorded-by.dto';

/** `POST /persons/:personId/category-agreements` (`AgreeCategoryRequestV1`). */
export class AgreeCategoryDto {
  @ValidateNested() @Type(() => RecordedByDto) recordedBy!: RecordedByDto;
  @IsIn(SENSITIVE_CATEGORIES) category!: SensitiveCategory;
}
