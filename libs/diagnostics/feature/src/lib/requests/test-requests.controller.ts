import type { TestRequestV1 } from '@ilinks/diagnostics/contracts';
import { Body, Controller, Get, Headers, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { idempotencyKeyOf } from '@ilinks/platform/http';
import { RecordTestRequestDto } from './test-request.dto';
import { TestRequests } from './test-requests';

/** The subset of an HTTP response a recording route sets its status on. */
interface StatusResponse {
  status(code: number): unknown;
}

/** Test requests from GP and hospital systems (through the gateway). */
@Controller('requests')
export class TestRequestsController {
  constructor(private readonly requests: TestRequests) {}

  /** 201 for a new request; 200 for a resend (unchanged: nothing recorded; changed: a new revision). */
  @Post()
  async record(
    @Body() body: RecordTestRequestDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) response: StatusResponse,
  ): Promise<TestRequestV1> {
    const recorded = await this.requests.record(body, idempotencyKeyOf(idempotencyKey));
    response.status(recorded.created ? 201 : 200);
    return recorded.body;
  }

  @Get(':requestId')
  byId(@Param('requestId', new ParseUUIDPipe()) requestId: string): Promise<TestRequestV1> {
    return this.requests.byId(requestId);
  }
}
