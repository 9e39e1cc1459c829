import type {
  PersonViewV1,
  ReviewPageV1,
  ReviewV1,
  UnlinkResponseV1,
  TrainingReportV1,
} from '@ilinks/identity-matching/contracts';
import { CurrentPrincipal, type Principal, Roles } from '@ilinks/platform/security';
import { Body, Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { forwardedHeadersOf } from './forwarded-headers';
import { IdentityClient } from './identity.client';
import {
  ListReviewsQueryDto,
  ResolveReviewDto,
  UndoMergeDto,
  UnlinkLocalRecordDto,
  TrainMatchModelDto,
} from './identity-admin.dto';

/**
 * Plain-JSON administration of identity for information-governance officers and admins: the
 * match-review queue, and undoing wrong links and merges. The caller's subject is recorded as the
 * one who decided.
 */
@Controller('identity')
@Roles('ig-officer', 'admin')
export class IdentityAdminController {
  constructor(private readonly identity: IdentityClient) {}

  @Get('match-reviews')
  listReviews(@Query() query: ListReviewsQueryDto, @Req() request: IncomingMessage): Promise<ReviewPageV1> {
    return this.identity.listReviews(
      {
        ...(query.status === undefined ? {} : { status: query.status }),
        ...(query.cursor === undefined ? {} : { cursor: query.cursor }),
        ...(query.limit === undefined ? {} : { limit: query.limit }),
      },
      forwardedHeadersOf(request),
    );
  }

  @Get('match-reviews/:id')
  getReview(@Param('id') id: string, @Req() request: IncomingMessage): Promise<ReviewV1> {
    return this.identity.getReview(id, forwardedHeadersOf(request));
  }

  @Post('match-reviews/:id/$resolve')
  @HttpCode(200)
  resolveReview(
    @Param('id') id: string,
    @Body() body: ResolveReviewDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: IncomingMessage,
  ): Promise<ReviewV1> {
    return this.identity.resolveReview(
      id,
      {
        decision: body.decision,
        ...(body.personId === undefined ? {} : { personId: body.personId }),
        reason: body.reason,
        resolvedBy: principal.subject,
      },
      forwardedHeadersOf(request),
    );
  }

  @Post('persons/:id/$unlink')
  @HttpCode(200)
  unlink(
    @Param('id') id: string,
    @Body() body: UnlinkLocalRecordDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: IncomingMessage,
  ): Promise<UnlinkResponseV1> {
    return this.identity.unlink(
      id,
      { localRecordId: body.localRecordId, reason: body.reason, requestedBy: principal.subject },
      forwardedHeadersOf(request),
    );
  }

  @Post('persons/:id/merges/:mergeId/$undo')
  @HttpCode(200)
  undoMerge(
    @Param('id') id: string,
    @Param('mergeId') mergeId: string,
    @Body() body: UndoMergeDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: IncomingMessage,
  ): Promise<PersonViewV1> {
    return this.identity.undoMerge(
      id,
      mergeId,
      { reason: body.reason, requestedBy: principal.subject },
      forwardedHeadersOf(request),
    );
  }

  /** Retrains the match model from every record held (admin only: it changes how everyone is matched). */
  @Post('match-model/$train')
  @Roles('admin')
  @HttpCode(200)
  trainMatchModel(
    @Body() body: TrainMatchModelDto,
    @Req() request: IncomingMessage,
  ): Promise<TrainingReportV1> {
    return this.identity.trainMatchModel(
      body.seed === undefined ? {} : { seed: body.seed },
      forwardedHeadersOf(request),
    );
  }
}
