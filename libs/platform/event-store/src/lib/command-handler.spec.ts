import {
  ConflictError,
  IllegalStateError,
  assertNever,
  eventIdFor,
  type Command,
  type Decider,
  type DomainEvent,
} from '@ilinks/shared/kernel';
import { handleCommand } from './command-handler';
import type { AppendResult, EventStore, EventToAppend, ExpectedRevision } from './event-store.port';
import { SqliteEventStore } from './sqlite/sqlite.event-store';

// A deliberately non-idempotent decider: every AddDose records a new dose, up to a limit.
type DoseAdded = DomainEvent<'DoseAdded', { doseNumber: number }>;
type DosesCapped = DomainEvent<'DosesCapped', { total: number }>;
type DoseEvent = DoseAdded | DosesCapped;
type DoseCommand = Command<'AddDose', { limit: number }> | Command<'Review', Record<string, never>>;
interface DoseState {
  readonly doses: number;
}

const doses: Decider<DoseCommand, DoseEvent, DoseState> = {
  initialState: () => ({ doses: 0 }),
  evolve: (state, event) => {
    switch (event.type) {
      case 'DoseAdded':
        return { doses: event.data.doseNumber };
      case 'DosesCapped':
        return state;
      default:
        return assertNever(event);
    }
  },
  decide: (command, state) => {
    switch (command.type) {
      case 'AddDose': {
        if (state.doses >= command.data.limit) throw new IllegalStateError('The dose limit is reached');
        const added: DoseAdded = { type: 'DoseAdded', data: { doseNumber: state.doses + 1 } };
        return state.doses + 1 === command.data.limit
          ? [added, { type: 'DosesCapped', data: { total: command.data.limit } }]
          : [added];
      }
      case 'Review':
        return [];
      default:
        return assertNever(command);
    }
  },
};

const now = new Date('2025-01-01T00:00:00Z');
const addDose = (idempotencyKey: string, limit = 10): DoseCommand => ({
  type: 'AddDose',
  data: { limit },
  metadata: { idempotencyKey, now, actor: 'clinician-7', correlationId: `corr-${idempotencyKey}` },
});

/** The real store, with another writer slipping an event in before some of our appends. */
class InterferingStore implements EventStore {
  appendCalls = 0;
  constructor(
    private readonly inner: EventStore,
    private readonly interferences: number,
  ) {}

  async appendToStream(
    streamName: string,
    events: readonly EventToAppend[],
    options: { readonly expectedRevision: ExpectedRevision },
  ): Promise<AppendResult> {
    this.appendCalls += 1;
    if (this.appendCalls <= this.interferences) {
      const id = eventIdFor(streamName, `other-writer-${this.appendCalls}`, 0);
      const [last] = await this.inner.readStream(streamName, { direction: 'backwards', maxCount: 1 });
      await this.inner.appendToStream(
        streamName,
        [{ id, type: 'DoseAdded', data: { doseNumber: Number(last?.revision ?? -1n) + 2 } }],
        {
          expectedRevision: 'any',
        },
      );
    }
    return this.inner.appendToStream(streamName, events, options);
  }
  readStream = (...args: Parameters<EventStore['readStream']>) => this.inner.readStream(...args);
  subscribeToAll = (...args: Parameters<EventStore['subscribeToAll']>) => this.inner.subscribeToAll(...args);
  headPosition = () => this.inner.headPosition();
  close = () => this.inner.close();
}

describe('handleCommand', () => {
  let store: SqliteEventStore;
  const stream = 'medication-course-1';

  beforeEach(() => {
    store = new SqliteEventStore(':memory:');
  });

  afterEach(() => store.close());

  it('appends the decided events with deterministic ids and request metadata', async () => {
    const result = await handleCommand(store, doses, stream, addDose('req-1'), {
      traceparent: '00-abc-def-01',
      causationId: 'msg-9',
    });

    const [recorded] = await store.readStream(stream);
    expect(recorded).toMatchObject({
      id: eventIdFor(stream, 'req-1', 0),
      type: 'DoseAdded',
      data: { doseNumber: 1 },
      metadata: {
        correlationId: 'corr-req-1',
        actor: 'clinician-7',
        traceparent: '00-abc-def-01',
        causationId: 'msg-9',
      },
    });
    expect(result).toEqual({
      events: [{ type: 'DoseAdded', data: { doseNumber: 1 } }],
      nextExpectedRevision: 0n,
      position: recorded.position,
      alreadyAppended: false,
    });
  });

  it('decides on the folded stream and appends at its revision', async () => {
    await handleCommand(store, doses, stream, addDose('req-1', 3));
    await handleCommand(store, doses, stream, addDose('req-2', 3));

    const result = await handleCommand(store, doses, stream, addDose('req-3', 3));

    expect(result.events).toEqual([
      { type: 'DoseAdded', data: { doseNumber: 3 } },
      { type: 'DosesCapped', data: { total: 3 } },
    ]);
    expect(result.nextExpectedRevision).toBe(3n);
    expect((await store.readStream(stream)).map((event) => event.id)).toEqual([
      eventIdFor(stream, 'req-1', 0),
      eventIdFor(stream, 'req-2', 0),
      eventIdFor(stream, 'req-3', 0),
      eventIdFor(stream, 'req-3', 1),
    ]);
  });

  it('records nothing twice when a request is repeated, though the decider is not idempotent', async () => {
    await handleCommand(store, doses, stream, addDose('req-1', 2));
    const first = await handleCommand(store, doses, stream, addDose('req-2', 2));
    await handleCommand(store, doses, stream, {
      type: 'Review',
      data: {},
      metadata: { idempotencyKey: 'req-3', now },
    });

    const repeated = await handleCommand(store, doses, stream, addDose('req-2', 2));

    expect(repeated).toEqual({ ...first, alreadyAppended: true });
    expect(await store.readStream(stream)).toHaveLength(3);
  });

  it('records once when the same request arrives twice at the same time', async () => {
    const outcomes = await Promise.all([
      handleCommand(store, doses, stream, addDose('req-1')),
      handleCommand(store, doses, stream, addDose('req-1')),
    ]);

    expect(outcomes.map((outcome) => outcome.alreadyAppended).sort()).toEqual([false, true]);
    expect(await store.readStream(stream)).toHaveLength(1);
  });

  it('lets domain errors through and appends nothing', async () => {
    await handleCommand(store, doses, stream, addDose('req-1', 1));

    await expect(handleCommand(store, doses, stream, addDose('req-2', 1))).rejects.toBeInstanceOf(
      IllegalStateError,
    );
    expect(await store.readStream(stream)).toHaveLength(2);
  });

  it('appends nothing when the decider decides nothing', async () => {
    const result = await handleCommand(store, doses, stream, {
      type: 'Review',
      data: {},
      metadata: { idempotencyKey: 'r', now },
    });

    expect(result).toEqual({ events: [], nextExpectedRevision: -1n, position: -1n, alreadyAppended: false });
    expect(await store.readStream(stream)).toEqual([]);
  });

  it('reloads and decides again after a concurrent write', async () => {
    const interfering = new InterferingStore(store, 2);

    const result = await handleCommand(interfering, doses, stream, addDose('req-1'), { maxRetries: 2 });

    expect(interfering.appendCalls).toBe(3);
    expect(result.events).toEqual([{ type: 'DoseAdded', data: { doseNumber: 3 } }]);
    expect((await store.readStream(stream)).map((event) => event.data)).toEqual([
      { doseNumber: 1 },
      { doseNumber: 2 },
      { doseNumber: 3 },
    ]);
  });

  it('gives up with a ConflictError after maxRetries', async () => {
    const interfering = new InterferingStore(store, Number.MAX_SAFE_INTEGER);

    await expect(
      handleCommand(interfering, doses, stream, addDose('req-1'), { maxRetries: 2 }),
    ).rejects.toBeInstanceOf(ConflictError);
    expect(interfering.appendCalls).toBe(3);
    expect(
      (await store.readStream(stream)).some((event) => event.id === eventIdFor(stream, 'req-1', 0)),
    ).toBe(false);
  });
});
