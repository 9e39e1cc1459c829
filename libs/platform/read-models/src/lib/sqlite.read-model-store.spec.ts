import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { indexName } from './collection-spec';
import { planFind } from './query-plan';
import { UniqueIndexViolationError } from './read-model.errors';
import type { CollectionSpec, FindOptions } from './read-model.port';
import { readModelStoreContract } from './read-model-store.contract';
import { pageQueries, SqliteReadModelStore } from './sqlite.read-model-store';

readModelStoreContract('SQLite (file, WAL)', () => {
  const directory = mkdtempSync(join(tmpdir(), 'ilinks-read-models-'));
  const filename = join(directory, 'read-models.sqlite');
  return {
    open: async () => new SqliteReadModelStore({ filename }),
    dispose: async () => rmSync(directory, { recursive: true, force: true }),
  };
});

describe('SqliteReadModelStore specifics', () => {
  it('works in memory', async () => {
    const store = new SqliteReadModelStore({ filename: ':memory:' });
    const collection = await store.collection({ name: 'in_memory_v1', indexes: [{ fields: ['kind'] }] });
    await collection.upsert('a', { kind: 'x' }, { source: 's', version: 1 });
    expect(await collection.count({ kind: 'x' })).toBe(1);
    await store.close();
  });

  it('opens a file in WAL mode', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'ilinks-read-models-'));
    const filename = join(directory, 'wal.sqlite');
    const store = new SqliteReadModelStore({ filename });
    await store.collection({ name: 'wal_v1', indexes: [] });
    const probe = new Database(filename, { readonly: true });
    expect(probe.pragma('journal_mode', { simple: true })).toBe('wal');
    probe.close();
    await store.close();
    rmSync(directory, { recursive: true, force: true });
  });

  describe('bulk load', () => {
    const spec: CollectionSpec = {
      name: 'bulk_v1',
      indexes: [{ fields: ['kind'] }, { fields: ['code'], unique: true }],
    };
    const indexesOn = (filename: string): string[] => {
      const probe = new Database(filename, { readonly: true });
      const names = (
        probe
          .prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL`)
          .all(spec.name) as { name: string }[]
      ).map((row) => row.name);
      probe.close();
      return names.sort();
    };
    let directory: string;
    let filename: string;
    beforeEach(() => {
      directory = mkdtempSync(join(tmpdir(), 'ilinks-read-models-'));
      filename = join(directory, 'bulk.sqlite');
    });
    afterEach(() => rmSync(directory, { recursive: true, force: true }));

    it('sets the query indexes aside, keeps the unique one enforced, and rebuilds them at the end', async () => {
      const store = new SqliteReadModelStore({ filename });
      const collection = await store.collection(spec);
      const all = indexesOn(filename);
      expect(all).toHaveLength(3);
      const end = await (collection.beginBulkLoad as () => Promise<() => Promise<void>>)();
      expect(indexesOn(filename)).toEqual([indexName(spec.name, spec.indexes[1])]);
      await collection.upsertMany([
        { id: 'a', body: { kind: 'x', code: 1 }, guard: { source: 's', version: 1 } },
        { id: 'b', body: { kind: 'y', code: 2 }, guard: { source: 's', version: 1 } },
      ]);
      await expect(
        collection.upsert('c', { kind: 'x', code: 1 }, { source: 's', version: 1 }),
      ).rejects.toThrow(UniqueIndexViolationError);
      expect(await collection.count({ kind: 'x' })).toBe(1);
      await end();
      expect(indexesOn(filename)).toEqual(all);
      expect((await collection.find({ where: { kind: 'x' } })).items.map((doc) => doc.id)).toEqual(['a']);
      await store.close();
    });

    it('grows the page cache and checkpoint interval during the load only', async () => {
      const store = new SqliteReadModelStore({ filename });
      const first = await store.collection(spec);
      const second = await store.collection({ name: 'bulk_other_v1', indexes: [] });
      const pragmas = (): unknown[] => {
        const db = (store as unknown as { db: Database.Database }).db;
        return [db.pragma('cache_size', { simple: true }), db.pragma('wal_autocheckpoint', { simple: true })];
      };
      const before = pragmas();
      const endFirst = await (first.beginBulkLoad as () => Promise<() => Promise<void>>)();
      const endSecond = await (second.beginBulkLoad as () => Promise<() => Promise<void>>)();
      const during = pragmas();
      expect(during).not.toEqual(before);
      await endFirst();
      expect(pragmas()).toEqual(during);
      await endSecond();
      await endSecond();
      expect(pragmas()).toEqual(before);
      await store.close();
    });

    it('gets its indexes back when the collection is opened again after a load cut short', async () => {
      const store = new SqliteReadModelStore({ filename });
      const collection = await store.collection(spec);
      const all = indexesOn(filename);
      await collection.beginBulkLoad?.();
      await store.close();
      expect(indexesOn(filename)).toHaveLength(1);
      const reopened = new SqliteReadModelStore({ filename });
      await reopened.collection(spec);
      expect(indexesOn(filename)).toEqual(all);
      await reopened.close();
    });
  });

  describe('query plans', () => {
    const spec: CollectionSpec = {
      name: 'plans_v1',
      indexes: [{ fields: ['name'] }, { fields: ['age'] }, { fields: ['email'], unique: true }],
    };
    let directory: string;
    let store: SqliteReadModelStore;
    let probe: Database.Database;

    beforeAll(async () => {
      directory = mkdtempSync(join(tmpdir(), 'ilinks-read-models-'));
      const filename = join(directory, 'plans.sqlite');
      store = new SqliteReadModelStore({ filename });
      const collection = await store.collection(spec);
      for (let n = 0; n < 200; n++) {
        const body = { name: `n${n % 10}`, age: n % 7 === 0 ? null : n % 30, email: `e${n}` };
        await collection.upsert(`id${n}`, body, { source: 's', version: 1 });
      }
      probe = new Database(filename, { readonly: true });
    });
    afterAll(async () => {
      probe.close();
      await store.close();
      rmSync(directory, { recursive: true, force: true });
    });

    async function plansOf(options: FindOptions): Promise<string[][]> {
      const collection = await store.collection(spec);
      const previous = await collection.find({ ...options, limit: 5 });
      const withCursor = { ...options, limit: 5, cursor: previous.nextCursor };
      return [options, withCursor].flatMap((query) =>
        pageQueries(spec.name, planFind(spec, query)).map((sql) =>
          (probe.prepare(`EXPLAIN QUERY PLAN ${sql.sql}`).all(...sql.values, 6) as { detail: string }[]).map(
            (row) => row.detail,
          ),
        ),
      );
    }

    it.each([
      ['by id', {}],
      ['on a field, ascending', { sort: { field: 'age', direction: 'asc' } }],
      ['on a field, descending', { sort: { field: 'age', direction: 'desc' } }],
      ['filtered, by id', { where: { name: 'n3' } }],
    ] as [string, FindOptions][])(
      'pages %s through an index without sorting or scanning the table',
      async (_, options) => {
        for (const plan of await plansOf(options)) {
          for (const step of plan) {
            expect(step).not.toMatch(/TEMP B-TREE/);
            expect(step).toMatch(/^(SEARCH|SCAN) plans_v1 USING (COVERING )?INDEX/);
          }
        }
      },
    );

    it('seeks straight to the cursor instead of skipping rows', async () => {
      const [, , ...cursorPlans] = await plansOf({ sort: { field: 'age', direction: 'desc' } });
      expect(cursorPlans.length).toBeGreaterThan(0);
      for (const plan of cursorPlans) expect(plan.every((step) => step.startsWith('SEARCH'))).toBe(true);
    });
  });
});
