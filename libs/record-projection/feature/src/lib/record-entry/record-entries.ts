import type {
  RecordBatchItemV1,
  RecordBatchResultV1,
  RecordEntryOutcomeV1,
  RecordEntryRequestV1,
  RecordEntryResultV1,
  RecordEntryV1,
} from '@ilinks/record-projection/contracts';
import {
  type EnterEntryInError,
  entryIdFor,
  entryStream,
  type RecordEntry,
  recordEntryDecider,
  type RecordEntryEvent,
} from '@ilinks/record-projection/domain';
import type { EventStore } from '@ilinks/platform/event-store';
import { CLOCK, EVENT_STORE, executeCommand, ServiceRuntime } from '@ilinks/platform/runtime';
import { type Clock, fold, ForbiddenError, NotFoundError } from '@ilinks/shared/kernel';
import { Inject, Injectable } from '@nestjs/common';
import { entryOf } from '../entries-view/entries.projection';
import { RecordViews } from '../record-views';
import {
  authorshipRefusal,
  type EntryAuthorship,
  INDIVIDUAL,
  keyInUse,
  mayChange,
} from './contribution-rules';
import { refusedItem } from './entry-errors';

/** The outcome a command's events stand for (the same again for a retry with the same key). */
function outcomeOf(events: readonly RecordEntryEvent[]): RecordEntryOutcomeV1 {
  const first = events[0];
  if (first === undefined) return 'unchanged';
  return first.type === 'RecordEntryRecorded' ? 'recorded' : 'revised';
}

const NOT_STORED: RecordBatchItemV1 = {
  ok: false,
  status: 424,
  code: 'not-stored',
  diagnostics: 'not stored: another entry of the atomic batch was refused',
};

/**
 * Recording and retracting entries: one command path per entry stream, then a wait for the view so
 * that a read right after the response sees the change.
 */
@Injectable()
export class RecordEntries {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly runtime: ServiceRuntime,
    private readonly views: RecordViews,
  ) {}

  /** Records one entry: `recorded` (new), `revised` or `unchanged`. Refusals throw domain errors. */
  async record(request: RecordEntryRequestV1, idempotencyKey: string): Promise<RecordEntryResultV1> {
    const command = await this.recordCommand(request, idempotencyKey);
    const result = await executeCommand(
      this.eventStore,
      recordEntryDecider,
      entryStream(command.data.entryId),
      command,
    );
    await this.runtime.waitForViews(result.position);
    return { outcome: outcomeOf(result.events), entry: await this.entry(command.data.entryId) };
  }

  /**
   * A batch. Not atomic: each entry stands alone. Atomic: every entry is decided against its stream
   * first and nothing is appended if any is refused; then each is appended in turn. The appends are
   * not one transaction (each entry is its own stream): a crash between them leaves the first ones
   * stored, and the partner's retry of the transaction completes it, since each entry is idempotent
   * (same content again records nothing).
   */
  async recordBatch(
    requests: readonly RecordEntryRequestV1[],
    atomic: boolean,
    idempotencyKey: string,
  ): Promise<RecordBatchResultV1> {
    const keyOf = (index: number) => `${idempotencyKey}#${index}`;
    if (atomic) {
      const refusals = await Promise.all(
        requests.map((request, index) => this.refusalOf(request, keyOf(index))),
      );
      if (refusals.some((refusal) => refusal !== undefined)) {
        return { stored: false, items: refusals.map((refusal) => refusal ?? NOT_STORED) };
      }
    }
    const items: RecordBatchItemV1[] = [];
    for (const [index, request] of requests.entries()) {
      try {
        items.push({ ok: true, result: await this.record(request, keyOf(index)) });
      } catch (error) {
        items.push(refusedItem(error));
      }
    }
    return { stored: items.every((item) => item.ok), items };
  }

  /** Marks an entry entered-in-error (only its organisation; a second call changes nothing). */
  async enterInError(
    entryId: string,
    request: Pick<EnterEntryInError['data'], 'organisation' | 'recordedBy'>,
    idempotencyKey: string,
  ): Promise<RecordEntryV1> {
    const current = await this.views.entries.get(entryId);
    if (current !== undefined) await this.assertMayChange(current.body, request.recordedBy);
    const localRecordId =
      current === undefined
        ? undefined
        : await this.views.localRecordIdOf(current.body.subject, current.body.organisation);
    const command: EnterEntryInError = {
      type: 'EnterEntryInError',
      data: {
        entryId,
        organisation: request.organisation,
        recordedBy: { subject: request.recordedBy.subject, role: request.recordedBy.role },
        ...(localRecordId === undefined ? {} : { localRecordId }),
      },
      metadata: { idempotencyKey, now: this.clock.now() },
    };
    const result = await executeCommand(this.eventStore, recordEntryDecider, entryStream(entryId), command);
    await this.runtime.waitForViews(result.position);
    return this.entry(entryId);
  }

  /** The current version of an entry from the view. */
  async entry(entryId: string): Promise<RecordEntryV1> {
    const document = await this.views.entries.get(entryId);
    if (!document) throw new NotFoundError('no such entry');
    return entryOf(document.body);
  }

  /** Why the entry would be refused now, or undefined: decides against its stream, appends nothing. */
  private async refusalOf(
    request: RecordEntryRequestV1,
    idempotencyKey: string,
  ): Promise<RecordBatchItemV1 | undefined> {
    try {
      const command = await this.recordCommand(request, idempotencyKey);
      const recorded = await this.eventStore.readStream(entryStream(command.data.entryId));
      const events = recorded.map((event) => ({ type: event.type, data: event.data }) as RecordEntryEvent);
      recordEntryDecider.decide(command, fold(recordEntryDecider, events));
      return undefined;
    } catch (error) {
      return refusedItem(error);
    }
  }

  /**
   * Refuses a writer an existing entry it may not change, the same way whoever's it is: an
   * individual may change only their own contributions (merges followed), others none of them.
   */
  private async assertMayChange(
    existing: EntryAuthorship,
    writer: EntryAuthorship['recordedBy'],
  ): Promise<void> {
    const sameGoverningPerson =
      writer.role === INDIVIDUAL &&
      (await this.views.governingPersonOf(existing.subject.value)) ===
        (await this.views.governingPersonOf(writer.subject));
    if (!mayChange(existing, writer.role, sameGoverningPerson)) throw keyInUse();
  }

  /**
   * The subject a version is recorded under. An individual writes about themselves only (the
   * person they are now, merges followed); a revision keeps the person id the entry was first
   * recorded under, which after a merge may be one merged into the writer's.
   */
  private async subjectOf(
    request: RecordEntryRequestV1,
    entryId: string,
  ): Promise<RecordEntryRequestV1['subject']> {
    const refusal = authorshipRefusal(request);
    if (refusal) throw refusal;
    const individual = request.recordedBy.role === INDIVIDUAL;
    if (
      individual &&
      (await this.views.governingPersonOf(request.subject.value)) !==
        (await this.views.governingPersonOf(request.recordedBy.subject))
    ) {
      throw new ForbiddenError('an individual may contribute only to their own record');
    }
    const existing = (await this.views.entries.get(entryId))?.body;
    if (existing === undefined) return request.subject;
    await this.assertMayChange(existing, request.recordedBy);
    return individual ? existing.subject : request.subject;
  }

  private async recordCommand(request: RecordEntryRequestV1, idempotencyKey: string): Promise<RecordEntry> {
    const { organisation, resourceType, partnerId } = request;
    const entryId = entryIdFor({ organisation, resourceType, partnerId });
    const subject = await this.subjectOf(request, entryId);
    const localRecordId = await this.views.localRecordIdOf(subject, organisation);
    return {
      type: 'RecordEntry',
      data: {
        entryId,
        organisation,
        recordedBy: { subject: request.recordedBy.subject, role: request.recordedBy.role },
        resourceType,
        partnerId,
        subject: { system: subject.system, value: subject.value },
        part: request.part,
        ...(request.effectiveAt === undefined ? {} : { effectiveAt: request.effectiveAt }),
        codes: request.codes.map((coding) => ({ ...coding })),
        unknownCodeSystems: request.unknownCodeSystems,
        ...(request.notForPatientView === undefined ? {} : { notForPatientView: request.notForPatientView }),
        ...(request.patientContributed === undefined
          ? {}
          : { patientContributed: request.patientContributed }),
        resource: request.resource,
        ...(request.recordedAt === undefined ? {} : { recordedAt: request.recordedAt }),
        ...(localRecordId === undefined ? {} : { localRecordId }),
      },
      metadata: { idempotencyKey, now: this.clock.now() },
    };
  }
}
