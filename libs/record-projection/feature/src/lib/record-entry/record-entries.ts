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
    const appended = await this.append(request, idempotencyKey, new ViewLookups(this.views));
    await this.runtime.waitForViews(appended.position);
    return this.resultOf(appended);
  }

  /**
   * A batch. Not atomic: each entry stands alone. Atomic: every entry is decided against its stream
   * first and nothing is appended if any is refused; then each is appended in turn. The appends are
   * not one transaction (each entry is its own stream): a crash between them leaves the first ones
   * stored, and the partner's retry of the transaction completes it, since each entry is idempotent
   * (same content again records nothing).
   *
   * The views are waited for once per run of distinct entries, not once per entry: an entry that
   * comes back in the same batch is decided only after the view shows its earlier version (the
   * authorship checks read it there), and every item answers with the version it recorded.
   */
  async recordBatch(
    requests: readonly RecordEntryRequestV1[],
    atomic: boolean,
    idempotencyKey: string,
  ): Promise<RecordBatchResultV1> {
    const keyOf = (index: number) => `${idempotencyKey}#${index}`;
    // Each entry of a batch is usually about the same patient: its lookups are read once.
    const lookups = new ViewLookups(this.views);
    if (atomic) {
      const refusals = await Promise.all(
        requests.map((request, index) => this.refusalOf(request, keyOf(index), lookups)),
      );
      if (refusals.some((refusal) => refusal !== undefined)) {
        return { stored: false, items: refusals.map((refusal) => refusal ?? NOT_STORED) };
      }
    }
    const items: RecordBatchItemV1[] = [];
    const pending = new Map<number, AppendedEntry>();
    const pendingIds = new Set<string>();
    const settlePending = async (): Promise<void> => {
      await this.settle(pending, items);
      pending.clear();
      pendingIds.clear();
    };
    for (const [index, request] of requests.entries()) {
      try {
        const entryId = entryIdOf(request);
        if (pendingIds.has(entryId)) await settlePending();
        pendingIds.add(entryId);
        pending.set(index, await this.append(request, keyOf(index), lookups));
      } catch (error) {
        items[index] = refusedItem(error);
      }
    }
    await settlePending();
    return { stored: items.every((item) => item.ok), items };
  }

  /** Marks an entry entered-in-error (only its organisation; a second call changes nothing). */
  async enterInError(
    entryId: string,
    request: Pick<EnterEntryInError['data'], 'organisation' | 'recordedBy'>,
    idempotencyKey: string,
  ): Promise<RecordEntryV1> {
    const current = await this.views.entries.get(entryId);
    if (current !== undefined)
      await this.assertMayChange(current.body, request.recordedBy, new ViewLookups(this.views));
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

  /** Decides and appends one entry's command; the views may not show it yet. */
  private async append(
    request: RecordEntryRequestV1,
    idempotencyKey: string,
    lookups: ViewLookups,
  ): Promise<AppendedEntry> {
    const command = await this.recordCommand(request, idempotencyKey, lookups);
    const result = await executeCommand(
      this.eventStore,
      recordEntryDecider,
      entryStream(command.data.entryId),
      command,
    );
    return { entryId: command.data.entryId, position: result.position, events: result.events };
  }

  /** An appended entry's answer, read from the view once it has applied the append. */
  private async resultOf(appended: AppendedEntry): Promise<RecordEntryResultV1> {
    return { outcome: outcomeOf(appended.events), entry: await this.entry(appended.entryId) };
  }

  /** Waits once for the views to apply every pending append, then answers each at its index. */
  private async settle(
    pending: ReadonlyMap<number, AppendedEntry>,
    items: RecordBatchItemV1[],
  ): Promise<void> {
    if (pending.size === 0) return;
    const last = [...pending.values()].reduce((max, appended) =>
      appended.position > max.position ? appended : max,
    );
    let waited: unknown;
    try {
      await this.runtime.waitForViews(last.position);
    } catch (error) {
      waited = error;
    }
    for (const [index, appended] of pending) {
      try {
        if (waited !== undefined) throw waited;
        items[index] = { ok: true, result: await this.resultOf(appended) };
      } catch (error) {
        items[index] = refusedItem(error);
      }
    }
  }

  /** Why the entry would be refused now, or undefined: decides against its stream, appends nothing. */
  private async refusalOf(
    request: RecordEntryRequestV1,
    idempotencyKey: string,
    lookups: ViewLookups,
  ): Promise<RecordBatchItemV1 | undefined> {
    try {
      const command = await this.recordCommand(request, idempotencyKey, lookups);
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
    lookups: ViewLookups,
  ): Promise<void> {
    const sameGoverningPerson =
      writer.role === INDIVIDUAL &&
      (await lookups.governingPersonOf(existing.subject.value)) ===
        (await lookups.governingPersonOf(writer.subject));
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
    lookups: ViewLookups,
  ): Promise<RecordEntryRequestV1['subject']> {
    const refusal = authorshipRefusal(request);
    if (refusal) throw refusal;
    const individual = request.recordedBy.role === INDIVIDUAL;
    if (
      individual &&
      (await lookups.governingPersonOf(request.subject.value)) !==
        (await lookups.governingPersonOf(request.recordedBy.subject))
    ) {
      throw new ForbiddenError('an individual may contribute only to their own record');
    }
    const existing = (await this.views.entries.get(entryId))?.body;
    if (existing === undefined) return request.subject;
    await this.assertMayChange(existing, request.recordedBy, lookups);
    return individual ? existing.subject : request.subject;
  }

  private async recordCommand(
    request: RecordEntryRequestV1,
    idempotencyKey: string,
    lookups: ViewLookups,
  ): Promise<RecordEntry> {
    const { organisation, resourceType, partnerId } = request;
    const entryId = entryIdOf(request);
    const subject = await this.subjectOf(request, entryId, lookups);
    const localRecordId = await lookups.localRecordIdOf(subject, organisation);
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

/** An entry's command appended to its stream, its answer still to be read from the view. */
interface AppendedEntry {
  readonly entryId: string;
  readonly position: bigint;
  readonly events: readonly RecordEntryEvent[];
}

/** Entry ids already derived (a hash each), by request: a batch asks for each more than once. */
const entryIds = new WeakMap<RecordEntryRequestV1, string>();

/** The entry a request is about: its organisation's own id for the partner's resource. */
function entryIdOf(request: RecordEntryRequestV1): string {
  let entryId = entryIds.get(request);
  if (entryId === undefined) {
    const { organisation, resourceType, partnerId } = request;
    entryId = entryIdFor({ organisation, resourceType, partnerId });
    entryIds.set(request, entryId);
  }
  return entryId;
}

/**
 * The views' answers about local records and persons, each read once per command or batch (a batch
 * asks the same about every entry of its patient). Entries themselves are never cached here: a
 * batch changes them as it goes.
 */
class ViewLookups {
  private readonly localRecordIds = new Map<string, Promise<string | undefined>>();
  private readonly governingPersons = new Map<string, Promise<string>>();

  constructor(private readonly views: RecordViews) {}

  localRecordIdOf(
    subject: { system: string; value: string },
    organisation: string,
  ): Promise<string | undefined> {
    return once(this.localRecordIds, JSON.stringify([subject.system, subject.value, organisation]), () =>
      this.views.localRecordIdOf(subject, organisation),
    );
  }

  governingPersonOf(personId: string): Promise<string> {
    return once(this.governingPersons, personId, () => this.views.governingPersonOf(personId));
  }
}

function once<T>(answers: Map<string, Promise<T>>, key: string, read: () => Promise<T>): Promise<T> {
  let answer = answers.get(key);
  if (answer === undefined) {
    answer = read();
    answers.set(key, answer);
  }
  return answer;
}
