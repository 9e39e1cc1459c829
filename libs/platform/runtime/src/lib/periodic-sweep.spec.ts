import { SqliteReadModelStore } from '@ilinks/platform/read-models';
import { actOnDue, PeriodicSweep } from './periodic-sweep';

const waitFor = async (condition: () => boolean, timeoutMs = 2_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

describe('PeriodicSweep', () => {
  it('runs rounds every interval until stopped', async () => {
    let rounds = 0;
    const sweep = new PeriodicSweep({
      name: 'test',
      intervalMs: 10,
      sweep: async () => void rounds++,
      onError: () => undefined,
    });
    sweep.start();
    await waitFor(() => rounds >= 3);
    await sweep.stop();
    const afterStop = rounds;
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(rounds).toBe(afterStop);
  });

  it('never overlaps two rounds', async () => {
    let active = 0;
    let most = 0;
    let rounds = 0;
    const sweep = new PeriodicSweep({
      name: 'test',
      intervalMs: 1,
      sweep: async () => {
        active++;
        most = Math.max(most, active);
        await new Promise((resolve) => setTimeout(resolve, 15));
        active--;
        rounds++;
      },
      onError: () => undefined,
    });
    sweep.start();
    void sweep.runOnce();
    await waitFor(() => rounds >= 3);
    await sweep.stop();
    expect(most).toBe(1);
  });

  it('tells of a failed round and goes on with the next', async () => {
    const errors: unknown[] = [];
    let rounds = 0;
    const sweep = new PeriodicSweep({
      name: 'test',
      intervalMs: 5,
      sweep: async () => {
        rounds++;
        if (rounds === 1) throw new Error('store unavailable');
      },
      onError: (error) => errors.push(error),
    });
    sweep.start();
    await waitFor(() => rounds >= 2);
    await sweep.stop();
    expect(errors).toEqual([new Error('store unavailable')]);
  });

  it('runs one round on demand, without being started', async () => {
    let rounds = 0;
    const sweep = new PeriodicSweep({
      name: 'test',
      intervalMs: 60_000,
      sweep: async () => void rounds++,
      onError: () => undefined,
    });
    await sweep.runOnce();
    expect(rounds).toBe(1);
    await sweep.stop();
  });
});

describe('actOnDue (on the SQLite read model)', () => {
  type Waiting = { waiting: boolean; dueAt: string; name: string };
  const now = new Date('2026-11-26T12:00:00.000Z');
  const minutesFromNow = (minutes: number) => new Date(now.getTime() + minutes * 60_000).toISOString();

  async function collectionWith(documents: readonly Waiting[]) {
    const store = new SqliteReadModelStore({ filename: ':memory:' });
    const collection = await store.collection<Waiting>({
      name: 'waiting_v1',
      indexes: [{ fields: ['waiting', 'dueAt'] }],
    });
    for (const [index, document] of documents.entries())
      await collection.upsert(`doc-${index}`, document, { source: 'spec', version: 1 });
    return { store, collection };
  }

  it('acts on what is due, soonest first, and on nothing not yet due or no longer waiting', async () => {
    const { store, collection } = await collectionWith([
      { waiting: true, dueAt: minutesFromNow(-1), name: 'late' },
      { waiting: true, dueAt: minutesFromNow(5), name: 'not yet' },
      { waiting: true, dueAt: minutesFromNow(-30), name: 'very late' },
      { waiting: false, dueAt: minutesFromNow(-60), name: 'done' },
    ]);
    const seen: string[] = [];
    const acted = await actOnDue({
      collection,
      where: { waiting: true },
      dueField: 'dueAt',
      now,
      act: async (document) => (seen.push(document.name), true),
    });
    expect(seen).toEqual(['very late', 'late']);
    expect(acted).toBe(2);
    await store.close();
  });

  it('counts only the acts that did something, reading page after page', async () => {
    const { store, collection } = await collectionWith(
      Array.from({ length: 7 }, (_, index) => ({
        waiting: true,
        dueAt: minutesFromNow(-index - 1),
        name: `${index}`,
      })),
    );
    let calls = 0;
    const acted = await actOnDue({
      collection,
      where: { waiting: true },
      dueField: 'dueAt',
      now,
      pageSize: 2,
      act: async () => ++calls % 2 === 0,
    });
    expect(calls).toBe(7);
    expect(acted).toBe(3);
    await store.close();
  });

  it('stops a round after the most acts it may make', async () => {
    const { store, collection } = await collectionWith(
      Array.from({ length: 5 }, (_, index) => ({
        waiting: true,
        dueAt: minutesFromNow(-index - 1),
        name: `${index}`,
      })),
    );
    const acted = await actOnDue({
      collection,
      where: { waiting: true },
      dueField: 'dueAt',
      now,
      pageSize: 2,
      maxActs: 2,
      act: async () => true,
    });
    expect(acted).toBe(2);
    await store.close();
  });
});
