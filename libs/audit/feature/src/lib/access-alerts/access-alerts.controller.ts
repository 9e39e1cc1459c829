import type { AccessAlertV1, AlertPageV1, ReviewAlertRequestV1 } from '@ilinks/audit/contracts';
import { REVIEW_OUTCOMES, type ReviewOutcome } from '@ilinks/audit/domain';
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { AuditViews } from '../audit-views';
import { AccessAlerts } from './access-alerts';
import { accessAlertOf } from './access-alerts.projection';

export class ListAlertsQuery {
  @IsOptional() @IsIn(['open', 'reviewed']) status?: 'open' | 'reviewed';
  @IsOptional() @IsString() @MaxLength(512) cursor?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
}

export class ReviewAlertDto implements ReviewAlertRequestV1 {
  @IsString() @Matches(/^\S{1,256}$/) reviewedBy!: string;
  @IsIn(REVIEW_OUTCOMES) outcome!: ReviewOutcome;
  @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

/** The information-governance review queue: break-glass, self-declared relationships, unusual access. */
@Controller('alerts')
export class AccessAlertsController {
  constructor(
    private readonly views: AuditViews,
    private readonly alerts: AccessAlerts,
  ) {}

  /** Newest first; all alerts, or only the open or reviewed ones. */
  @Get()
  async list(@Query() query: ListAlertsQuery): Promise<AlertPageV1> {
    const page = await this.views.alerts.find({
      ...(query.status === undefined ? {} : { where: { status: query.status } }),
      sort: { field: 'raisedAt', direction: 'desc' },
      limit: query.limit ?? 50,
      ...(query.cursor === undefined ? {} : { cursor: query.cursor }),
    });
    return {
      items: page.items.map((doc) => accessAlertOf(doc.body)),
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    };
  }

  /** Records the review once (404 for an unknown alert, 409 when another review was recorded). */
  @Post(':alertId/review')
  @HttpCode(200)
  review(
    @Param('alertId', new ParseUUIDPipe()) alertId: string,
    @Body() body: ReviewAlertDto,
  ): Promise<AccessAlertV1> {
    return this.alerts.review(alertId, body);
  }
}
