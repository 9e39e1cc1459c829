import type { ReviewDecisionV1 } from '@ilinks/identity-matching/contracts';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';

const DECISIONS: readonly ReviewDecisionV1[] = ['same-person', 'different-people'];
const MAX_REASON = 1000;

/** Query of `GET /identity/match-reviews`. */
export class ListReviewsQueryDto {
  @IsOptional()
  @IsIn(['open', 'resolved'])
  status?: 'open' | 'resolved';

  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(512)
  cursor?: string;

  /** 1 to 100. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

/** Body of `POST /identity/match-reviews/:id/$resolve`. */
export class ResolveReviewDto {
  @IsIn(DECISIONS)
  decision!: ReviewDecisionV1;

  /** For `same-person`: the candidate person the record's person is the same as. */
  @ValidateIf((body: ResolveReviewDto) => body.decision === 'same-person' || body.personId !== undefined)
  @IsUUID()
  personId?: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_REASON)
  reason!: string;
}

/** Body of `POST /identity/persons/:id/$unlink`. */
export class UnlinkLocalRecordDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  localRecordId!: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_REASON)
  reason!: string;
}

/** Body of `POST /identity/persons/:id/merges/:mergeId/$undo`. */
export class UndoMergeDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_REASON)
  reason!: string;
}

/** `POST /identity/match-model/$train` body. */
export class TrainMatchModelDto {
  @IsOptional() @IsInt() @Min(1) @Max(2_147_483_647) seed?: number;
}
