import { Type } from 'class-transformer';
import { IsISO8601, IsString, IsUUID, Matches, MaxLength, ValidateNested } from 'class-validator';
import { IDENTITY_TOPIC } from './identity.topics';

export class LocalIdentifierV1 {
  @IsString() @MaxLength(256) system!: string;
  @IsString() @MaxLength(64) value!: string;
}

/** A partner organisation registered its own record of a patient with the exchange. */
export class LocalRecordRegisteredV1 {
  @IsUUID() localRecordId!: string;
  /** ODS code of the organisation that owns the record. */
  @Matches(/^[A-Z0-9]{3,10}$/) organisation!: string;
  @ValidateNested() @Type(() => LocalIdentifierV1) identifier!: LocalIdentifierV1;
  @IsISO8601({ strict: true }) registeredAt!: string;
}

export const LocalRecordRegisteredV1Event = {
  type: 'ilinks.identity.local-record-registered.v1',
  topic: IDENTITY_TOPIC,
  dataClass: LocalRecordRegisteredV1,
} as const;
