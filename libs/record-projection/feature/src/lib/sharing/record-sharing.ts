import type {
  AnnotateEntryRequestV1,
  EntryAnnotationV1,
  EntryAnnotationsV1,
  MarkShareReadRequestV1,
  RecordShareV1,
  RecordSharesPageV1,
  ShareRecordItemsRequestV1,
  RecordSharesQueryV1,
} from '@ilinks/record-projection/contracts';
import {
  type AnnotateEntry,
  annotationIdFor,
  annotationsStream,
  entryAnnotationsDecider,
  type MarkShareRead,
  recordShareDecider,
  type ShareRecordItems,
  shareIdFor,
  shareStream,
} from '@ilinks/record-projection/domain';
import type { EventStore } from '@ilinks/platform/event-store';
import type { ReadModelCollection, ReadModelStore } from '@ilinks/platform/read-models';
import {
  CLOCK,
  EVENT_STORE,
  executeCommand,
  READ_MODEL_STORE,
  ServiceRuntime,
} from '@ilinks/platform/runtime';
import { type Clock, NotFoundError } from '@ilinks/shared/kernel';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { RecordViews } from '../record-views';
import {
  type AnnotationDocument,
  annotationOf,
  entryAnnotationsProjection,
} from './entry-annotations.projection';
import { recordSharesProjection, type ShareDocument, shareOf } from './record-shares.projection';

/** Annotations read at once for one entry (an entry with more is not a realistic case). */
const ANNOTATIONS_PAGE = 1_000;

/** What narrows an inbox (the contract's query). */
export type InboxQuery = RecordSharesQueryV1;

/**
 * Annotating entries and sharing record items: one command path per stream, then a wait for the
 * views so that a read right after the response sees the change.
 */
@Injectable()
export class RecordSharing implements OnModuleInit {
  private annotations!: ReadModelCollection<AnnotationDocument>;
  private shares!: ReadModelCollection<ShareDocument>;

  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(READ_MODEL_STORE) private readonly store: ReadModelStore,
    private readonly runtime: ServiceRuntime,
    private readonly views: RecordViews,
  ) {}

  async onModuleInit(): Promise<void> {
    [this.annotations, this.shares] = await Promise.all([
      this.store.collection<AnnotationDocument>(entryAnnotationsProjection.collection),
      this.store.collection<ShareDocument>(recordSharesProjection.collection),
    ]);
  }

  /** Annotates a current entry (404 when unknown or entered in error); a retry answers the first annotation. */
  async annotate(
    entryId: string,
    request: AnnotateEntryRequestV1,
    idempotencyKey: string,
  ): Promise<EntryAnnotationV1> {
    const entry = await this.views.entries.get(entryId);
    if (entry === undefined || entry.body.status !== 'current') throw new NotFoundError('no such entry');
    const command: AnnotateEntry = {
      type: 'AnnotateEntry',
      data: {
        entryId,
        organisation: request.organisation,
        author: { subject: request.author.subject, role: request.author.role },
        text: request.text,
      },
      metadata: { idempotencyKey, now: this.clock.now() },
    };
    const result = await executeCommand(
      this.eventStore,
      entryAnnotationsDecider,
      annotationsStream(entryId),
      command,
    );
    await this.runtime.waitForViews(result.position);
    const annotationId = annotationIdFor(entryId, request.organisation, idempotencyKey);
    const document = await this.annotations.get(annotationId);
    if (!document) throw new NotFoundError('no such annotation');
    return annotationOf(document.body);
  }

  /** The annotations of an entry, oldest first (none for an entry never annotated). */
  async annotationsOf(entryId: string): Promise<EntryAnnotationsV1> {
    const page = await this.annotations.find({
      where: { entryId },
      sort: { field: 'annotatedAt', direction: 'asc' },
      limit: ANNOTATIONS_PAGE,
    });
    return { entryId, annotations: page.items.map((item) => annotationOf(item.body)) };
  }

  /** Records a share; a retry with the same key answers the share it recorded the first time. */
  async share(request: ShareRecordItemsRequestV1, idempotencyKey: string): Promise<RecordShareV1> {
    const shareId = shareIdFor(request.organisation, idempotencyKey);
    const command: ShareRecordItems = {
      type: 'ShareRecordItems',
      data: { ...request, shareId },
      metadata: { idempotencyKey, now: this.clock.now() },
    };
    const result = await executeCommand(this.eventStore, recordShareDecider, shareStream(shareId), command);
    await this.runtime.waitForViews(result.position);
    return this.shareById(shareId);
  }

  /** Marks a share read by its recipient organisation (403 for any other; a second call changes nothing). */
  async markRead(
    shareId: string,
    request: MarkShareReadRequestV1,
    idempotencyKey: string,
  ): Promise<RecordShareV1> {
    const command: MarkShareRead = {
      type: 'MarkShareRead',
      data: {
        shareId,
        organisation: request.organisation,
        readBy: { subject: request.readBy.subject, role: request.readBy.role },
      },
      metadata: { idempotencyKey, now: this.clock.now() },
    };
    const result = await executeCommand(this.eventStore, recordShareDecider, shareStream(shareId), command);
    await this.runtime.waitForViews(result.position);
    return this.shareById(shareId);
  }

  async shareById(shareId: string): Promise<RecordShareV1> {
    const document = await this.shares.get(shareId);
    if (!document) throw new NotFoundError('no such share');
    return shareOf(document.body);
  }

  /** A page of a recipient organisation's inbox, newest first. */
  async inbox(query: InboxQuery): Promise<RecordSharesPageV1> {
    const page = await this.shares.find({
      where: {
        recipientOrganisation: query.organisation,
        ...(query.team === undefined ? {} : { recipientTeam: query.team }),
        ...(query.practitioner === undefined ? {} : { recipientPractitioner: query.practitioner }),
        ...(query.personId === undefined ? {} : { personId: query.personId }),
        ...(query.status === undefined ? {} : { status: query.status }),
      },
      sort: { field: 'sharedAt', direction: 'desc' },
      limit: query.limit,
      ...(query.cursor === undefined ? {} : { cursor: query.cursor }),
    });
    return {
      shares: page.items.map((item) => shareOf(item.body)),
      ...(page.nextCursor === undefined ? {} : { nextCursor: page.nextCursor }),
    };
  }
}
