import type {
  RecordBatchResultV1,
  RecordEntryResultV1,
  RecordEntryV1,
} from '@ilinks/record-projection/contracts';
import { idempotencyKeyOf } from '@ilinks/platform/http';
import { Body, Controller, Headers, HttpCode, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { asHttpError } from './entry-errors';
import { EnterInErrorDto, RecordBatchDto, RecordEntryDto } from './record-entry.dto';
import { RecordEntries } from './record-entries';

/** Partners' entries in (through the gateway, which validated the FHIR resource and took the organisation from the token). */
@Controller('entries')
export class RecordEntryController {
  constructor(private readonly entries: RecordEntries) {}

  /** 201 for a new entry; 200 for a revision or an unchanged resend. */
  @Post()
  async record(
    @Body() body: RecordEntryDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<RecordEntryResultV1> {
    try {
      const result = await this.entries.record(body, idempotencyKeyOf(idempotencyKey));
      response.status(result.outcome === 'recorded' ? 201 : 200);
      return result;
    } catch (error) {
      throw asHttpError(error);
    }
  }

  /** A FHIR transaction (`atomic`: all or nothing) or batch (each entry on its own); always 200. */
  @Post('$batch')
  @HttpCode(200)
  async recordBatch(
    @Body() body: RecordBatchDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
  ): Promise<RecordBatchResultV1> {
    return this.entries.recordBatch(body.entries, body.atomic, idempotencyKeyOf(idempotencyKey));
  }

  @Post(':entryId/entered-in-error')
  @HttpCode(200)
  async enterInError(
    @Param('entryId', new ParseUUIDPipe()) entryId: string,
    @Body() body: EnterInErrorDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
  ): Promise<RecordEntryV1> {
    return this.entries.enterInError(entryId, body, idempotencyKeyOf(idempotencyKey));
  }
}
