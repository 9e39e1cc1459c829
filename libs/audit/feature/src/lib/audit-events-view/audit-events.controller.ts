import type { AuditEventV1, AuditPageV1 } from '@ilinks/audit/contracts';
import type { Filter } from '@ilinks/platform/read-models';
import { NotFoundError } from '@ilinks/shared/kernel';
import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { normalisedInstant } from '../audit-trail/audit-trail.stream';
import { AuditViews } from '../audit-views';
import { auditEventOf } from './audit-events.projection';
import { findNewestFirst } from './newest-first';

export class AuditEventsQuery {
  /** Person id: who accessed this person's record. */
  @IsOptional() @IsUUID() patient?: string;
  /** The user's subject. */
  @IsOptional() @IsString() @MaxLength(256) agent?: string;
  @IsOptional() @Matches(/^[A-Z0-9]{3,10}$/) organisation?: string;
  @IsOptional() @IsIn(['true', 'false']) breakGlass?: 'true' | 'false';
  @IsOptional() @IsISO8601({ strict: true }) since?: string;
  @IsOptional() @IsISO8601({ strict: true }) until?: string;
  @IsOptional() @IsString() @MaxLength(512) cursor?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
}

/** Who accessed what: the trail's records by person, user, organisation, break-glass and time, newest first. */
@Controller('audit-events')
export class AuditEventsController {
  constructor(private readonly views: AuditViews) {}

  @Get()
  async search(@Query() query: AuditEventsQuery): Promise<AuditPageV1> {
    const where: Record<string, string | boolean> = {};
    if (query.agent !== undefined) where['agentSubject'] = query.agent;
    if (query.organisation !== undefined) where['organisation'] = query.organisation;
    if (query.breakGlass !== undefined) where['breakGlass'] = query.breakGlass === 'true';
    const request = {
      where: where as Filter,
      limit: query.limit ?? 50,
      ...(query.since === undefined ? {} : { since: normalisedInstant(query.since) }),
      ...(query.until === undefined ? {} : { until: normalisedInstant(query.until) }),
      ...(query.cursor === undefined ? {} : { cursor: query.cursor }),
    };
    const page =
      query.patient === undefined
        ? await findNewestFirst(this.views.events, request)
        : await findNewestFirst(this.views.byPerson, {
            ...request,
            where: { personId: query.patient, ...where },
          });
    return {
      items: page.items.map((doc) => auditEventOf(doc.body)),
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    };
  }

  @Get(':recordId')
  async byId(@Param('recordId', new ParseUUIDPipe()) recordId: string): Promise<AuditEventV1> {
    const found = await this.views.events.get(recordId);
    if (!found) throw new NotFoundError('No such audit record');
    return auditEventOf(found.body);
  }
}
