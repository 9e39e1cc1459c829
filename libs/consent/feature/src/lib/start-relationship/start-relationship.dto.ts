import { CARE_RELATIONSHIP_KINDS, type CareRelationshipKind } from '@ilinks/consent/domain';
import { IsIn, IsISO8601, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { ODS_CODE, USER_ID } from '../recorded-by.dto';

/** Every kind but `holds-local-record`, which follows from identity. */
export const STARTABLE_RELATIONSHIP_KINDS = CARE_RELATIONSHIP_KINDS.filter(
  (kind) => kind !== 'holds-local-record',
);

/** `POST /persons/:personId/relationships` (`StartRelationshipRequestV1`). */
export class StartRelationshipDto {
  @IsString() @Matches(ODS_CODE) organisation!: string;
  @IsIn(STARTABLE_RELATIONSHIP_KINDS) kind!: Exclude<CareRelationshipKind, 'holds-local-record'>;
  @IsOptional() @IsISO8601({ strict: true }) since?: string;
  @IsOptional() @IsISO8601({ strict: true }) until?: string;
  @IsOptional() @IsString() @Matches(USER_ID) declaredBy?: string;
  @IsOptional() @IsString() @MinLength(1) @MaxLength(1000) reason?: string;
}
