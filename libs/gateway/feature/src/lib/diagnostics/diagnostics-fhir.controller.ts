import { CurrentPrincipal, type Principal, Roles } from '@ilinks/platform/security';
import { Body, Controller, Get, Inject, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { FHIR_JSON_UTF8 } from '../patient/fhir-resources';
import { fhirBaseUrlOf } from '../patient/forwarded-headers';
import { UnprocessableEntryFilter } from '../record/ingest/unprocessable-entry';
import { DiagnosticsEdge } from './diagnostics-edge';
import { DIAGNOSTICS_SETTINGS, type DiagnosticsSettings } from './diagnostics.options';
import { fhirDiagnosticReportOf, fhirServiceRequestOf } from './fhir-diagnostics.render';

/** Partner systems send; partner systems and clinicians read (the decision governs the rest). */
const SENDERS = ['system'] as const;
const READERS = ['system', 'practitioner'] as const;

/**
 * Test requests from GP and hospital systems (`ServiceRequest`) and reports from labs
 * (`DiagnosticReport` with its Observations contained), recorded as the token's organisation.
 */
@Controller('fhir')
@UseFilters(UnprocessableEntryFilter)
export class DiagnosticsFhirController {
  constructor(
    private readonly edge: DiagnosticsEdge,
    @Inject(DIAGNOSTICS_SETTINGS) private readonly settings: DiagnosticsSettings,
  ) {}

  /** 201 with `Location` for a new request, 200 when the same partner request was sent before. */
  @Post('ServiceRequest')
  @Roles(...SENDERS)
  async createRequest(
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
    @Req() request: IncomingMessage,
    @Res() response: ServerResponse,
  ): Promise<void> {
    const { value, created } = await this.edge.recordRequest(body, principal, request);
    this.send(
      request,
      response,
      created ? 201 : 200,
      fhirServiceRequestOf(value),
      `ServiceRequest/${value.requestId}`,
    );
  }

  /** 201 with `Location` for a new report, 200 for a new revision of it (or the same sent again). */
  @Post('DiagnosticReport')
  @Roles(...SENDERS)
  async createReport(
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
    @Req() request: IncomingMessage,
    @Res() response: ServerResponse,
  ): Promise<void> {
    const { value, created } = await this.edge.recordReport(body, principal, request);
    this.send(
      request,
      response,
      created ? 201 : 200,
      fhirDiagnosticReportOf(value),
      `DiagnosticReport/${value.reportId}`,
    );
  }

  @Get('DiagnosticReport/:id')
  @Roles(...READERS)
  async readReport(
    @Param('id') id: string,
    @CurrentPrincipal() principal: Principal,
    @Req() request: IncomingMessage,
    @Res() response: ServerResponse,
  ): Promise<void> {
    const report = await this.edge.report(id, principal, request);
    this.send(request, response, 200, fhirDiagnosticReportOf(report));
  }

  @Get('ServiceRequest/:id')
  @Roles(...READERS)
  async readRequest(
    @Param('id') id: string,
    @CurrentPrincipal() principal: Principal,
    @Req() request: IncomingMessage,
    @Res() response: ServerResponse,
  ): Promise<void> {
    const found = await this.edge.testRequest(id, principal, request);
    this.send(request, response, 200, fhirServiceRequestOf(found));
  }

  private send(
    request: IncomingMessage,
    response: ServerResponse,
    status: number,
    resource: Readonly<Record<string, unknown>>,
    location?: string,
  ): void {
    response.statusCode = status;
    if (location !== undefined) {
      response.setHeader('Location', `${fhirBaseUrlOf(request, this.settings.baseUrl)}/${location}`);
    }
    const meta = resource['meta'] as { versionId?: string } | undefined;
    if (meta?.versionId !== undefined) response.setHeader('ETag', `W/"${meta.versionId}"`);
    response.setHeader('Content-Type', FHIR_JSON_UTF8);
    response.end(JSON.stringify(resource));
  }
}
