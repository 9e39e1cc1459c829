import { Type } from 'class-transformer';
import { ValidateNested } from 'class-validator';
import { RecordedByDto } from '../recorded-by.dto';

/** `POST /consents/:consentId/withdraw` (`WithdrawConsentRequestV1`). */
export class WithdrawConsentDto {
  @ValidateNested() @Type(() => RecordedByDto) recordedBy!: RecordedByDto;
}
