import type {
  EntryAnnotationV1,
  EntryAnnotationsV1,
  RecordShareV1,
  RecordSharesPageV1,
} from '@ilinks/record-projection/contracts';
import { CurrentPrincipal, type Principal, Roles } from '@ilinks/platform/security';
import { Body, Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { AnnotateEntryBody, InboxQuery, ShareRecordItemsBody } from './record-sharing.dto';
import { RecordSharingEdge } from './record-sharing';

/** Practitioners annotate and share; a system may read annotations and an inbox for its organisation. */
const WRITERS = ['practitioner'] as const;
const READERS = ['practitioner', 'system'] as const;

/** Annotations of a person's entries and shares of them, by a practitioner who may see them. */
@Controller('record/persons')
export class PersonRecordSharingController {
  constructor(private readonly edge: RecordSharingEdge) {}

  @Post(':personId/entries/:entryId/annotations')
  @Roles(...WRITERS)
  @HttpCode(201)
  annotate(
    @Param('personId') personId: string,
    @Param('entryId') entryId: string,
    @Body() body: AnnotateEntryBody,
    @CurrentPrincipal() principal: Principal,
    @Req() request: IncomingMessage,
  ): Promise<EntryAnnotationV1> {
    return this.edge.annotate(personId, entryId, body.text, principal, request);
  }

  @Get(':personId/entries/:entryId/annotations')
  @Roles(...READERS)
  annotations(
    @Param('personId') personId: string,
    @Param('entryId') entryId: string,
    @CurrentPrincipal() principal: Principal,
    @Req() request: IncomingMessage,
  ): Promise<EntryAnnotationsV1> {
    return this.edge.annotations(personId, entryId, principal, request);
  }

  @Post(':personId/shares')
  @Roles(...WRITERS)
  @HttpCode(201)
  share(
    @Param('personId') personId: string,
    @Body() body: ShareRecordItemsBody,
    @CurrentPrincipal() principal: Principal,
    @Req() request: IncomingMessage,
  ): Promise<RecordShareV1> {
    return this.edge.share(personId, body, principal, request);
  }
}

/** The inbox of the caller's organisation: shares addressed to it, to its teams and practitioners. */
@Controller('record/inbox')
export class RecordInboxController {
  constructor(private readonly edge: RecordSharingEdge) {}

  @Get()
  @Roles(...READERS)
  inbox(
    @Query() query: InboxQuery,
    @CurrentPrincipal() principal: Principal,
    @Req() request: IncomingMessage,
  ): Promise<RecordSharesPageV1> {
    return this.edge.inbox(query, principal, request);
  }

  @Get(':shareId')
  @Roles(...READERS)
  share(
    @Param('shareId') shareId: string,
    @CurrentPrincipal() principal: Principal,
    @Req() request: IncomingMessage,
  ): Promise<RecordShareV1> {
    return this.edge.inboxShare(shareId, principal, request);
  }

  @Post(':shareId/read')
  @Roles(...WRITERS)
  @HttpCode(200)
  markRead(
    @Param('shareId') shareId: string,
    @CurrentPrincipal() principal: Principal,
    @Req() request: IncomingMessage,
  ): Promise<RecordShareV1> {
    return this.edge.markRead(shareId, principal, request);
  }
}
