import { CurrentPrincipal, type Principal, Roles } from '@ilinks/platform/security';
import { Controller, Get, Header, Param, Query, Req } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import type { SearchQuery } from '../read/record-search.params';
import type { CarePlanItem } from './care-plans-view';
import type { CareTeamMember } from './care-team-view';
import type { DiaryItem } from './diary-view';
import { type DefaultView, RecordViews, type SummaryView, type TimelineView } from './record-views.service';

/** The roles that read the shared record; governance and administration never see clinical content. */
const RECORD_READERS = ['practitioner', 'system', 'individual', 'carer'] as const;
const JSON_UTF8 = 'application/json; charset=utf-8';

/** `GET /record/persons/:id[/view]`: the whole-person views, as JSON for clinical apps. */
@Controller('record/persons')
export class RecordViewsController {
  constructor(private readonly views: RecordViews) {}

  @Get(':id')
  @Roles(...RECORD_READERS)
  @Header('Content-Type', JSON_UTF8)
  defaultView(
    @Param('id') id: string,
    @CurrentPrincipal() principal: Principal,
    @Req() request: IncomingMessage,
  ): Promise<DefaultView> {
    return this.views.defaultView(id, principal, request);
  }

  @Get(':id/summary')
  @Roles(...RECORD_READERS)
  @Header('Content-Type', JSON_UTF8)
  summary(
    @Param('id') id: string,
    @CurrentPrincipal() principal: Principal,
    @Req() request: IncomingMessage,
  ): Promise<SummaryView> {
    return this.views.summary(id, principal, request);
  }

  @Get(':id/timeline')
  @Roles(...RECORD_READERS)
  @Header('Content-Type', JSON_UTF8)
  timeline(
    @Param('id') id: string,
    @Query() query: SearchQuery,
    @CurrentPrincipal() principal: Principal,
    @Req() request: IncomingMessage,
  ): Promise<TimelineView> {
    return this.views.timeline(id, query, principal, request);
  }

  @Get(':id/care-team')
  @Roles(...RECORD_READERS)
  @Header('Content-Type', JSON_UTF8)
  careTeam(
    @Param('id') id: string,
    @CurrentPrincipal() principal: Principal,
    @Req() request: IncomingMessage,
  ): Promise<{ readonly members: readonly CareTeamMember[] }> {
    return this.views.careTeam(id, principal, request).then((members) => ({ members }));
  }

  @Get(':id/diary')
  @Roles(...RECORD_READERS)
  @Header('Content-Type', JSON_UTF8)
  diary(
    @Param('id') id: string,
    @CurrentPrincipal() principal: Principal,
    @Req() request: IncomingMessage,
  ): Promise<{ readonly appointments: readonly DiaryItem[] }> {
    return this.views.diary(id, principal, request).then((appointments) => ({ appointments }));
  }

  @Get(':id/care-plans')
  @Roles(...RECORD_READERS)
  @Header('Content-Type', JSON_UTF8)
  carePlans(
    @Param('id') id: string,
    @CurrentPrincipal() principal: Principal,
    @Req() request: IncomingMessage,
  ): Promise<{ readonly carePlans: readonly CarePlanItem[] }> {
    return this.views.carePlans(id, principal, request).then((carePlans) => ({ carePlans }));
  }
}
