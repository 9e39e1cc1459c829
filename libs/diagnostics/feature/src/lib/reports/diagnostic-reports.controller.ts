import type {
  DiagnosticReportsPageV1,
  DiagnosticReportV1,
  ResultQueuePageV1,
} from '@ilinks/diagnostics/contracts';
import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import { idempotencyKeyOf } from '@ilinks/platform/http';
import {
  AcknowledgeReportDto,
  RecordReportDto,
  ReleaseReportDto,
  ResultQueueQueryDto,
} from './diagnostic-report.dto';
import { DiagnosticReports } from './diagnostic-reports';
import { personReportsQueryOf } from './person-reports';

/** Page size of a queue when the caller names none. */
const DEFAULT_QUEUE_PAGE = 20;

/** The subset of an HTTP response a recording route sets its status on. */
interface StatusResponse {
  status(code: number): unknown;
}

/** Lab reports, their acknowledgement and release, and a person's reports (through the gateway). */
@Controller('reports')
export class DiagnosticReportsController {
  constructor(private readonly reports: DiagnosticReports) {}

  /** 201 for a new report; 200 for a resend (unchanged: nothing recorded; changed: a new revision). */
  @Post()
  async record(
    @Body() body: RecordReportDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) response: StatusResponse,
  ): Promise<DiagnosticReportV1> {
    const recorded = await this.reports.record(body, idempotencyKeyOf(idempotencyKey));
    response.status(recorded.created ? 201 : 200);
    return recorded.body;
  }

  @Get()
  ofPerson(@Query() query: Record<string, unknown>): Promise<DiagnosticReportsPageV1> {
    return this.reports.ofPerson(personReportsQueryOf(query));
  }

  @Get(':reportId')
  byId(@Param('reportId', new ParseUUIDPipe()) reportId: string): Promise<DiagnosticReportV1> {
    return this.reports.byId(reportId);
  }

  @Post(':reportId/acknowledge')
  @HttpCode(200)
  acknowledge(
    @Param('reportId', new ParseUUIDPipe()) reportId: string,
    @Body() body: AcknowledgeReportDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
  ): Promise<DiagnosticReportV1> {
    return this.reports.acknowledge(reportId, body, idempotencyKeyOf(idempotencyKey));
  }

  @Post(':reportId/release')
  @HttpCode(200)
  release(
    @Param('reportId', new ParseUUIDPipe()) reportId: string,
    @Body() body: ReleaseReportDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
  ): Promise<DiagnosticReportV1> {
    return this.reports.release(reportId, body, idempotencyKeyOf(idempotencyKey));
  }
}

/** The unacknowledged-results queues of organisations, teams and practitioners. */
@Controller('unacknowledged')
export class ResultQueueController {
  constructor(private readonly reports: DiagnosticReports) {}

  @Get()
  queue(@Query() query: ResultQueueQueryDto): Promise<ResultQueuePageV1> {
    const { abnormalOnly, limit, ...rest } = query;
    return this.reports.unacknowledged({
      ...rest,
      abnormalOnly: abnormalOnly === 'true',
      limit: limit ?? DEFAULT_QUEUE_PAGE,
    });
  }
}
