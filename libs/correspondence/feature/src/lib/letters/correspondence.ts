import type {
  AttachmentContentV1,
  CopyActionRequestV1,
  ForwardCopyRequestV1,
  InboxItemV1,
  InboxPageV1,
  InboxQueryV1,
  LetterCopyV1,
  LettersPageV1,
  LetterV1,
  RejectCopyRequestV1,
  SendLetterRequestV1,
} from '@ilinks/correspondence/contracts';
import {
  type LetterActor,
  type LetterCommand,
  type LetterEvent,
  type MarkLetterSuperseded,
  assertNoIssues,
  copyIdFor,
  letterContentHash,
  letterDecider,
  letterIdFor,
  letterStream,
  sendLetterIssues,
} from '@ilinks/correspondence/domain';
import type { EventStore } from '@ilinks/platform/event-store';
import {
  type Filter,
  mergedPage,
  type ReadModelCollection,
  type ReadModelStore,
} from '@ilinks/platform/read-models';
import {
  CLOCK,
  EVENT_STORE,
  executeCommand,
  READ_MODEL_STORE,
  ServiceRuntime,
} from '@ilinks/platform/runtime';
import { type Clock, fold, NotFoundError, ValidationError } from '@ilinks/shared/kernel';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { AttachmentStore } from '../attachments/attachment-store';
import { type InboxDocument, letterInboxProjection, storedItemOf } from '../inbox/letter-inbox.projection';
import { type LetterDocument, letterOf, lettersProjection } from '../letters-view/letters.projection';
import { REMINDER_SETTINGS, type ReminderSettings } from '../reminders/reminder.config';

/** Pages read at most to fill one page of an inbox narrowed by `overdue` (computed, not indexed). */
const MAX_OVERDUE_READS = 20;

/** A letter sent, and whether this request sent it (false: the same document was already sent). */
export interface SentLetterResult {
  readonly letter: LetterV1;
  readonly created: boolean;
}

/** What narrows a letters list: a person's (by local records and person ids) or a sender's. */
export interface LettersQuery {
  readonly localRecordIds?: readonly string[];
  readonly personIds?: readonly string[];
  readonly sender?: string;
  readonly status?: 'awaiting' | 'closed';
  readonly cursor?: string;
  readonly limit: number;
}

const actorOf = (actor: LetterActor): LetterActor => ({
  subject: actor.subject,
  role: actor.role,
  organisation: actor.organisation,
});

/**
 * Letters between care settings: one command path per letter stream, then a wait for the views
 * so that a read right after the response sees the change.
 */
@Injectable()
export class Correspondence implements OnModuleInit {
  private letters!: ReadModelCollection<LetterDocument>;
  private inboxLines!: ReadModelCollection<InboxDocument>;

  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(READ_MODEL_STORE) private readonly store: ReadModelStore,
    @Inject(REMINDER_SETTINGS) private readonly reminders: ReminderSettings,
    private readonly runtime: ServiceRuntime,
    private readonly attachments: AttachmentStore,
  ) {}

  async onModuleInit(): Promise<void> {
    [this.letters, this.inboxLines] = await Promise.all([
      this.store.collection<LetterDocument>(lettersProjection.collection),
      this.store.collection<InboxDocument>(letterInboxProjection.collection),
    ]);
  }

  /**
   * Sends a letter: checks it (and that the letter it corrects may be superseded), stores its
   * attachment, records the sending, then marks the corrected letter superseded — after, so that a
   * sending refused (e.g. its document id already used for other content) supersedes nothing. Each
   * step is idempotent, so a retry completes what a crash left half done.
   */
  async send(request: SendLetterRequestV1, idempotencyKey: string): Promise<SentLetterResult> {
    // Checked before anything is stored; the version superseded is known only once it is read.
    assertNoIssues(
      'the letter is not valid',
      sendLetterIssues({
        ...request,
        ...(request.supersedes === undefined ? {} : { supersededVersion: 1 }),
      }),
    );
    const organisation = request.sentBy.organisation;
    const letterId = letterIdFor(organisation, request.partnerDocumentId ?? idempotencyKey);
    const now = this.clock.now();
    const metadata = { idempotencyKey, now, actor: request.sentBy.subject };
    const supersede =
      request.supersedes === undefined
        ? undefined
        : ({
            type: 'MarkLetterSuperseded',
            data: { letterId: request.supersedes, supersededBy: letterId, organisation },
            metadata,
          } as const);
    const supersededVersion = supersede === undefined ? undefined : await this.versionToSupersede(supersede);
    const attachment = await this.attachments.store(request.attachment);
    const { sentBy: _sentBy, attachment: _upload, ...content } = request;
    const sent = await this.execute(letterId, {
      type: 'SendLetter',
      data: {
        letterId,
        subject: request.subject,
        sentBy: actorOf(request.sentBy),
        ...(request.author === undefined ? {} : { author: request.author }),
        kind: request.kind,
        ...(request.type === undefined ? {} : { type: request.type }),
        title: request.title,
        ...(request.note === undefined ? {} : { note: request.note }),
        recipients: request.recipients,
        attachment,
        ...(request.partnerDocumentId === undefined ? {} : { partnerDocumentId: request.partnerDocumentId }),
        ...(request.supersedes === undefined ? {} : { supersedes: request.supersedes, supersededVersion }),
        ...(request.documentReference === undefined ? {} : { documentReference: request.documentReference }),
        contentHash: letterContentHash({ ...content, attachment }),
        acknowledgementDueAt: this.dueAt(now),
      },
      metadata,
    });
    const superseded =
      supersede === undefined ? undefined : await this.execute(supersede.data.letterId, supersede);
    await this.runtime.waitForViews(
      superseded !== undefined && superseded.position > sent.position ? superseded.position : sent.position,
    );
    return { letter: await this.letter(letterId), created: sent.events.length > 0 };
  }

  /** Marks a copy read by its first reader (others change nothing). */
  markRead(
    letterId: string,
    copyId: string,
    request: CopyActionRequestV1,
    key: string,
  ): Promise<LetterCopyV1> {
    return this.actOnCopy(letterId, copyId, key, request.by, {
      type: 'MarkCopyRead',
      data: { letterId, copyId, by: actorOf(request.by) },
    });
  }

  /** Acknowledges a copy, closing it. */
  acknowledge(
    letterId: string,
    copyId: string,
    request: CopyActionRequestV1,
    key: string,
  ): Promise<LetterCopyV1> {
    return this.actOnCopy(letterId, copyId, key, request.by, {
      type: 'AcknowledgeCopy',
      data: {
        letterId,
        copyId,
        by: actorOf(request.by),
        ...(request.note === undefined ? {} : { note: request.note }),
      },
    });
  }

  /** Rejects a copy with a reason, closing it. */
  reject(letterId: string, copyId: string, request: RejectCopyRequestV1, key: string): Promise<LetterCopyV1> {
    return this.actOnCopy(letterId, copyId, key, request.by, {
      type: 'RejectCopy',
      data: {
        letterId,
        copyId,
        by: actorOf(request.by),
        reason: request.reason,
        ...(request.text === undefined ? {} : { text: request.text }),
      },
    });
  }

  /** Forwards a copy to another recipient; answers the new copy. */
  async forward(
    letterId: string,
    copyId: string,
    request: ForwardCopyRequestV1,
    key: string,
  ): Promise<LetterCopyV1> {
    const now = this.clock.now();
    const result = await this.execute(letterId, {
      type: 'ForwardCopy',
      data: {
        letterId,
        copyId,
        by: actorOf(request.by),
        to: request.to,
        note: request.note,
        acknowledgementDueAt: this.dueAt(now),
      },
      metadata: { idempotencyKey: key, now, actor: request.by.subject },
    });
    await this.runtime.waitForViews(result.position);
    return this.copy(letterId, copyIdFor(letterId, request.to));
  }

  /** The letter with every copy (404 when unknown). */
  async letter(letterId: string): Promise<LetterV1> {
    const document = await this.letters.get(letterId);
    if (document === undefined) throw new NotFoundError('no such letter');
    return letterOf(document.body);
  }

  /** The letter's document, its hash verified. */
  async attachment(letterId: string): Promise<AttachmentContentV1> {
    const { attachment } = await this.letter(letterId);
    return this.attachments.read(attachment.sha256, attachment.title);
  }

  /** A page of letters about a person (any of its local records and person ids) or from a sender, newest first. */
  async list(query: LettersQuery): Promise<LettersPageV1> {
    const person = [
      ...(query.localRecordIds ?? []).map((id) => ({ key: `r:${id}`, where: { localRecordId: id } })),
      ...(query.personIds ?? []).map((id) => ({ key: `p:${id}`, where: { personIdWithoutRecord: id } })),
    ];
    if (person.length > 0 === (query.sender !== undefined)) {
      throw new ValidationError('the letters query is not valid', [
        { path: 'sender', message: 'name either a sender or a person (localRecordId, personId), not both' },
      ]);
    }
    if (query.status !== undefined && query.sender === undefined) {
      throw new ValidationError('the letters query is not valid', [
        { path: 'status', message: 'status narrows a sender’s letters only' },
      ]);
    }
    const sources =
      query.sender === undefined
        ? person
        : [
            {
              key: 's',
              where: {
                senderOrganisation: query.sender,
                ...(query.status === undefined ? {} : { openness: query.status }),
              },
            },
          ];
    const page = await mergedPage(this.letters, sources, 'sentAt', query.limit, query.cursor);
    return {
      letters: page.items.map(letterOf),
      ...(page.nextCursor === undefined ? {} : { nextCursor: page.nextCursor }),
    };
  }

  /** A page of an inbox, newest first; `overdue` is judged now, so it narrows by reading on. */
  async inbox(query: InboxQueryV1): Promise<InboxPageV1> {
    const where: Filter = {
      recipientOrganisation: query.organisation,
      ...(query.team === undefined ? {} : { recipientTeam: query.team }),
      ...(query.practitioner === undefined ? {} : { recipientPractitioner: query.practitioner }),
      ...(query.personId === undefined ? {} : { personId: query.personId }),
      ...(query.status === undefined || query.status === 'open' ? {} : { status: query.status }),
      ...(query.status === 'open' || query.overdue === true ? { open: true } : {}),
      ...(query.kind === undefined ? {} : { kind: query.kind }),
    };
    const now = this.clock.now();
    const items: InboxItemV1[] = [];
    let cursor = query.cursor;
    // Each read asks only for what the page still lacks, so its cursor is exact where the page ends.
    for (let reads = 0; reads < MAX_OVERDUE_READS && items.length < query.limit; reads += 1) {
      const page = await this.inboxLines.find({
        where,
        sort: { field: 'deliveredAt', direction: 'desc' },
        limit: query.limit - items.length,
        ...(cursor === undefined ? {} : { cursor }),
      });
      const found = page.items.map((item) => inboxItemOf(item.body, now));
      items.push(
        ...(query.overdue === undefined ? found : found.filter((item) => item.overdue === query.overdue)),
      );
      cursor = page.nextCursor;
      if (cursor === undefined) break;
    }
    return { items, ...(cursor === undefined ? {} : { nextCursor: cursor }) };
  }

  private async actOnCopy(
    letterId: string,
    copyId: string,
    idempotencyKey: string,
    by: LetterActor,
    command: Omit<
      Extract<LetterCommand, { type: 'MarkCopyRead' | 'AcknowledgeCopy' | 'RejectCopy' }>,
      'metadata'
    >,
  ): Promise<LetterCopyV1> {
    const result = await this.execute(letterId, {
      ...command,
      metadata: { idempotencyKey, now: this.clock.now(), actor: by.subject },
    } as LetterCommand);
    await this.runtime.waitForViews(result.position);
    return this.copy(letterId, copyId);
  }

  private execute(letterId: string, command: LetterCommand) {
    return executeCommand(this.eventStore, letterDecider, letterStream(letterId), command);
  }

  private async copy(letterId: string, copyId: string): Promise<LetterCopyV1> {
    const copy = (await this.letter(letterId)).copies.find((candidate) => candidate.copyId === copyId);
    if (copy === undefined) throw new NotFoundError('no such copy');
    return copy;
  }

  /**
   * The version of the letter a correction supersedes, from its stream (the truth, not a view),
   * once the marking is known to be allowed: refused before anything is stored.
   */
  private async versionToSupersede(command: MarkLetterSuperseded): Promise<number> {
    const recorded = await this.eventStore.readStream(letterStream(command.data.letterId));
    const state = fold(
      letterDecider,
      recorded.map((event) => ({ type: event.type, data: event.data }) as LetterEvent),
    );
    if (state.status === 'empty') {
      throw new ValidationError('the letter is not valid', [
        { path: 'supersedes', message: 'supersedes names no letter' },
      ]);
    }
    letterDecider.decide(command, state);
    return state.version;
  }

  private dueAt(now: Date): string {
    return new Date(now.getTime() + this.reminders.acknowledgementDueSeconds * 1000).toISOString();
  }
}

/** An inbox line as the API serves it, `overdue` judged at `now`. */
export function inboxItemOf(document: InboxDocument, now: Date): InboxItemV1 {
  const item = storedItemOf(document);
  const overdue = document.open && Date.parse(document.acknowledgementDueAt) <= now.getTime();
  return { ...item, overdue };
}
