import type {
  EntryAnnotationV1,
  EntryAnnotationsV1,
  RecordShareV1,
  RecordSharesPageV1,
} from '@ilinks/record-projection/contracts';
import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { idempotencyKeyOf } from '@ilinks/platform/http';
import { AnnotateEntryDto, InboxQueryDto, MarkShareReadDto, ShareRecordItemsDto } from './record-sharing.dto';
import { RecordSharing } from './record-sharing';

/** Page size of an inbox when the caller names none. */
const DEFAULT_INBOX_PAGE = 20;

/** Practitioners' annotations of entries (through the gateway, which checked the caller may see the entry). */
@Controller('entries')
export class EntryAnnotationsController {
  constructor(private readonly sharing: RecordSharing) {}

  @Post(':entryId/annotations')
  @HttpCode(201)
  annotate(
    @Param('entryId', new ParseUUIDPipe()) entryId: string,
    @Body() body: AnnotateEntryDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
  ): Promise<EntryAnnotationV1> {
    return this.sharing.annotate(entryId, body, idempotencyKeyOf(idempotencyKey));
  }

  @Get(':entryId/annotations')
  annotations(@Param('entryId', new ParseUUIDPipe()) entryId: string): Promise<EntryAnnotationsV1> {
    return this.sharing.annotationsOf(entryId);
  }
}

/** Shares of record items and the inboxes of their recipient organisations. */
@Controller('shares')
export class RecordSharesController {
  constructor(private readonly sharing: RecordSharing) {}

  @Post()
  @HttpCode(201)
  share(
    @Body() body: ShareRecordItemsDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
  ): Promise<RecordShareV1> {
    return this.sharing.share(body, idempotencyKeyOf(idempotencyKey));
  }

  @Get()
  inbox(@Query() query: InboxQueryDto): Promise<RecordSharesPageV1> {
    return this.sharing.inbox({ ...query, limit: query.limit ?? DEFAULT_INBOX_PAGE });
  }

  @Get(':shareId')
  byId(@Param('shareId', new ParseUUIDPipe()) shareId: string): Promise<RecordShareV1> {
    return this.sharing.shareById(shareId);
  }

  @Post(':shareId/read')
  @HttpCode(200)
  markRead(
    @Param('shareId', new ParseUUIDPipe()) shareId: string,
    @Body() body: MarkShareReadDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
  ): Promise<RecordShareV1> {
    return this.sharing.markRead(shareId, body, idempotencyKeyOf(idempotencyKey));
  }
}
