import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InProcessMessageBus } from '@ilinks/platform/messaging';
import {
  type CollectionSpec,
  type Projection,
  type ProjectionEvent,
  SqliteReadModelStore,
} from '@ilinks/platform/read-models';
import Database from 'better-sqlite3';
import { collectionsKeptBy, indexNamesOf, prepareService, topicsUsedBy } from './prepare-service';
import type { ServiceDefinition } from './service-definition';

type Tally = { count: number };

const tallies: Projection<Tally, ProjectionEvent<'Counted', { tally: string }>> = {
  collection: { name: 'tallies_v1', indexes: [{ fields: ['count'] }] },
  handles: ['Counted'],
  documentId: (event) => event.data.tally,
  evolve: (doc) => ({ count: (doc?.count ?? 0) + 1 }),
};

const owners: CollectionSpec = { name: 'owners_v1', indexes: [{ fields: ['email'], unique: true }] };

const service: ServiceDefinition = {
  name: 'tally',
  streamPrefixes: ['tally-'],
  publishes: ['ilinks.tally.v1'],
  projections: [tallies],
  otherCollections: [owners],
  consumes: { topics: ['ilinks.people.v1', 'ilinks.tally.v1'], schemas: [] },
};

describe('collectionsKeptBy', () => {
  it('lists the projections’ views, the other collections and the checkpoints, in that order', () => {
    expect(collectionsKeptBy(service).map((spec) => spec.name)).toEqual([
      'tallies_v1',
      'owners_v1',
      'subscription_checkpoints_v1',
    ]);
  });

  it('lists a view declared twice once', () => {
    const twice = { ...service, otherCollections: [owners, tallies.collection, owners] };
    expect(collectionsKeptBy(twice).map((spec) => spec.name)).toEqual([
      'tallies_v1',
      'owners_v1',
      'subscription_checkpoints_v1',
    ]);
  });

  it('keeps the checkpoints even for a service without views', () => {
    const bare: ServiceDefinition = { name: 'bare', streamPrefixes: [], publishes: [] };
    expect(collectionsKeptBy(bare).map((spec) => spec.name)).toEqual(['subscription_checkpoints_v1']);
  });
});

describe('topicsUsedBy', () => {
  it('lists what it publishes and what it consumes, each once', () => {
    expect(topicsUsedBy(service)).toEqual(['ilinks.tally.v1', 'ilinks.people.v1']);
  });

  it('is empty for a service on no topic', () => {
    expect(topicsUsedBy({ name: 'quiet', streamPrefixes: [], publishes: [] })).toEqual([]);
  });
});

describe('indexNamesOf', () => {
  it('names a query index per declared index', () => {
    expect(indexNamesOf(tallies.collection)).toEqual([expect.stringMatching(/^tallies_v1_ix_[0-9a-f]{12}$/)]);
  });

  it('names a unique index’s enforcement index beside its query index', () => {
    expect(indexNamesOf(owners)).toEqual([
      expect.stringMatching(/^owners_v1_ix_[0-9a-f]{12}$/),
      expect.stringMatching(/^owners_v1_ux_[0-9a-f]{12}$/),
    ]);
  });
});

describe('prepareService (embedded adapters)', () => {
  let dataDir: string;
  let filename: string;
  let readModels: SqliteReadModelStore;
  let bus: InProcessMessageBus;

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'ilinks-prepare-'));
    filename = join(dataDir, 'views.sqlite');
    readModels = new SqliteReadModelStore({ filename });
    bus = new InProcessMessageBus({ filename: join(dataDir, 'bus.sqlite') });
  });

  afterEach(async () => {
    await bus.close();
    await readModels.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  function sqliteIndexes(): string[] {
    const db = new Database(filename, { readonly: true });
    try {
      return db
        .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'index'")
        .all()
        .map((row) => row.name);
    } finally {
      db.close();
    }
  }

  it('creates the indexes of every collection the service keeps', async () => {
    await prepareService(service, { bus, readModels });
    expect(sqliteIndexes()).toEqual(
      expect.arrayContaining([...indexNamesOf(tallies.collection), ...indexNamesOf(owners)]),
    );
  });

  it('reports the service, each collection with its indexes, the topics with their twins and the time', async () => {
    const report = await prepareService(service, { bus, readModels });
    expect(report).toEqual({
      service: 'tally',
      collections: [
        { name: 'tallies_v1', indexes: indexNamesOf(tallies.collection) },
        { name: 'owners_v1', indexes: indexNamesOf(owners) },
        { name: 'subscription_checkpoints_v1', indexes: [] },
      ],
      topics: ['ilinks.tally.v1', 'ilinks.tally.v1.dlq', 'ilinks.people.v1', 'ilinks.people.v1.dlq'],
      seconds: expect.any(Number),
    });
    expect(report.seconds).toBeGreaterThanOrEqual(0);
  });

  it('checks every topic it publishes or consumes in one call', async () => {
    const ensureTopics = jest.spyOn(bus, 'ensureTopics');
    await prepareService(service, { bus, readModels });
    expect(ensureTopics.mock.calls).toEqual([[['ilinks.tally.v1', 'ilinks.people.v1']]]);
  });

  it('leaves the bus alone for a service on no topic', async () => {
    const ensureTopics = jest.spyOn(bus, 'ensureTopics');
    const report = await prepareService(
      { ...service, publishes: [], consumes: undefined },
      { bus, readModels },
    );
    expect(ensureTopics).not.toHaveBeenCalled();
    expect(report.topics).toEqual([]);
  });

  it('can run again: the documents stay and the indexes are not duplicated', async () => {
    await prepareService(service, { bus, readModels });
    const views = await readModels.collection<Tally>(tallies.collection);
    await views.upsert('a', { count: 1 }, { source: 'tally-a', version: 0 });
    const before = sqliteIndexes().sort();
    await prepareService(service, { bus, readModels });
    expect(sqliteIndexes().sort()).toEqual(before);
    expect(await views.count()).toBe(1);
  });

  it('fails when the bus cannot provide a topic', async () => {
    jest.spyOn(bus, 'ensureTopics').mockRejectedValue(new Error('topics have no leaders'));
    await expect(prepareService(service, { bus, readModels })).rejects.toThrow('topics have no leaders');
  });

  it('fails, naming it, when a declared collection is invalid', async () => {
    const invalid = { ...service, otherCollections: [{ name: 'Not-A-View', indexes: [] }] };
    await expect(prepareService(invalid, { bus, readModels })).rejects.toThrow(/Not-A-View/);
  });
});
