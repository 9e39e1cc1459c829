import type { AccessAlertV1, AlertPageV1, TrailVerificationV1 } from '@ilinks/audit/contracts';
import { CurrentPrincipal, type Principal, Roles } from '@ilinks/platform/security';
import { Body, Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type { IncomingMessage } from 'node:http';
import { forwardedHeadersOf } from '../patient/forwarded-headers';
import { AuditClient } from './audit.client';

/** `GET /governance/alerts` query. */
export class AlertQueryDto {
  @IsOptional() @IsIn(['open', 'reviewed']) status?: 'open' | 'reviewed';
  @IsOptional() @IsString() @MaxLength(512) cursor?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
}

/** `POST /governance/alerts/:id/$review` body: the reviewer is the caller, never the body. */
export class ReviewAlertDto {
  @IsIn(['appropriate', 'inappropriate', 'escalated']) outcome!:
    | 'appropriate'
    | 'inappropriate'
    | 'escalated';
  @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

/**
 * The information-governance desk: the trail's verification (`POST /audit/$verify`) and the queue of
 * access alerts (break-glass, self-declared relationships, unusual access) with their review.
 */
@Controller()
export class GovernanceController {
  constructor(private readonly audit: AuditClient) {}

  @Post('audit/$verify')
  @Roles('ig-officer', 'admin')
  @HttpCode(200)
  verify(@Req() request: IncomingMessage): Promise<TrailVerificationV1> {
    return this.audit.verifyTrail(forwardedHeadersOf(request));
  }

  @Get('governance/alerts')
  @Roles('ig-officer')
  alerts(@Query() query: AlertQueryDto, @Req() request: IncomingMessage): Promise<AlertPageV1> {
    return this.audit.listAlerts(query, forwardedHeadersOf(request));
  }

  @Post('governance/alerts/:id/$review')
  @Roles('ig-officer')
  @HttpCode(200)
  review(
    @Param('id') id: string,
    @Body() body: ReviewAlertDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: IncomingMessage,
  ): Promise<AccessAlertV1> {
    return this.audit.reviewAlert(
      id,
      { reviewedBy: principal.subject, outcome: body.outcome, ...(body.note ? { note: body.note } : {}) },
      forwardedHeadersOf(request),
    );
  }
}
