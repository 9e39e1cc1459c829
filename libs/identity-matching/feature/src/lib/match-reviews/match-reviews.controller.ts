import type { ReviewPageV1, ReviewV1 } from '@ilinks/identity-matching/contracts';
import {
  matchReviewDecider,
  matchReviewStream,
  type ResolveMatchReview,
} from '@ilinks/identity-matching/domain';
import type { EventStore } from '@ilinks/platform/event-store';
import { CLOCK, EVENT_STORE, executeCommand, ServiceRuntime } from '@ilinks/platform/runtime';
import { type Clock, NotFoundError } from '@ilinks/shared/kernel';
import { Body, Controller, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { IdentityViews } from '../identity-views';
import { IdentityWriteQueue } from '../link-local-record/identity-write-queue';
import { PersonChanges } from './person-merges';
import { reviewOf } from './match-reviews.projection';

export class ListReviewsQuery {
  @IsOptional() @IsIn(['open', 'resolved']) status?: 'open' | 'resolved';
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
  @IsOptional() @IsString() @MaxLength(512) cursor?: string;
}

export class ResolveReviewDto {
  @IsIn(['same-person', 'different-people']) decision!: 'same-person' | 'different-people';
  @IsOptional() @IsUUID() personId?: string;
  @IsString() @MaxLength(1000) reason!: string;
  @IsString() @Matches(/^\S{1,256}$/) resolvedBy!: string;
}

/** The review queue: potential matches a person decides, oldest first. */
@Controller('match-reviews')
export class MatchReviewsController {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly runtime: ServiceRuntime,
    private readonly views: IdentityViews,
    private readonly changes: PersonChanges,
    private readonly queue: IdentityWriteQueue,
  ) {}

  @Get()
  async list(@Query() query: ListReviewsQuery): Promise<ReviewPageV1> {
    const page = await this.views.reviews.find({
      where: { status: query.status ?? 'open' },
      sort: { field: 'raisedAt', direction: 'asc' },
      limit: query.limit ?? 50,
      ...(query.cursor ? { cursor: query.cursor } : {}),
    });
    return {
      reviews: page.items.map((item) => reviewOf(item.body)),
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    };
  }

  @Get(':reviewId')
  async byId(@Param('reviewId', new ParseUUIDPipe()) reviewId: string): Promise<ReviewV1> {
    const found = await this.views.reviews.get(reviewId);
    if (!found) throw new NotFoundError('No such review');
    return reviewOf(found.body);
  }

  /**
   * Records the reviewer's decision and carries it out: `same-person` merges the record's person
   * into the chosen candidate; `different-people` is remembered so they are never linked
   * automatically again. Repeating the same decision completes it and records nothing twice.
   */
  @Post(':reviewId/resolve')
  @HttpCode(200)
  async resolve(
    @Param('reviewId', new ParseUUIDPipe()) reviewId: string,
    @Body() body: ResolveReviewDto,
  ): Promise<ReviewV1> {
    await this.queue.run(async () => {
      const command: ResolveMatchReview = {
        type: 'ResolveMatchReview',
        data: {
          reviewId,
          decision: body.decision,
          ...(body.personId ? { personId: body.personId } : {}),
          reason: body.reason,
          resolvedBy: body.resolvedBy,
        },
        metadata: {
          idempotencyKey: `resolve:${reviewId}:${body.decision}:${body.personId ?? ''}`,
          now: this.clock.now(),
          actor: body.resolvedBy,
        },
      };
      const result = await executeCommand(
        this.eventStore,
        matchReviewDecider,
        matchReviewStream(reviewId),
        command,
      );
      await this.runtime.waitForViews(result.position);
      const review = await this.byId(reviewId);
      const resolution = review.resolution;
      if (resolution?.decision === 'same-person' && resolution.personId && resolution.mergeId) {
        await this.changes.merge(
          resolution.personId,
          review.personId,
          resolution.mergeId,
          body.reason,
          body.resolvedBy,
        );
      }
    });
    return this.byId(reviewId);
  }
}
