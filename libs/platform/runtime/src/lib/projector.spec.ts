import { SqliteEventStore } from '@ilinks/platform/event-store';
import { type Projection, type ProjectionEvent, SqliteReadModelStore } from '@ilinks/platform/read-models';
import { type CheckpointStore, ReadModelCheckpointStore } from '@ilinks/platform/relay';
import { bindProjections, Projector } from './projector';

type Counted = { count: number };
const counter: Projection<Counted, ProjectionEvent> = {
  collection: { name: 'counter_v1', indexes: [] },
  handles: ['Counted'],
  documentId: () => 'total',
  evolve: (doc) => ({ count: (doc?.count ?? 0) + 1 }),
};

describe('Projector.waitUntilApplied', () => {
  const eventStore = new SqliteEventStore(':memory:');
  const readModels = new SqliteReadModelStore({ filename: ':memory:' });
  let projector: Projector;

  beforeAll(async () => {
    const checkpoints = await ReadModelCheckpointStore.open(readModels);
    projector = new Projector(eventStore, checkpoints, await bindProjections(readModels, [counter]), {
      name: 'counter.projector',
      streamPrefixes: ['counter-'],
    });
    await projector.start();
  });
  afterAll(async () => {
    await projector.stop();
    await eventStore.close();
    await readModels.close();
  });

  it('resolves once the views include an append, so a request reads its own write', async () => {
    const collection = await readModels.collection<Counted>(counter.collection);
    for (let index = 0; index < 5; index += 1) {
      const { position } = await eventStore.appendToStream(
        'counter-a',
        [{ id: `00000000-0000-4000-8000-00000000000${index}`, type: 'Counted', data: {} }],
        { expectedRevision: 'any' },
      );
      await projector.waitUntilApplied(position);
      expect((await collection.get('total'))?.body.count).toBe(index + 1);
    }
  });

  it('resolves at once for a position already applied, and rejects when the views never get there', async () => {
    await expect(projector.waitUntilApplied(0n)).resolves.toBeUndefined();
    await expect(projector.waitUntilApplied(10_000n, 50)).rejects.toThrow(/did not reach position/);
  });
});

type Tally = { count: number };
/** Counts events per stream; `Reset` deletes the tally, `Poison` cannot be evolved. */
const tallies: Projection<Tally, ProjectionEvent> = {
  collection: { name: 'tallies_v1', indexes: [] },
  handles: ['Counted', 'Reset', 'Poison'],
  documentId: (event) => event.source,
  evolve: (doc, event) => {
    if (event.type === 'Poison') throw new Error('cannot evolve');
    return event.type === 'Reset' ? null : { count: (doc?.count ?? 0) + 1 };
  },
};

let eventIds = 0;
const anEvent = (type: string): { id: string; type: string; data: unknown } => ({
  id: `00000000-0000-4000-8000-${String((eventIds += 1)).padStart(12, '0')}`,
  type,
  data: {},
});

/** A projector of `tallies` over its own stores, with the writes and checkpoint saves it makes counted. */
async function aTallyProjector(options: { batchSize?: number; checkpointEvery?: number } = {}) {
  const eventStore = new SqliteEventStore(':memory:');
  const readModels = new SqliteReadModelStore({ filename: ':memory:' });
  const checkpoints = await ReadModelCheckpointStore.open(readModels);
  const bound = await bindProjections(readModels, [tallies as Projection<never, ProjectionEvent>]);
  const collection = bound[0].collection;
  const writes = jest.spyOn(collection, 'upsertMany');
  const saves = jest.spyOn(checkpoints, 'save');
  const projectorOf = (checkpointStore: CheckpointStore = checkpoints) =>
    new Projector(eventStore, checkpointStore, bound, {
      name: 'tally',
      streamPrefixes: ['tally-'],
      ...options,
    });
  const append = async (stream: string, types: readonly string[]) =>
    (await eventStore.appendToStream(stream, types.map(anEvent), { expectedRevision: 'any' })).position;
  const countOf = async (stream: string) => (await collection.get(stream))?.body['count'];
  const close = async () => {
    await eventStore.close();
    await readModels.close();
  };
  return {
    checkpoints,
    collection,
    writes,
    saves,
    projectorOf,
    append,
    countOf,
    close,
  };
}

describe('Projector batches', () => {
  it('applies a burst appended at once in one write, checkpointing once', async () => {
    const tally = await aTallyProjector({ checkpointEvery: 10 });
    const projector = tally.projectorOf();
    await projector.start();
    const position = await tally.append(
      'tally-a',
      Array.from({ length: 50 }, () => 'Counted'),
    );
    await projector.waitUntilApplied(position);
    expect(await tally.countOf('tally-a')).toBe(50);
    expect(tally.writes).toHaveBeenCalledTimes(1);
    expect(tally.saves.mock.calls).toEqual([['tally', position]]);
    await projector.stop();
    await tally.close();
  });

  it('keeps each document in order across streams, deletions included', async () => {
    const tally = await aTallyProjector();
    await tally.append('tally-a', ['Counted', 'Counted']);
    await tally.append('tally-b', ['Counted']);
    await tally.append('tally-a', ['Reset', 'Counted']);
    await tally.append('tally-b', ['Counted', 'Reset']);
    const projector = tally.projectorOf();
    await projector.start();
    expect(await tally.countOf('tally-a')).toBe(1);
    expect(await tally.collection.get('tally-b')).toBeUndefined();
    expect(tally.writes).toHaveBeenCalledTimes(1);
    await projector.stop();
    await tally.close();
  });

  it('catches up at start in batches of at most batchSize, and has applied them all when start resolves', async () => {
    const tally = await aTallyProjector({ batchSize: 10 });
    for (let index = 0; index < 25; index += 1) await tally.append(`tally-${index % 3}`, ['Counted']);
    const projector = tally.projectorOf();
    await projector.start();
    expect(tally.writes).toHaveBeenCalledTimes(3);
    expect(tally.writes.mock.calls.map(([writes]) => writes.length)).toEqual([3, 3, 3]);
    expect([
      await tally.countOf('tally-0'),
      await tally.countOf('tally-1'),
      await tally.countOf('tally-2'),
    ]).toEqual([9, 8, 8]);
    await projector.stop();
    await tally.close();
  });

  it('resolves each waiter once its event is in the views, and not before', async () => {
    const tally = await aTallyProjector();
    const projector = tally.projectorOf();
    await projector.start();
    const last = await tally.append('tally-a', ['Counted', 'Counted', 'Counted']);
    const counts = await Promise.all(
      [last - 2n, last - 1n, last].map(async (position) => {
        await projector.waitUntilApplied(position);
        return tally.countOf('tally-a');
      }),
    );
    expect(counts).toEqual([3, 3, 3]);
    await expect(projector.waitUntilApplied(last + 1n, 100)).rejects.toThrow(/did not reach position/);
    await projector.stop();
    await tally.close();
  });

  it('applies nothing twice when it restarts from a checkpoint older than the views (a crash in between)', async () => {
    const tally = await aTallyProjector();
    const first = await tally.append('tally-a', ['Counted']);
    await tally.checkpoints.save('tally', first);
    const forgetful: CheckpointStore = {
      load: (name) => tally.checkpoints.load(name),
      save: async () => undefined,
    };
    const crashed = tally.projectorOf(forgetful);
    await crashed.start();
    await tally.append('tally-a', ['Counted', 'Reset', 'Counted', 'Counted']);
    const last = await tally.append('tally-b', ['Counted', 'Counted']);
    await crashed.waitUntilApplied(last);
    await crashed.stop();
    expect(await tally.checkpoints.load('tally')).toBe(first);

    const restarted = tally.projectorOf();
    await restarted.start();
    expect([await tally.countOf('tally-a'), await tally.countOf('tally-b')]).toEqual([2, 2]);
    const next = await tally.append('tally-a', ['Counted']);
    await restarted.waitUntilApplied(next);
    expect(await tally.countOf('tally-a')).toBe(3);
    await restarted.stop();
    expect(await tally.checkpoints.load('tally')).toBe(next);
    await tally.close();
  });

  it('applies the events before one it cannot evolve, then applies nothing more (as one at a time)', async () => {
    const tally = await aTallyProjector();
    const projector = tally.projectorOf();
    await projector.start();
    const last = await tally.append('tally-a', ['Counted', 'Poison', 'Counted']);
    await projector.waitUntilApplied(last - 2n);
    await expect(projector.waitUntilApplied(last - 1n, 200)).rejects.toThrow(/did not reach position/);
    const after = await tally.append('tally-b', ['Counted']);
    await expect(projector.waitUntilApplied(after, 200)).rejects.toThrow(/did not reach position/);
    expect([await tally.countOf('tally-a'), await tally.countOf('tally-b')]).toEqual([1, undefined]);
    await projector.stop();
    await tally.close();
  });

  it('fails to start on an event it cannot evolve during catch-up, with the events before it applied', async () => {
    const tally = await aTallyProjector();
    await tally.append('tally-a', ['Counted', 'Counted']);
    await tally.append('tally-b', ['Poison', 'Counted']);
    const projector = tally.projectorOf();
    await expect(projector.start()).rejects.toThrow('cannot evolve');
    expect([await tally.countOf('tally-a'), await tally.countOf('tally-b')]).toEqual([2, undefined]);
    await projector.stop();
    await tally.close();
  });
});
