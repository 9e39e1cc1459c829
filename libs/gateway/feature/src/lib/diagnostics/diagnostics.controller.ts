import type {
  CumulativeSeriesV1,
  DiagnosticReportV1,
  DiagnosticReportsPageV1,
  ResultQueuePageV1,
} from '@ilinks/diagnostics/contracts';
import { CurrentPrincipal, type Principal, Roles } from '@ilinks/platform/security';
import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DiagnosticsEdge } from './diagnostics-edge';
import {
  AcknowledgeReportBody,
  CumulativeQueryDto,
  PersonReportsQueryDto,
  UnacknowledgedQueryDto,
} from './diagnostics.dto';

/** Clinicians work the queues; individuals and carers read released results of their own (or delegated) record. */
const CLINICIANS = ['practitioner'] as const;
const PERSON_READERS = ['practitioner', 'individual', 'carer'] as const;

/** Results for clinical apps (JSON, under `/diagnostics`): the queue, a report, acknowledgement, release. */
@Controller('diagnostics')
export class DiagnosticsController {
  constructor(private readonly edge: DiagnosticsEdge) {}

  @Get('unacknowledged')
  @Roles(...CLINICIANS)
  unacknowledged(
    @Query() query: UnacknowledgedQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: IncomingMessage,
  ): Promise<ResultQueuePageV1> {
    return this.edge.unacknowledged(query, principal, request);
  }

  @Get('reports/:reportId')
  @Roles(...CLINICIANS)
  report(
    @Param('reportId') reportId: string,
    @CurrentPrincipal() principal: Principal,
    @Req() request: IncomingMessage,
  ): Promise<DiagnosticReportV1> {
    return this.edge.report(reportId, principal, request);
  }

  @Post('reports/:reportId/acknowledge')
  @Roles(...CLINICIANS)
  @HttpCode(200)
  acknowledge(
    @Param('reportId') reportId: string,
    @Body() body: AcknowledgeReportBody,
    @CurrentPrincipal() principal: Principal,
    @Req() request: IncomingMessage,
  ): Promise<DiagnosticReportV1> {
    return this.edge.acknowledge(reportId, body.note, principal, request);
  }

  @Post('reports/:reportId/release')
  @Roles(...CLINICIANS)
  @HttpCode(200)
  release(
    @Param('reportId') reportId: string,
    @CurrentPrincipal() principal: Principal,
    @Req() request: IncomingMessage,
  ): Promise<DiagnosticReportV1> {
    return this.edge.release(reportId, principal, request);
  }

  @Get('persons/:personId/reports')
  @Roles(...PERSON_READERS)
  personReports(
    @Param('personId') personId: string,
    @Query() query: PersonReportsQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: IncomingMessage,
  ): Promise<DiagnosticReportsPageV1> {
    return this.edge.personReports(personId, query, principal, request);
  }

  @Get('persons/:personId/cumulative')
  @Roles(...PERSON_READERS)
  cumulative(
    @Param('personId') personId: string,
    @Query() query: CumulativeQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: IncomingMessage,
  ): Promise<CumulativeSeriesV1> {
    return this.edge.cumulative(personId, query.analyte, principal, request);
  }

  /** The series plotted (`image/svg+xml`, drawn by the diagnostics service), never sniffed as anything else. */
  @Get('persons/:personId/cumulative.svg')
  @Roles(...PERSON_READERS)
  async cumulativeSvg(
    @Param('personId') personId: string,
    @Query() query: CumulativeQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: IncomingMessage,
    @Res() response: ServerResponse,
  ): Promise<void> {
    const svg = await this.edge.cumulativeSvg(personId, query.analyte, principal, request);
    response.statusCode = 200;
    response.setHeader('Content-Type', 'image/svg+xml; charset=utf-8');
    response.setHeader('X-Content-Type-Options', 'nosniff');
    // Opened directly, an SVG is a document: nothing in it may run or load.
    response.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'");
    // A drawing of someone's results: not for shared caches.
    response.setHeader('Cache-Control', 'private, no-store');
    response.end(svg);
  }
}
