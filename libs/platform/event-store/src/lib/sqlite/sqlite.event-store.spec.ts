import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { FixedClock } from '@ilinks/shared/kernel';
import { waitFor } from '@ilinks/shared/testing';
import { eventStoreContract, type EventStoreHarness } from '../event-store.contract';
import { EventIdConflictError, InvalidAppendError } from '../event-store.errors';
import type { EventStore, RecordedEvent } from '../event-store.port';
import { SqliteEventStore } from './sqlite.event-store';

/** A store over a file in a fresh temporary directory, reopenable over the same file. */
async function fileHarness(): Promise<EventStoreHarness> {
  const directory = mkdtempSync(join(tmpdir(), 'ilinks-event-store-'));
  const file = join(directory, 'events.sqlite');
  let current: EventStore = new SqliteEventStore(file);
  return {
    store: current,
    reopen: async () => {
      await current.close();
      current = new SqliteEventStore(file);
      return current;
    },
    dispose: async () => {
      await current.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

eventStoreContract('SQLite file', fileHarness, { startsEmpty: true });

eventStoreContract(
  'SQLite :memory:',
  async () => {
    const store = new SqliteEventStore(':memory:');
    return { store, dispose: () => store.close() };
  },
  { reopenable: false, startsEmpty: true },
);

describe('SqliteEventStore', () => {
  let directory: string;
  let file: string;
  const open: SqliteEventStore[] = [];
  const openStore = (options?: ConstructorParameters<typeof SqliteEventStore>[1]) => {
    const store = new SqliteEventStore(file, options);
    open.push(store);
    return store;
  };

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'ilinks-event-store-'));
    file = join(directory, 'events.sqlite');
  });

  afterEach(async () => {
    await Promise.all(open.splice(0).map((store) => store.close()));
    rmSync(directory, { recursive: true, force: true });
  });

  it('creates the events table in WAL mode with unique ids and (stream, revision)', async () => {
    openStore();
    const raw = new Database(file, { readonly: true });
    try {
      expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
      const columns = (raw.pragma('table_info(events)') as { name: string }[]).map((column) => column.name);
      expect(columns).toEqual([
        'position',
        'id',
        'stream',
        'revision',
        'type',
        'data',
        'metadata',
        'recorded_at',
      ]);
      const uniqueIndexes = (raw.pragma('index_list(events)') as { name: string; unique: number }[])
        .filter((index) => index.unique === 1)
        .map((index) =>
          (raw.pragma(`index_info(${index.name})`) as { name: string }[]).map((column) => column.name),
        );
      expect(uniqueIndexes).toEqual(expect.arrayContaining([['id'], ['stream', 'revision']]));
    } finally {
      raw.close();
    }
  });

  it('stamps recordedAt from the injected clock', async () => {
    const clock = new FixedClock(new Date('2025-03-01T09:30:00.000Z'));
    const store = openStore({ clock });
    await store.appendToStream('patient-1', [{ id: 'e1', type: 'A', data: {} }], {
      expectedRevision: 'no_stream',
    });
    clock.advance(60_000);
    await store.appendToStream('patient-1', [{ id: 'e2', type: 'B', data: {} }], { expectedRevision: 0n });

    const read = await store.readStream('patient-1');

    expect(read.map((e) => e.recordedAt.toISOString())).toEqual([
      '2025-03-01T09:30:00.000Z',
      '2025-03-01T09:31:00.000Z',
    ]);
  });

  it('refuses an id that another stream already holds, and malformed batches', async () => {
    const store = openStore();
    await store.appendToStream('patient-1', [{ id: 'shared', type: 'A', data: {} }], {
      expectedRevision: 'no_stream',
    });

    await expect(
      store.appendToStream('patient-2', [{ id: 'shared', type: 'A', data: {} }], {
        expectedRevision: 'no_stream',
      }),
    ).rejects.toBeInstanceOf(EventIdConflictError);
    await expect(store.appendToStream('patient-2', [], { expectedRevision: 'any' })).rejects.toBeInstanceOf(
      InvalidAppendError,
    );
    await expect(
      store.appendToStream(
        'patient-2',
        [
          { id: 'twice', type: 'A', data: {} },
          { id: 'twice', type: 'B', data: {} },
        ],
        { expectedRevision: 'any' },
      ),
    ).rejects.toBeInstanceOf(InvalidAppendError);
    expect(await store.readStream('patient-2')).toEqual([]);
  });

  it('shares one file between two instances: one writer wins a race, the other subscription sees it', async () => {
    const writer = openStore();
    const other = openStore({ pollIntervalMs: 20 });
    await writer.appendToStream('patient-1', [{ id: 'e0', type: 'A', data: {} }], {
      expectedRevision: 'no_stream',
    });
    const seen: RecordedEvent[] = [];
    const subscription = other.subscribeToAll({ from: 'start' }, async (event) => void seen.push(event));
    await subscription.caughtUp;

    const outcomes = await Promise.allSettled([
      writer.appendToStream('patient-1', [{ id: 'w1', type: 'B', data: {} }], { expectedRevision: 0n }),
      other.appendToStream('patient-1', [{ id: 'w2', type: 'B', data: {} }], { expectedRevision: 0n }),
    ]);
    await writer.appendToStream('patient-2', [{ id: 'e2', type: 'C', data: {} }], {
      expectedRevision: 'no_stream',
    });

    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
    await waitFor(() => seen.length === 3, {
      description: "the writer's events through the poll",
      timeoutMs: 5000,
    });
    expect(seen.map((e) => e.type)).toEqual(['A', 'B', 'C']);
    await subscription.stop();
  });

  it('pages through a long catch-up without skipping or repeating', async () => {
    const store = openStore({ pageSize: 7 });
    for (let batch = 0; batch < 10; batch += 1) {
      const events = Array.from({ length: 5 }, (_, index) => ({
        id: `e${batch}-${index}`,
        type: 'A',
        data: { batch, index },
      }));
      await store.appendToStream(`patient-${batch % 3}`, events, { expectedRevision: 'any' });
    }
    const seen: bigint[] = [];
    const subscription = store.subscribeToAll(
      { from: { after: 3n } },
      async (event) => void seen.push(event.position),
    );

    await subscription.caughtUp;

    expect(seen).toEqual(Array.from({ length: 47 }, (_, index) => BigInt(index + 4)));
    await subscription.stop();
  });

  it('stops its subscriptions when closed', async () => {
    const store = new SqliteEventStore(file);
    const subscription = store.subscribeToAll({ from: 'start' }, async () => undefined);
    await subscription.caughtUp;

    await store.close();

    await expect(subscription.done).resolves.toBeUndefined();
  });
});
