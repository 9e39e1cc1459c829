import { SqliteEventStore } from '@ilinks/platform/event-store';
import {
  type Projection,
  type ProjectionEvent,
  type ReadModelStore,
  SqliteReadModelStore,
  type StoredDocument,
} from '@ilinks/platform/read-models';
import { ReadModelCheckpointStore } from '@ilinks/platform/relay';
import { bindProjections, Projector, projectorCheckpointName } from './projector';
import { rebuildProjections } from './rebuild-projections';
import type { ServiceDefinition } from './service-definition';

type Tally = { stream: string; count: number };
type TallyEvent = ProjectionEvent<'Counted' | 'Reset' | 'Noted', { tally: string }>;

/** One document per tally: how many times it was counted since it was last reset (deleted). */
const tallies: Projection<Tally, TallyEvent> = {
  collection: { name: 'tallies_v1', indexes: [{ fields: ['count'] }] },
  handles: ['Counted', 'Reset'],
  documentId: (event) => event.data.tally,
  evolve: (doc, event) =>
    event.type === 'Reset' ? null : { stream: event.source, count: (doc?.count ?? 0) + 1 },
};

const service = (projection: Projection<Tally, TallyEvent> = tallies): ServiceDefinition => ({
  name: 'tally',
  streamPrefixes: ['tally-'],
  publishes: [],
  projections: [projection],
});

/** 3 tallies over 3 streams: counted, some reset and counted again; plus another service's stream. */
async function recordHistory(eventStore: SqliteEventStore): Promise<void> {
  let id = 0;
  const event = (type: TallyEvent['type'], tally: string) => ({
    id: `00000000-0000-4000-8000-${String(id++).padStart(12, '0')}`,
    type,
    data: { tally },
  });
  for (let round = 0; round < 4; round += 1) {
    for (const tally of ['a', 'b', 'c']) {
      await eventStore.appendToStream(`tally-${tally}`, [event('Counted', tally), event('Noted', tally)], {
        expectedRevision: 'any',
      });
    }
    if (round === 1) {
      await eventStore.appendToStream('tally-b', [event('Reset', 'b')], { expectedRevision: 'any' });
    }
    await eventStore.appendToStream('other-x', [event('Counted', 'x')], { expectedRevision: 'any' });
  }
  await eventStore.appendToStream('tally-c', [event('Reset', 'c')], { expectedRevision: 'any' });
}

async function documentsOf(store: ReadModelStore): Promise<StoredDocument<Tally>[]> {
  return (await (await store.collection<Tally>(tallies.collection)).find()).items;
}

/** The views the live projector builds from the same history, in a store of its own. */
async function projectedLive(eventStore: SqliteEventStore): Promise<StoredDocument<Tally>[]> {
  const readModels = new SqliteReadModelStore({ filename: ':memory:' });
  const projector = new Projector(
    eventStore,
    await ReadModelCheckpointStore.open(readModels),
    await bindProjections(readModels, [tallies as Projection<never, ProjectionEvent>]),
    { name: 'live', streamPrefixes: ['tally-'] },
  );
  await projector.start();
  await projector.stop();
  const documents = await documentsOf(readModels);
  await readModels.close();
  return documents;
}

describe('rebuildProjections', () => {
  let eventStore: SqliteEventStore;
  let readModels: SqliteReadModelStore;
  beforeEach(async () => {
    eventStore = new SqliteEventStore(':memory:');
    readModels = new SqliteReadModelStore({ filename: ':memory:' });
    await recordHistory(eventStore);
  });
  afterEach(async () => {
    await eventStore.close();
    await readModels.close();
  });
  const checkpoint = async (): Promise<bigint | undefined> =>
    (await ReadModelCheckpointStore.open(readModels)).load(projectorCheckpointName('tally'));

  it.each([1, 4, 1_000])(
    'rebuilds in batches of %i the views the live projector builds',
    async (batchSize) => {
      const report = await rebuildProjections(service(), { eventStore, readModels }, { batchSize });
      expect(await documentsOf(readModels)).toEqual(await projectedLive(eventStore));
      expect(report).toMatchObject({
        service: 'tally',
        views: ['tallies_v1'],
        events: 26,
        outcomes: { written: 12, deleted: 2, stale: 0, ignored: 12 },
      });
      // The other service's stream is not replayed; the checkpoint is its last own event.
      expect(await checkpoint()).toBe((await eventStore.readStream('tally-c')).at(-1)?.position);
    },
  );

  it('clears what the events no longer support, and the views answer queries after', async () => {
    const collection = await readModels.collection<Tally>(tallies.collection);
    await collection.upsert('orphan', { stream: 'none', count: 1 }, { source: 'none', version: 0 });
    await rebuildProjections(service(), { eventStore, readModels }, { batchSize: 4 });
    expect(await collection.get('orphan')).toBeUndefined();
    expect((await collection.find({ where: { count: 4 } })).items.map((doc) => doc.id)).toEqual(['a']);
  });

  it('moves a checkpoint that was ahead of the store back to the last event replayed', async () => {
    await (await ReadModelCheckpointStore.open(readModels)).save(projectorCheckpointName('tally'), 1_000n);
    await rebuildProjections(service(), { eventStore, readModels }, { batchSize: 4 });
    expect(await checkpoint()).toBe((await eventStore.readStream('tally-c')).at(-1)?.position);
  });

  it('stopped part way, leaves a checkpoint the projector catches up from to the same views', async () => {
    let applied = 0;
    const failing: Projection<Tally, TallyEvent> = {
      ...tallies,
      evolve: (doc, event, id) => {
        if (++applied === 9) throw new Error('crash');
        return tallies.evolve(doc, event, id);
      },
    };
    await expect(
      rebuildProjections(service(failing), { eventStore, readModels }, { batchSize: 4 }),
    ).rejects.toThrow('crash');
    // Batches of 4 events: 3 batches make 6 changes, and the 4th (a reset, then 2 counts) fails.
    const own = (
      await Promise.all(['tally-a', 'tally-b', 'tally-c'].map((stream) => eventStore.readStream(stream)))
    )
      .flat()
      .map((event) => event.position)
      .sort((left, right) => (left < right ? -1 : 1));
    expect(await checkpoint()).toBe(own[11]);
    const projector = new Projector(
      eventStore,
      await ReadModelCheckpointStore.open(readModels),
      await bindProjections(readModels, [tallies as Projection<never, ProjectionEvent>]),
      { name: projectorCheckpointName('tally'), streamPrefixes: ['tally-'] },
    );
    await projector.start();
    await projector.stop();
    expect(await documentsOf(readModels)).toEqual(await projectedLive(eventStore));
  });
});
