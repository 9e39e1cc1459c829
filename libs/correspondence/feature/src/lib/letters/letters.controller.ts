import type {
  AttachmentContentV1,
  InboxPageV1,
  LetterCopyV1,
  LettersPageV1,
  LetterV1,
} from '@ilinks/correspondence/contracts';
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
import { Correspondence } from './correspondence';
import { idempotencyKeyOf } from '@ilinks/platform/http';
import {
  CopyActionDto,
  ForwardCopyDto,
  InboxQueryDto,
  LettersQueryDto,
  RejectCopyDto,
  SendLetterDto,
} from './letters.dto';

/** Page size of a list when the caller names none. */
const DEFAULT_PAGE = 20;

/** What a response lets a handler set: its status. */
interface StatusResponse {
  status(code: number): unknown;
}

/** Letters, their copies and their attachments (through the gateway, which decided access and audits). */
@Controller('letters')
export class LettersController {
  constructor(private readonly correspondence: Correspondence) {}

  /** 201 when this request sent the letter; 200 when the same document had been sent unchanged. */
  @Post()
  async send(
    @Body() body: SendLetterDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) response: StatusResponse,
  ): Promise<LetterV1> {
    const { letter, created } = await this.correspondence.send(body, idempotencyKeyOf(idempotencyKey));
    response.status(created ? 201 : 200);
    return letter;
  }

  @Get()
  list(@Query() query: LettersQueryDto): Promise<LettersPageV1> {
    return this.correspondence.list({
      ...(query.localRecordId === undefined ? {} : { localRecordIds: query.localRecordId }),
      ...(query.personId === undefined ? {} : { personIds: query.personId }),
      ...(query.sender === undefined ? {} : { sender: query.sender }),
      ...(query.status === undefined ? {} : { status: query.status }),
      ...(query.cursor === undefined ? {} : { cursor: query.cursor }),
      limit: query.limit ?? DEFAULT_PAGE,
    });
  }

  @Get(':letterId')
  byId(@Param('letterId', new ParseUUIDPipe()) letterId: string): Promise<LetterV1> {
    return this.correspondence.letter(letterId);
  }

  @Get(':letterId/attachment')
  attachment(@Param('letterId', new ParseUUIDPipe()) letterId: string): Promise<AttachmentContentV1> {
    return this.correspondence.attachment(letterId);
  }

  @Post(':letterId/copies/:copyId/read')
  @HttpCode(200)
  markRead(
    @Param('letterId', new ParseUUIDPipe()) letterId: string,
    @Param('copyId', new ParseUUIDPipe()) copyId: string,
    @Body() body: CopyActionDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
  ): Promise<LetterCopyV1> {
    return this.correspondence.markRead(letterId, copyId, body, idempotencyKeyOf(idempotencyKey));
  }

  @Post(':letterId/copies/:copyId/acknowledge')
  @HttpCode(200)
  acknowledge(
    @Param('letterId', new ParseUUIDPipe()) letterId: string,
    @Param('copyId', new ParseUUIDPipe()) copyId: string,
    @Body() body: CopyActionDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
  ): Promise<LetterCopyV1> {
    return this.correspondence.acknowledge(letterId, copyId, body, idempotencyKeyOf(idempotencyKey));
  }

  @Post(':letterId/copies/:copyId/reject')
  @HttpCode(200)
  reject(
    @Param('letterId', new ParseUUIDPipe()) letterId: string,
    @Param('copyId', new ParseUUIDPipe()) copyId: string,
    @Body() body: RejectCopyDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
  ): Promise<LetterCopyV1> {
    return this.correspondence.reject(letterId, copyId, body, idempotencyKeyOf(idempotencyKey));
  }

  @Post(':letterId/copies/:copyId/forward')
  @HttpCode(201)
  forward(
    @Param('letterId', new ParseUUIDPipe()) letterId: string,
    @Param('copyId', new ParseUUIDPipe()) copyId: string,
    @Body() body: ForwardCopyDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
  ): Promise<LetterCopyV1> {
    return this.correspondence.forward(letterId, copyId, body, idempotencyKeyOf(idempotencyKey));
  }
}

/** The inboxes of organisations, teams and practitioners. */
@Controller('inbox')
export class InboxController {
  constructor(private readonly correspondence: Correspondence) {}

  @Get()
  inbox(@Query() query: InboxQueryDto): Promise<InboxPageV1> {
    return this.correspondence.inbox({ ...query, limit: query.limit ?? DEFAULT_PAGE });
  }
}
