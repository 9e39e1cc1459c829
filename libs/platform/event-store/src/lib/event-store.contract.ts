import { randomUUID } from 'node:crypto';
import { waitFor } from '@ilinks/shared/testing';
import {
  WrongExpectedRevisionError,
  type EventStore,
  type EventToAppend,
  type RecordedEvent,
  type SubscribeToAllOptions,
  type Subscription,
} from './event-store.port';

/** One store under test, as a contract case gets it from the factory. */
export interface EventStoreHarness {
  /** The store under test. */
  readonly store: EventStore;
  /**
   * Closes the store handed out last and opens a new instance over the same data (a restart).
   * Needed only when the contract is run with `reopenable: true`.
   */
  reopen?(): Promise<EventStore>;
  /** Closes whatever is still open and removes what the harness created (files, directories). */
  dispose(): Promise<void>;
}

export interface EventStoreContractOptions {
  /** The data outlives a store instance (false for `':memory:'`): adds the restart cases. Default true. */
  readonly reopenable?: boolean;
  /** Every harness starts with an empty store (true for a fresh SQLite file; false for a shared server). */
  readonly startsEmpty?: boolean;
  /** How long a case waits for a subscription to see something. Default 10 s. */
  readonly timeoutMs?: number;
}

/**
 * The behaviour every {@link EventStore} adapter must have, as one jest suite. Call it at the top
 * level of an adapter's spec: `eventStoreContract('SQLite', async () => ({ store, reopen, dispose }))`.
 * `factory` is called once per case. Stream names are unique per case (a random prefix), so the
 * suite can share a server with other data; subscriptions filter on that prefix.
 * Uses jest's globals: only for test files.
 */
export function eventStoreContract(
  name: string,
  factory: () => Promise<EventStoreHarness>,
  options: EventStoreContractOptions = {},
): void {
  const timeoutMs = options.timeoutMs ?? 10_000;

  describe(`EventStore contract: ${name}`, () => {
    // Room for a case's own waits on a remote server, above jest's default of 5 s.
    jest.setTimeout(timeoutMs + 5_000);
    let harness: EventStoreHarness;
    let store: EventStore;
    let prefix: string;
    let subscriptions: Subscription[];

    const stream = (category: string): string => `${prefix}${category}-${randomUUID().slice(0, 8)}`;

    const subscribe = (
      target: EventStore,
      from: SubscribeToAllOptions['from'],
      onEvent: (event: RecordedEvent) => Promise<void> = async () => undefined,
      prefixes: readonly string[] = [prefix],
    ): { received: RecordedEvent[]; subscription: Subscription } => {
      const received: RecordedEvent[] = [];
      const subscription = target.subscribeToAll(
        { from, streamPrefixes: prefixes, name: 'contract' },
        async (event) => {
          received.push(event);
          await onEvent(event);
        },
      );
      subscriptions.push(subscription);
      return { received, subscription };
    };

    const waitForCount = (received: readonly RecordedEvent[], count: number, what: string) =>
      waitFor(() => received.length >= count, { description: `${count} ${what}`, timeoutMs, intervalMs: 10 });

    beforeEach(async () => {
      prefix = `ct${randomUUID().replace(/-/g, '').slice(0, 10)}_`;
      subscriptions = [];
      harness = await factory();
      store = harness.store;
    });

    afterEach(async () => {
      await Promise.all(subscriptions.map((subscription) => subscription.stop().catch(() => undefined)));
      await harness.dispose();
    });

    describe('appending with an expected revision', () => {
      it('appends to a new stream with no_stream and reads back what it wrote', async () => {
        const name = stream('patient');
        const first = event('Registered', { n: 1 }, { correlationId: 'c-1', actor: 'system-a' });
        const second = event('Renamed', { n: 2 });

        const result = await store.appendToStream(name, [first, second], { expectedRevision: 'no_stream' });
        const read = await store.readStream(name);

        expect(
          read.map(({ id, type, data, metadata, streamName, revision }) => ({
            id,
            type,
            data,
            metadata,
            streamName,
            revision,
          })),
        ).toEqual([
          {
            id: first.id,
            type: 'Registered',
            data: { n: 1 },
            metadata: { correlationId: 'c-1', actor: 'system-a' },
            streamName: name,
            revision: 0n,
          },
          { id: second.id, type: 'Renamed', data: { n: 2 }, metadata: {}, streamName: name, revision: 1n },
        ]);
        expect(read[0].recordedAt).toBeInstanceOf(Date);
        expect(Number.isNaN(read[0].recordedAt.getTime())).toBe(false);
        expect(read[1].position).toBeGreaterThan(read[0].position);
        expect(result).toEqual({
          nextExpectedRevision: 1n,
          position: read[1].position,
          alreadyAppended: false,
        });
      });

      it('refuses no_stream when the stream exists, and writes nothing', async () => {
        const name = stream('patient');
        await store.appendToStream(name, [event('Registered')], { expectedRevision: 'no_stream' });

        const refused = store.appendToStream(name, [event('Registered')], { expectedRevision: 'no_stream' });

        await expect(refused).rejects.toBeInstanceOf(WrongExpectedRevisionError);
        await expect(refused).rejects.toMatchObject({ streamName: name, expected: 'no_stream', actual: 0n });
        expect(await store.readStream(name)).toHaveLength(1);
      });

      it('appends at the exact revision and refuses a stale one', async () => {
        const name = stream('patient');
        await store.appendToStream(name, [event('A')], { expectedRevision: 'no_stream' });

        const next = await store.appendToStream(name, [event('B')], { expectedRevision: 0n });
        const stale = store.appendToStream(name, [event('C')], { expectedRevision: 0n });

        expect(next.nextExpectedRevision).toBe(1n);
        await expect(stale).rejects.toMatchObject({
          name: 'WrongExpectedRevisionError',
          expected: 0n,
          actual: 1n,
        });
        expect((await store.readStream(name)).map((e) => e.type)).toEqual(['A', 'B']);
      });

      it('appends with any whatever the stream holds', async () => {
        const name = stream('patient');

        const created = await store.appendToStream(name, [event('A')], { expectedRevision: 'any' });
        const extended = await store.appendToStream(name, [event('B')], { expectedRevision: 'any' });

        expect([created.nextExpectedRevision, extended.nextExpectedRevision]).toEqual([0n, 1n]);
      });

      it('refuses stream_exists on a missing stream and accepts it on an existing one', async () => {
        const name = stream('patient');

        await expect(
          store.appendToStream(name, [event('A')], { expectedRevision: 'stream_exists' }),
        ).rejects.toMatchObject({
          name: 'WrongExpectedRevisionError',
          actual: 'no_stream',
        });
        expect(await store.readStream(name)).toEqual([]);

        await store.appendToStream(name, [event('A')], { expectedRevision: 'no_stream' });
        const result = await store.appendToStream(name, [event('B')], { expectedRevision: 'stream_exists' });
        expect(result.nextExpectedRevision).toBe(1n);
      });

      it('lets exactly one of two concurrent writers with the same expected revision win', async () => {
        const existing = stream('patient');
        const fresh = stream('patient');
        await store.appendToStream(existing, [event('A')], { expectedRevision: 'no_stream' });

        const atRevision = await Promise.allSettled([
          store.appendToStream(existing, [event('B1')], { expectedRevision: 0n }),
          store.appendToStream(existing, [event('B2')], { expectedRevision: 0n }),
        ]);
        const creating = await Promise.allSettled([
          store.appendToStream(fresh, [event('C1')], { expectedRevision: 'no_stream' }),
          store.appendToStream(fresh, [event('C2')], { expectedRevision: 'no_stream' }),
        ]);

        for (const outcomes of [atRevision, creating]) {
          expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
          const [rejected] = outcomes.filter((outcome) => outcome.status === 'rejected');
          expect(rejected?.reason).toBeInstanceOf(WrongExpectedRevisionError);
        }
        expect(await store.readStream(existing)).toHaveLength(2);
        expect(await store.readStream(fresh)).toHaveLength(1);
      });
    });

    describe('idempotent appends', () => {
      it('treats a repeated append of the same ids as a no-op, in the stream and in $all', async () => {
        const name = stream('patient');
        const batch = [event('A'), event('B')];
        const first = await store.appendToStream(name, batch, { expectedRevision: 'no_stream' });

        const repeated = await store.appendToStream(name, batch, { expectedRevision: 'no_stream' });
        const repeatedWithAny = await store.appendToStream(name, batch, { expectedRevision: 'any' });

        const expected = { nextExpectedRevision: 1n, position: first.position, alreadyAppended: true };
        expect(repeated).toEqual(expected);
        expect(repeatedWithAny).toEqual(expected);
        expect((await store.readStream(name)).map((e) => e.id)).toEqual(batch.map((e) => e.id));
        const { received, subscription } = subscribe(store, 'start');
        await subscription.caughtUp;
        expect(received.map((e) => e.id)).toEqual(batch.map((e) => e.id));
      });

      it('is a no-op even when the stream has moved on since (stale expected revision)', async () => {
        const name = stream('patient');
        const batch = [event('A'), event('B')];
        const first = await store.appendToStream(name, batch, { expectedRevision: 'no_stream' });
        await store.appendToStream(name, [event('C')], { expectedRevision: 1n });

        const repeated = await store.appendToStream(name, batch, { expectedRevision: 'no_stream' });

        expect(repeated).toEqual({
          nextExpectedRevision: 1n,
          position: first.position,
          alreadyAppended: true,
        });
        expect((await store.readStream(name)).map((e) => e.type)).toEqual(['A', 'B', 'C']);
      });

      it('refuses a batch whose ids are only partly recorded, and writes nothing', async () => {
        const name = stream('patient');
        const [a, b] = [event('A'), event('B')];
        await store.appendToStream(name, [a, b], { expectedRevision: 'no_stream' });

        await expect(
          store.appendToStream(name, [b, event('X')], { expectedRevision: 0n }),
        ).rejects.toBeInstanceOf(WrongExpectedRevisionError);
        await expect(
          store.appendToStream(name, [a, event('Y')], { expectedRevision: 'any' }),
        ).rejects.toBeInstanceOf(WrongExpectedRevisionError);
        expect((await store.readStream(name)).map((e) => e.type)).toEqual(['A', 'B']);
      });
    });

    describe('reading', () => {
      it('reads forwards and backwards, from a revision, with a maximum count', async () => {
        const name = stream('patient');
        await store.appendToStream(
          name,
          ['E0', 'E1', 'E2', 'E3', 'E4'].map((type) => event(type)),
          { expectedRevision: 'no_stream' },
        );
        const types = (events: RecordedEvent[]) => events.map((e) => e.type);

        expect(types(await store.readStream(name, { direction: 'backwards' }))).toEqual([
          'E4',
          'E3',
          'E2',
          'E1',
          'E0',
        ]);
        expect(types(await store.readStream(name, { fromRevision: 2n }))).toEqual(['E2', 'E3', 'E4']);
        expect(types(await store.readStream(name, { maxCount: 2 }))).toEqual(['E0', 'E1']);
        expect(types(await store.readStream(name, { direction: 'backwards', maxCount: 1 }))).toEqual(['E4']);
        expect(
          types(await store.readStream(name, { direction: 'backwards', fromRevision: 3n, maxCount: 2 })),
        ).toEqual(['E3', 'E2']);
        expect(types(await store.readStream(name, { fromRevision: 5n }))).toEqual([]);
      });

      it('reads an absent stream as no events', async () => {
        const name = stream('nobody');
        expect(await store.readStream(name)).toEqual([]);
        expect(await store.readStream(name, { direction: 'backwards' })).toEqual([]);
      });

      it('keeps order within a stream and strictly increasing positions across streams', async () => {
        const [one, two] = [stream('one'), stream('two')];
        const a = await store.appendToStream(one, [event('A0'), event('A1')], {
          expectedRevision: 'no_stream',
        });
        const b = await store.appendToStream(two, [event('B0')], { expectedRevision: 'no_stream' });
        const c = await store.appendToStream(one, [event('A2')], { expectedRevision: 1n });

        const streamOne = await store.readStream(one);
        expect(streamOne.map((e) => [e.type, e.revision])).toEqual([
          ['A0', 0n],
          ['A1', 1n],
          ['A2', 2n],
        ]);
        expect(a.position).toBeLessThan(b.position);
        expect(b.position).toBeLessThan(c.position);
        const { received, subscription } = subscribe(store, 'start');
        await subscription.caughtUp;
        expect(received.map((e) => e.type)).toEqual(['A0', 'A1', 'B0', 'A2']);
        expectStrictlyIncreasing(received.map((e) => e.position));
      });

      it('reports the newest position as the head', async () => {
        if (options.startsEmpty) expect(await store.headPosition()).toBe(-1n);
        await store.appendToStream(stream('one'), [event('A')], { expectedRevision: 'no_stream' });
        const last = await store.appendToStream(stream('two'), [event('B'), event('C')], {
          expectedRevision: 'no_stream',
        });

        expect(await store.headPosition()).toBe(last.position);
      });
    });

    describe('subscribing to all events', () => {
      it('catches up with what is stored, then delivers live appends in order', async () => {
        const name = stream('patient');
        await store.appendToStream(name, [event('E0'), event('E1'), event('E2')], {
          expectedRevision: 'no_stream',
        });
        const { received, subscription } = subscribe(store, 'start');

        await subscription.caughtUp;
        expect(received.map((e) => e.type)).toEqual(['E0', 'E1', 'E2']);

        await store.appendToStream(name, [event('E3')], { expectedRevision: 2n });
        await store.appendToStream(stream('other'), [event('E4')], { expectedRevision: 'no_stream' });
        await waitForCount(received, 5, 'events, live after catching up');
        expect(received.map((e) => e.type)).toEqual(['E0', 'E1', 'E2', 'E3', 'E4']);
        expectStrictlyIncreasing(received.map((e) => e.position));
      });

      it('is caught up at once when nothing matches', async () => {
        await store.appendToStream(stream('patient'), [event('A')], { expectedRevision: 'no_stream' });
        const { received, subscription } = subscribe(store, 'start', undefined, [`${prefix}nothing-`]);

        await subscription.caughtUp;
        expect(received).toEqual([]);
      });

      it('delivers only events of streams with the given prefixes', async () => {
        const [allergy, medication, problem] = [stream('allergy'), stream('medication'), stream('problem')];
        await store.appendToStream(allergy, [event('Allergy')], { expectedRevision: 'no_stream' });
        await store.appendToStream(problem, [event('Problem')], { expectedRevision: 'no_stream' });
        await store.appendToStream(medication, [event('Medication')], { expectedRevision: 'no_stream' });
        const { received, subscription } = subscribe(store, 'start', undefined, [
          `${prefix}allergy-`,
          `${prefix}medication-`,
        ]);

        await subscription.caughtUp;
        await store.appendToStream(problem, [event('Problem')], { expectedRevision: 0n });
        await store.appendToStream(allergy, [event('Allergy')], { expectedRevision: 0n });
        await waitForCount(received, 3, 'matching events');

        expect(received.map((e) => e.streamName)).toEqual([allergy, medication, allergy]);
      });

      it('resumes after a checkpoint with exactly the events after it', async () => {
        const [one, two] = [stream('one'), stream('two')];
        await store.appendToStream(one, [event('E0'), event('E1')], { expectedRevision: 'no_stream' });
        await store.appendToStream(two, [event('E2'), event('E3')], { expectedRevision: 'no_stream' });
        const all = subscribe(store, 'start');
        await all.subscription.caughtUp;
        const checkpoint = all.received[1].position;

        const resumed = subscribe(store, { after: checkpoint });
        await resumed.subscription.caughtUp;
        expect(resumed.received.map((e) => e.type)).toEqual(['E2', 'E3']);

        await store.appendToStream(one, [event('E4')], { expectedRevision: 1n });
        await waitForCount(resumed.received, 3, 'events after the checkpoint');
        expect(resumed.received.map((e) => e.type)).toEqual(['E2', 'E3', 'E4']);
      });

      it('awaits the handler before delivering the next event', async () => {
        await store.appendToStream(stream('patient'), [event('E0'), event('E1'), event('E2')], {
          expectedRevision: 'no_stream',
        });
        let running = 0;
        let mostAtOnce = 0;
        const { received, subscription } = subscribe(store, 'start', async () => {
          running += 1;
          mostAtOnce = Math.max(mostAtOnce, running);
          await new Promise((resolve) => setTimeout(resolve, 5));
          running -= 1;
        });

        await subscription.caughtUp;
        expect(received).toHaveLength(3);
        expect(mostAtOnce).toBe(1);
        expect(running).toBe(0);
      });

      it('ends with done rejecting when a handler throws, and delivers nothing after', async () => {
        await store.appendToStream(stream('patient'), [event('E0'), event('E1'), event('E2')], {
          expectedRevision: 'no_stream',
        });
        const { received, subscription } = subscribe(store, 'start', async (e) => {
          if (e.type === 'E1') throw new Error('projection failed');
        });

        await expect(subscription.done).rejects.toThrow('projection failed');
        await expect(subscription.caughtUp).rejects.toThrow('projection failed');
        expect(received.map((e) => e.type)).toEqual(['E0', 'E1']);
        await expect(subscription.stop()).resolves.toBeUndefined();
      });

      it('stops promptly while live, and done resolves', async () => {
        const { subscription } = subscribe(store, 'start');
        await subscription.caughtUp;

        const started = Date.now();
        await subscription.stop();

        expect(Date.now() - started).toBeLessThan(1000);
        await expect(subscription.done).resolves.toBeUndefined();
      });
    });

    if (options.reopenable ?? true) {
      describe('across a restart', () => {
        it('keeps every appended event and its position', async () => {
          const name = stream('patient');
          const result = await store.appendToStream(name, [event('A'), event('B')], {
            expectedRevision: 'no_stream',
          });
          const before = await store.readStream(name);

          const reopened = await reopen(harness);

          expect(await reopened.readStream(name)).toEqual(before);
          expect(await reopened.headPosition()).toBe(result.position);
          const next = await reopened.appendToStream(name, [event('C')], { expectedRevision: 1n });
          expect(next.position).toBeGreaterThan(result.position);
        });

        it('resumes from the last handled position: no event skipped or delivered twice', async () => {
          const [one, two] = [stream('one'), stream('two')];
          const stored = [event('A0'), event('A1'), event('B0'), event('B1')];
          await store.appendToStream(one, stored.slice(0, 2), { expectedRevision: 'no_stream' });
          await store.appendToStream(two, stored.slice(2), { expectedRevision: 'no_stream' });
          let checkpoint: bigint | undefined;
          let releaseThird!: () => void;
          const thirdMayFinish = new Promise<void>((resolve) => (releaseThird = resolve));
          const first = subscribe(store, 'start', async (e) => {
            if (e.type === 'B0') await thirdMayFinish;
            checkpoint = e.position;
          });
          await waitForCount(first.received, 3, 'events before the restart');

          // Stop while the third handler is still running: it completes, and nothing follows it.
          const stopping = first.subscription.stop();
          releaseThird();
          await stopping;
          const reopened = await reopen(harness);
          const whileDown = event('B2');
          await reopened.appendToStream(two, [whileDown], { expectedRevision: 1n });
          const second = subscribe(reopened, { after: checkpoint ?? -1n });
          await second.subscription.caughtUp;
          await reopened.appendToStream(one, [event('A2')], { expectedRevision: 1n });
          await waitForCount(second.received, 3, 'events after the restart');

          const delivered = [...first.received, ...second.received].map((e) => e.type);
          expect(first.received.map((e) => e.type)).toEqual(['A0', 'A1', 'B0']);
          expect(delivered).toEqual(['A0', 'A1', 'B0', 'B1', 'B2', 'A2']);
        });
      });
    }
  });
}

async function reopen(harness: EventStoreHarness): Promise<EventStore> {
  if (!harness.reopen)
    throw new Error('This harness cannot reopen its store: run the contract with reopenable: false');
  return harness.reopen();
}

function event(
  type: string,
  data: unknown = { value: type },
  metadata?: EventToAppend['metadata'],
): EventToAppend {
  return { id: randomUUID(), type, data, ...(metadata ? { metadata } : {}) };
}

function expectStrictlyIncreasing(positions: readonly bigint[]): void {
  positions.slice(1).forEach((position, index) => expect(position).toBeGreaterThan(positions[index]));
}
