import type { InboxPageV1, LetterCopyV1, LettersPageV1, LetterV1 } from '@ilinks/correspondence/contracts';
import { CurrentPrincipal, type Principal, Roles } from '@ilinks/platform/security';
import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CorrespondenceEdge } from './correspondence.edge';
import {
  AcknowledgeCopyBody,
  ForwardCopyBody,
  LetterInboxQuery,
  LetterPageQuery,
  RejectCopyBody,
  SendLetterBody,
  SentLettersQuery,
} from './correspondence.dto';
import { sendLetterContent } from './letter-content.response';

/** Clinical apps: practitioners send, read and act on letters for their organisation. */
const PRACTITIONERS = ['practitioner'] as const;
/** The per-person list: also individuals and carers, as their access decision allows. */
const PERSON_READERS = ['practitioner', 'individual', 'carer'] as const;

/** Letters for clinical apps (JSON, under `/correspondence`). */
@Controller('correspondence')
export class CorrespondenceController {
  constructor(private readonly edge: CorrespondenceEdge) {}

  /** 201 for a new letter; 200 when the same request (Idempotency-Key) was sent again. */
  @Post('letters')
  @Roles(...PRACTITIONERS)
  async send(
    @Body() body: SendLetterBody,
    @CurrentPrincipal() principal: Principal,
    @Req() request: IncomingMessage,
    @Res({ passthrough: true }) response: ServerResponse,
  ): Promise<LetterV1> {
    const { letter, created } = await this.edge.sendLetter(body, principal, request);
    response.statusCode = created ? 201 : 200;
    return letter;
  }

  @Get('inbox')
  @Roles(...PRACTITIONERS)
  inbox(
    @Query() query: LetterInboxQuery,
    @CurrentPrincipal() principal: Principal,
    @Req() request: IncomingMessage,
  ): Promise<InboxPageV1> {
    return this.edge.inbox(query, principal, request);
  }

  @Get('sent')
  @Roles(...PRACTITIONERS)
  sent(
    @Query() query: SentLettersQuery,
    @CurrentPrincipal() principal: Principal,
    @Req() request: IncomingMessage,
  ): Promise<LettersPageV1> {
    return this.edge.sent(query, principal, request);
  }

  @Get('persons/:personId/letters')
  @Roles(...PERSON_READERS)
  personLetters(
    @Param('personId') personId: string,
    @Query() query: LetterPageQuery,
    @CurrentPrincipal() principal: Principal,
    @Req() request: IncomingMessage,
  ): Promise<LettersPageV1> {
    return this.edge.personLetters(personId, query, principal, request);
  }

  /** The letter with every copy's status. */
  @Get('letters/:letterId')
  @Roles(...PRACTITIONERS)
  letter(
    @Param('letterId') letterId: string,
    @CurrentPrincipal() principal: Principal,
    @Req() request: IncomingMessage,
  ): Promise<LetterV1> {
    return this.edge.letter(letterId, 'Letter.read', principal, request);
  }

  /** The document's bytes, with its stored content type, as a download. */
  @Get('letters/:letterId/content')
  @Roles(...PRACTITIONERS)
  async content(
    @Param('letterId') letterId: string,
    @CurrentPrincipal() principal: Principal,
    @Req() request: IncomingMessage,
    @Res() response: ServerResponse,
  ): Promise<void> {
    const { letter, content } = await this.edge.content(letterId, 'Letter.read', principal, request);
    sendLetterContent(response, letter.letterId, content);
  }

  @Post('letters/:letterId/copies/:copyId/read')
  @Roles(...PRACTITIONERS)
  @HttpCode(200)
  read(
    @Param('letterId') letterId: string,
    @Param('copyId') copyId: string,
    @CurrentPrincipal() principal: Principal,
    @Req() request: IncomingMessage,
  ): Promise<LetterCopyV1> {
    return this.edge.act(letterId, copyId, 'read', undefined, principal, request);
  }

  @Post('letters/:letterId/copies/:copyId/acknowledge')
  @Roles(...PRACTITIONERS)
  @HttpCode(200)
  acknowledge(
    @Param('letterId') letterId: string,
    @Param('copyId') copyId: string,
    @Body() body: AcknowledgeCopyBody,
    @CurrentPrincipal() principal: Principal,
    @Req() request: IncomingMessage,
  ): Promise<LetterCopyV1> {
    return this.edge.act(letterId, copyId, 'acknowledge', body, principal, request);
  }

  @Post('letters/:letterId/copies/:copyId/reject')
  @Roles(...PRACTITIONERS)
  @HttpCode(200)
  reject(
    @Param('letterId') letterId: string,
    @Param('copyId') copyId: string,
    @Body() body: RejectCopyBody,
    @CurrentPrincipal() principal: Principal,
    @Req() request: IncomingMessage,
  ): Promise<LetterCopyV1> {
    return this.edge.act(letterId, copyId, 'reject', body, principal, request);
  }

  /** 201 with the new copy, `forwardedFrom` the copy forwarded. */
  @Post('letters/:letterId/copies/:copyId/forward')
  @Roles(...PRACTITIONERS)
  @HttpCode(201)
  forward(
    @Param('letterId') letterId: string,
    @Param('copyId') copyId: string,
    @Body() body: ForwardCopyBody,
    @CurrentPrincipal() principal: Principal,
    @Req() request: IncomingMessage,
  ): Promise<LetterCopyV1> {
    return this.edge.forward(letterId, copyId, body, principal, request);
  }
}
