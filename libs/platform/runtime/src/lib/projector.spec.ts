import { SqliteEventStore } from '@ilinks/platform/event-store';
import { type Projection, type ProjectionEvent, SqliteReadModelStore } from '@ilinks/platform/read-models';
import { ReadModelCheckpointStore } from '@ilinks/platform/relay';
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
