/// <reference types="jest" />
import { randomBytes } from 'node:crypto';
import {
  applyEventsToReadModel,
  applyToReadModel,
  type Projection,
  type ProjectionEvent,
} from './projection';
import {
  InvalidReadModelRequestError,
  UniqueIndexViolationError,
  UnindexedQueryError,
} from './read-model.errors';
import type {
  CollectionSpec,
  FindOptions,
  ReadModelCollection,
  ReadModelStore,
  StoredDocument,
} from './read-model.port';

/**
 * Gives the contract suite stores over one body of data (a file, a database): every store opened
 * by one factory sees what the others wrote, so the suite can close a store and reopen the data.
 */
export interface ReadModelStoreFactory {
  open(): Promise<ReadModelStore>;
  /** Called once after the suite: removes what the factory created. */
  dispose?(): Promise<void>;
}

type Person = {
  name: string;
  age: number | null;
  email?: string;
  active?: boolean;
  address?: { postcode: string; town?: string };
};

/**
 * The behaviour every `ReadModelStore` adapter must have. Call it at the top level of a spec file:
 * `readModelStoreContract('SQLite', async () => ({ open: async () => new SqliteReadModelStore(…) }))`.
 * Each test works in its own, uniquely named collection, so runs never see each other's data.
 */
export function readModelStoreContract(
  name: string,
  makeFactory: () => Promise<ReadModelStoreFactory> | ReadModelStoreFactory,
): void {
  describe(`ReadModelStore contract: ${name}`, () => {
    const runId = randomBytes(4)
      .toString('hex')
      .replace(/^[0-9]/, 'r');
    let collectionCounter = 0;
    let factory: ReadModelStoreFactory;
    let store: ReadModelStore;

    const personSpec = (): CollectionSpec => ({
      name: `contract_${runId}_${++collectionCounter}`,
      indexes: [
        { fields: ['name'] },
        { fields: ['age'] },
        { fields: ['active'] },
        { fields: ['address.postcode'] },
        { fields: ['email'], unique: true },
      ],
    });
    const people = (): Promise<ReadModelCollection<Person>> => store.collection<Person>(personSpec());
    const ids = (items: readonly StoredDocument<Person>[]): string[] => items.map((item) => item.id);
    const padded = (n: number): string => `p${String(n).padStart(3, '0')}`;

    async function readAllPages(
      collection: ReadModelCollection<Person>,
      options: FindOptions,
    ): Promise<{ ids: string[]; pages: number }> {
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await collection.find({ ...options, cursor });
        pages += 1;
        seen.push(...ids(page.items));
        cursor = page.nextCursor;
        if (pages > 100) throw new Error('paging does not terminate');
      } while (cursor !== undefined);
      return { ids: seen, pages };
    }

    beforeAll(async () => {
      factory = await makeFactory();
    });
    beforeEach(async () => {
      store = await factory.open();
    });
    afterEach(async () => {
      await store.close();
    });
    afterAll(async () => {
      await factory.dispose?.();
    });

    it('returns undefined for an absent document', async () => {
      const collection = await people();
      expect(await collection.get('nobody')).toBeUndefined();
    });

    it('stores a document and its version per source', async () => {
      const collection = await people();
      expect(
        await collection.upsert('p1', { name: 'Ada', age: 36 }, { source: 'person-p1', version: 0 }),
      ).toBe('written');
      expect(await collection.get('p1')).toEqual({
        id: 'p1',
        body: { name: 'Ada', age: 36 },
        versions: { 'person-p1': 0 },
      });
    });

    it('reads several documents in one call, leaving out absent and deleted ones', async () => {
      const collection = await people();
      await collection.upsert('p1', { name: 'Ada', age: 36 }, { source: 's1', version: 0 });
      await collection.upsert('p2', { name: 'Bo', age: 7 }, { source: 's2', version: 0 });
      await collection.upsert('p3', { name: 'Cy', age: 9 }, { source: 's3', version: 0 });
      await collection.markDeleted('p3', { source: 's3', version: 1 });
      const found = await collection.getMany(['p2', 'nobody', 'p1', 'p3', 'p1']);
      expect(found.map((document) => document.id).sort()).toEqual(['p1', 'p2']);
      expect(found.find((document) => document.id === 'p2')).toEqual({
        id: 'p2',
        body: { name: 'Bo', age: 7 },
        versions: { s2: 0 },
      });
      expect(await collection.getMany([])).toEqual([]);
      await expect(
        collection.getMany(Array.from({ length: 1001 }, (_, index) => `x${index}`)),
      ).rejects.toThrow(/at most 1000/);
    });

    it('writes many under the guard rule in one call: outcomes in order, deletions as tombstones', async () => {
      const collection = await people();
      await collection.upsert('p1', { name: 'kept', age: 9 }, { source: 's1', version: 5 });
      const outcomes = await collection.upsertMany([
        { id: 'p1', body: { name: 'older', age: 1 }, guard: { source: 's1', version: 4 } },
        { id: 'p2', body: { name: 'Bo', age: 7 }, guard: { source: 's2', version: 0 } },
        { id: 'p3', body: { name: 'Cy', age: 8 }, guard: { source: 's3', version: 0 } },
        { id: 'p3', body: null, guard: { source: 's3', version: 1 } },
      ]);
      expect(outcomes).toEqual(['stale', 'written', 'written', 'written']);
      expect((await collection.get('p1'))?.body.name).toBe('kept');
      expect((await collection.get('p2'))?.body.name).toBe('Bo');
      expect(await collection.get('p3')).toBeUndefined();
      expect(await collection.upsert('p3', { name: 'replayed', age: 8 }, { source: 's3', version: 0 })).toBe(
        'stale',
      );
      expect(await collection.upsertMany([])).toEqual([]);
    });

    it('refuses an older version for the same source and keeps the newer body', async () => {
      const collection = await people();
      await collection.upsert('p1', { name: 'new', age: 2 }, { source: 's', version: 5 });
      expect(await collection.upsert('p1', { name: 'old', age: 1 }, { source: 's', version: 4 })).toBe(
        'stale',
      );
      expect((await collection.get('p1'))?.body).toEqual({ name: 'new', age: 2 });
      expect((await collection.get('p1'))?.versions).toEqual({ s: 5 });
    });

    it('treats the same version repeated as stale (idempotent replay)', async () => {
      const collection = await people();
      expect(await collection.upsert('p1', { name: 'first', age: 1 }, { source: 's', version: 3 })).toBe(
        'written',
      );
      expect(await collection.upsert('p1', { name: 'replayed', age: 1 }, { source: 's', version: 3 })).toBe(
        'stale',
      );
      expect((await collection.get('p1'))?.body.name).toBe('first');
    });

    it('writes a newer version over an older one', async () => {
      const collection = await people();
      await collection.upsert('p1', { name: 'v1', age: 1 }, { source: 's', version: 1 });
      expect(await collection.upsert('p1', { name: 'v2', age: 2 }, { source: 's', version: 2 })).toBe(
        'written',
      );
      expect(await collection.get('p1')).toEqual({
        id: 'p1',
        body: { name: 'v2', age: 2 },
        versions: { s: 2 },
      });
    });

    it('versions independent sources independently', async () => {
      const collection = await people();
      await collection.upsert('p1', { name: 'a10', age: 1 }, { source: 'a', version: 10 });
      expect(await collection.upsert('p1', { name: 'b1', age: 1 }, { source: 'b', version: 1 })).toBe(
        'written',
      );
      expect(await collection.upsert('p1', { name: 'a9', age: 1 }, { source: 'a', version: 9 })).toBe(
        'stale',
      );
      expect(await collection.upsert('p1', { name: 'b0', age: 1 }, { source: 'b', version: 0 })).toBe(
        'stale',
      );
      expect(await collection.get('p1')).toEqual({
        id: 'p1',
        body: { name: 'b1', age: 1 },
        versions: { a: 10, b: 1 },
      });
    });

    it('keeps source names with dots, dollars and percent signs distinct and returns them as given', async () => {
      const collection = await people();
      const sources = ['ilinks.identity.v1/0', '$all', 'a%2Eb', 'a.b', 'naïve "quoted"'];
      for (const [version, source] of sources.entries()) {
        expect(await collection.upsert('p1', { name: 'x', age: version }, { source, version: 7 })).toBe(
          'written',
        );
      }
      expect((await collection.get('p1'))?.versions).toEqual(
        Object.fromEntries(sources.map((source) => [source, 7])),
      );
      expect(await collection.upsert('p1', { name: 'y', age: 0 }, { source: 'a.b', version: 7 })).toBe(
        'stale',
      );
    });

    it('deletes a document outright', async () => {
      const collection = await people();
      await collection.upsert('p1', { name: 'Ada', age: 36 }, { source: 's', version: 1 });
      await collection.upsert('p2', { name: 'Bob', age: 40 }, { source: 's', version: 1 });
      await collection.delete('p1');
      await collection.delete('absent');
      expect(await collection.get('p1')).toBeUndefined();
      expect(await collection.count()).toBe(1);
    });

    it('marks a document deleted under the version guard, leaving a tombstone that older events cannot pass', async () => {
      const collection = await people();
      await collection.upsert('p1', { name: 'Ada', age: 36 }, { source: 's', version: 1 });
      expect(await collection.markDeleted('p1', { source: 's', version: 1 })).toBe('stale');
      expect(await collection.get('p1')).toBeDefined();
      expect(await collection.markDeleted('p1', { source: 's', version: 3 })).toBe('written');
      expect(await collection.get('p1')).toBeUndefined();
      expect(await collection.count()).toBe(0);
      expect((await collection.find()).items).toEqual([]);
      expect((await collection.find({ where: { name: 'Ada' } })).items).toEqual([]);
      expect((await collection.find({ where: { email: null } })).items).toEqual([]);
      expect(
        await collection.upsert('p1', { name: 'resurrected', age: 1 }, { source: 's', version: 2 }),
      ).toBe('stale');
      expect(await collection.upsert('p1', { name: 'replayed', age: 1 }, { source: 's', version: 3 })).toBe(
        'stale',
      );
      expect(await collection.get('p1')).toBeUndefined();
      expect(await collection.upsert('p1', { name: 'Ada again', age: 37 }, { source: 's', version: 4 })).toBe(
        'written',
      );
      expect(await collection.get('p1')).toEqual({
        id: 'p1',
        body: { name: 'Ada again', age: 37 },
        versions: { s: 4 },
      });
    });

    it('records a tombstone for a document it never saw, so an older event arriving late stays out', async () => {
      const collection = await people();
      expect(await collection.markDeleted('p1', { source: 's', version: 2 })).toBe('written');
      expect(await collection.upsert('p1', { name: 'late', age: 1 }, { source: 's', version: 1 })).toBe(
        'stale',
      );
      expect(await collection.get('p1')).toBeUndefined();
    });

    it('finds by equality on an indexed field, keeping value types apart', async () => {
      const collection = await people();
      await collection.upsert('p1', { name: 'Ada', age: 36, active: true }, { source: 's', version: 1 });
      await collection.upsert('p2', { name: 'Bob', age: 36, active: false }, { source: 's', version: 1 });
      await collection.upsert('p3', { name: 'Ada', age: 1, active: true }, { source: 's', version: 1 });
      await collection.upsert('p4', { name: '36', age: null }, { source: 's', version: 1 });
      expect(ids((await collection.find({ where: { name: 'Ada' } })).items)).toEqual(['p1', 'p3']);
      expect(ids((await collection.find({ where: { age: 36 } })).items)).toEqual(['p1', 'p2']);
      expect(ids((await collection.find({ where: { active: true } })).items)).toEqual(['p1', 'p3']);
      expect(ids((await collection.find({ where: { active: false } })).items)).toEqual(['p2']);
      expect(ids((await collection.find({ where: { age: 1 } })).items)).toEqual(['p3']);
      expect(ids((await collection.find({ where: { name: '36' } })).items)).toEqual(['p4']);
      // null matches a null or missing value, as in MongoDB.
      expect(ids((await collection.find({ where: { age: null } })).items)).toEqual(['p4']);
      expect(ids((await collection.find({ where: { active: null } })).items)).toEqual(['p4']);
      expect(ids((await collection.find({ where: { name: 'Ada', age: 36 } })).items)).toEqual(['p1']);
      expect((await collection.find({ where: { name: 'Nobody' } })).items).toEqual([]);
    });

    it('finds by a nested dotted path index', async () => {
      const collection = await people();
      await collection.upsert(
        'p1',
        { name: 'Ada', age: 1, address: { postcode: 'LS1 4AP', town: 'Leeds' } },
        { source: 's', version: 1 },
      );
      await collection.upsert(
        'p2',
        { name: 'Bob', age: 2, address: { postcode: 'M1 1AE' } },
        { source: 's', version: 1 },
      );
      await collection.upsert('p3', { name: 'Cy', age: 3 }, { source: 's', version: 1 });
      const page = await collection.find({ where: { 'address.postcode': 'LS1 4AP' } });
      expect(page.items).toEqual([
        {
          id: 'p1',
          body: { name: 'Ada', age: 1, address: { postcode: 'LS1 4AP', town: 'Leeds' } },
          versions: { s: 1 },
        },
      ]);
      expect(page.nextCursor).toBeUndefined();
      expect(await collection.count({ 'address.postcode': 'M1 1AE' })).toBe(1);
    });

    it('sorts ascending and descending on one field, breaking ties by id in the same direction', async () => {
      const collection = await people();
      const rows: [string, number][] = [
        ['b', 30],
        ['a', 30],
        ['d', 20],
        ['c', 40],
        ['e', 20],
      ];
      for (const [id, age] of rows)
        await collection.upsert(id, { name: id, age }, { source: 's', version: 1 });
      expect(ids((await collection.find({ sort: { field: 'age', direction: 'asc' } })).items)).toEqual([
        'd',
        'e',
        'a',
        'b',
        'c',
      ]);
      expect(ids((await collection.find({ sort: { field: 'age', direction: 'desc' } })).items)).toEqual([
        'c',
        'b',
        'a',
        'e',
        'd',
      ]);
      expect(ids((await collection.find()).items)).toEqual(['a', 'b', 'c', 'd', 'e']);
    });

    it('places null and missing sort values first ascending and last descending', async () => {
      const collection = await people();
      await collection.upsert('a', { name: 'a', age: 5 }, { source: 's', version: 1 });
      await collection.upsert('b', { name: 'b', age: null }, { source: 's', version: 1 });
      await collection.upsert('c', { name: 'c', age: 1 }, { source: 's', version: 1 });
      await collection.upsert('d', { name: 'd', age: null }, { source: 's', version: 1 });
      expect(ids((await collection.find({ sort: { field: 'age', direction: 'asc' } })).items)).toEqual([
        'b',
        'd',
        'c',
        'a',
      ]);
      expect(ids((await collection.find({ sort: { field: 'age', direction: 'desc' } })).items)).toEqual([
        'a',
        'c',
        'd',
        'b',
      ]);
    });

    it.each(['asc', 'desc'] as const)(
      'pages through 25 documents 7 at a time, each exactly once and in order (%s)',
      async (direction) => {
        const collection = await people();
        const expected: { id: string; age: number | null }[] = [];
        for (let n = 0; n < 25; n++) {
          // Repeated ages make ties that only the id breaks; a few nulls exercise the null run.
          const age = n % 6 === 0 ? null : n % 4;
          expected.push({ id: padded(n), age });
          await collection.upsert(padded(n), { name: `n${n}`, age }, { source: 's', version: 1 });
        }
        const rank = (age: number | null): number => (age === null ? -1 : age);
        expected.sort((x, y) => rank(x.age) - rank(y.age) || (x.id < y.id ? -1 : 1));
        if (direction === 'desc') expected.reverse();

        const paged = await readAllPages(collection, { sort: { field: 'age', direction }, limit: 7 });
        expect(paged.ids).toEqual(expected.map((row) => row.id));
        expect(paged.pages).toBe(4);

        const byId = await readAllPages(collection, { sort: undefined, limit: 7 });
        expect(byId.ids).toEqual([...Array(25).keys()].map(padded));
      },
    );

    it('pages within a filter while sorting on another field', async () => {
      const collection = await people();
      for (let n = 0; n < 25; n++) {
        await collection.upsert(
          padded(n),
          { name: n % 2 === 0 ? 'even' : 'odd', age: 100 - n },
          { source: 's', version: 1 },
        );
      }
      const paged = await readAllPages(collection, {
        where: { name: 'even' },
        sort: { field: 'age', direction: 'asc' },
        limit: 7,
      });
      const evens = [...Array(25).keys()]
        .filter((n) => n % 2 === 0)
        .reverse()
        .map(padded);
      expect(paged.ids).toEqual(evens);
      expect(paged.pages).toBe(2);
    });

    it('gives no cursor when the last page is exactly full', async () => {
      const collection = await people();
      for (let n = 0; n < 7; n++)
        await collection.upsert(padded(n), { name: 'x', age: n }, { source: 's', version: 1 });
      const page = await collection.find({ sort: { field: 'age', direction: 'asc' }, limit: 7 });
      expect(page.items).toHaveLength(7);
      expect(page.nextCursor).toBeUndefined();
    });

    it('rejects a cursor used with another sort, and a malformed cursor', async () => {
      const collection = await people();
      for (let n = 0; n < 3; n++)
        await collection.upsert(padded(n), { name: 'x', age: n }, { source: 's', version: 1 });
      const page = await collection.find({ sort: { field: 'age', direction: 'asc' }, limit: 1 });
      expect(page.nextCursor).toBeDefined();
      await expect(
        collection.find({ sort: { field: 'age', direction: 'desc' }, cursor: page.nextCursor }),
      ).rejects.toThrow(InvalidReadModelRequestError);
      await expect(collection.find({ cursor: 'not-a-cursor' })).rejects.toThrow(InvalidReadModelRequestError);
    });

    it('rejects filters and sorts that no declared index serves', async () => {
      const collection = await store.collection<Person>({
        name: `contract_${runId}_${++collectionCounter}`,
        indexes: [{ fields: ['name', 'age'] }],
      });
      await collection.upsert(
        'p1',
        { name: 'Ada', age: 1, email: 'a@example.org' },
        { source: 's', version: 1 },
      );
      await expect(collection.find({ where: { email: 'a@example.org' } })).rejects.toThrow(
        UnindexedQueryError,
      );
      await expect(collection.find({ where: { email: 'a@example.org' } })).rejects.toThrow(/email/);
      await expect(collection.count({ email: 'a@example.org' })).rejects.toThrow(UnindexedQueryError);
      await expect(collection.find({ sort: { field: 'email', direction: 'asc' } })).rejects.toThrow(
        UnindexedQueryError,
      );
      // age is declared, but only behind name: alone it would scan.
      await expect(collection.find({ where: { age: 1 } })).rejects.toThrow(UnindexedQueryError);
      await expect(collection.find({ sort: { field: 'age', direction: 'asc' } })).rejects.toThrow(
        UnindexedQueryError,
      );
      expect(
        ids(
          (await collection.find({ where: { name: 'Ada' }, sort: { field: 'age', direction: 'desc' } }))
            .items,
        ),
      ).toEqual(['p1']);
      expect(ids((await collection.find({ where: { name: 'Ada', age: 1 } })).items)).toEqual(['p1']);
    });

    it('rejects filter values that are not scalars', async () => {
      const collection = await people();
      await expect(collection.find({ where: { name: { $ne: 'x' } } })).rejects.toThrow(
        InvalidReadModelRequestError,
      );
      await expect(collection.find({ where: { name: ['a'] } })).rejects.toThrow(InvalidReadModelRequestError);
    });

    it('rejects an invalid collection name and an invalid version guard', async () => {
      await expect(store.collection({ name: 'Bad-Name', indexes: [] })).rejects.toThrow(
        InvalidReadModelRequestError,
      );
      await expect(store.collection({ name: 'x', indexes: [{ fields: ['$where'] }] })).rejects.toThrow(
        InvalidReadModelRequestError,
      );
      const collection = await people();
      await expect(
        collection.upsert('p1', { name: 'x', age: 1 }, { source: '', version: 1 }),
      ).rejects.toThrow(InvalidReadModelRequestError);
      await expect(
        collection.upsert('p1', { name: 'x', age: 1 }, { source: 's', version: 1.5 }),
      ).rejects.toThrow(InvalidReadModelRequestError);
    });

    it('rejects a unique index violation with a clear error that does not leak the value', async () => {
      const collection = await people();
      await collection.upsert(
        'p1',
        { name: 'Ada', age: 1, email: 'ada@example.org' },
        { source: 's', version: 1 },
      );
      await collection.upsert(
        'p2',
        { name: 'Bob', age: 2, email: 'bob@example.org' },
        { source: 's', version: 1 },
      );
      const insert = collection.upsert(
        'p3',
        { name: 'Eve', age: 3, email: 'ada@example.org' },
        { source: 's', version: 1 },
      );
      await expect(insert).rejects.toThrow(UniqueIndexViolationError);
      await expect(
        collection.upsert(
          'p3',
          { name: 'Eve', age: 3, email: 'ada@example.org' },
          { source: 's', version: 1 },
        ),
      ).rejects.toThrow(/Unique index on contract_\w+\(email\)/);
      await expect(
        collection.upsert(
          'p3',
          { name: 'Eve', age: 3, email: 'ada@example.org' },
          { source: 's', version: 1 },
        ),
      ).rejects.not.toThrow(/ada@example/);
      const update = collection.upsert(
        'p2',
        { name: 'Bob', age: 2, email: 'ada@example.org' },
        { source: 's', version: 2 },
      );
      await expect(update).rejects.toThrow(UniqueIndexViolationError);
      expect((await collection.get('p2'))?.body.email).toBe('bob@example.org');
      expect(await collection.get('p3')).toBeUndefined();
      expect(
        await collection.upsert(
          'p1',
          { name: 'Ada L', age: 1, email: 'ada@example.org' },
          { source: 's', version: 2 },
        ),
      ).toBe('written');
    });

    it('lets documents without a unique field and tombstones coexist, as a sparse unique index does', async () => {
      const collection = await people();
      await collection.upsert('p1', { name: 'a', age: 1 }, { source: 's', version: 1 });
      await collection.upsert('p2', { name: 'b', age: 2 }, { source: 's', version: 1 });
      await collection.markDeleted('p3', { source: 's', version: 1 });
      await collection.markDeleted('p4', { source: 's', version: 1 });
      await collection.upsert('p5', { name: 'c', age: 3, email: '1' }, { source: 's', version: 1 });
      // Types stay apart: the number 1 is not the string "1".
      await collection.upsert('p6', { name: 'd', age: 4, email: 1 } as unknown as Person, {
        source: 's',
        version: 1,
      });
      expect(await collection.count()).toBe(4);
      // An explicit null is a value, as in MongoDB: a second one collides.
      await collection.upsert('p7', { name: 'e', age: 5, email: null } as unknown as Person, {
        source: 's',
        version: 1,
      });
      await expect(
        collection.upsert('p8', { name: 'f', age: 6, email: null } as unknown as Person, {
          source: 's',
          version: 1,
        }),
      ).rejects.toThrow(UniqueIndexViolationError);
    });

    it('counts all documents or those matching a filter', async () => {
      const collection = await people();
      for (let n = 0; n < 10; n++)
        await collection.upsert(
          padded(n),
          { name: n < 3 ? 'few' : 'many', age: n },
          { source: 's', version: 1 },
        );
      expect(await collection.count()).toBe(10);
      expect(await collection.count({ name: 'few' })).toBe(3);
      expect(await collection.count({ name: 'none' })).toBe(0);
    });

    it('clears a collection, tombstones included, without touching another', async () => {
      const collection = await people();
      const other = await people();
      await collection.upsert('p1', { name: 'a', age: 1 }, { source: 's', version: 5 });
      await collection.markDeleted('p2', { source: 's', version: 5 });
      await other.upsert('p1', { name: 'kept', age: 1 }, { source: 's', version: 1 });
      await collection.clear();
      expect(await collection.count()).toBe(0);
      expect(await collection.get('p1')).toBeUndefined();
      // A rebuild replays from the start: after a clear, old versions write again.
      expect(await collection.upsert('p2', { name: 'b', age: 1 }, { source: 's', version: 1 })).toBe(
        'written',
      );
      expect((await other.get('p1'))?.body.name).toBe('kept');
    });

    it('keeps the newest of 20 concurrent upserts for one id, whatever their order', async () => {
      const collection = await people();
      // Five ids at once, each with its own order, so a check-then-write race has room to show.
      const ids = ['p1', 'p2', 'p3', 'p4', 'p5'];
      const writes = ids.flatMap((id, seed) =>
        shuffled(
          [...Array(20).keys()].map((n) => n + 1),
          0x5eed + seed,
        ).map((version) => ({ id, version })),
      );
      const outcomes = await Promise.all(
        shuffled(writes, 7).map(({ id, version }) =>
          collection.upsert(id, { name: `v${version}`, age: version }, { source: 's', version }),
        ),
      );
      expect(outcomes).toContain('written');
      for (const id of ids) {
        expect(await collection.get(id)).toEqual({ id, body: { name: 'v20', age: 20 }, versions: { s: 20 } });
      }
      expect(await collection.upsert('p1', { name: 'late', age: 0 }, { source: 's', version: 19 })).toBe(
        'stale',
      );
    });

    it('writes one document under several sources in one upsertMany, each guard on its own', async () => {
      const collection = await people();
      await collection.markDeleted('p2', { source: 'b', version: 5 });
      expect(
        await collection.upsertMany([
          { id: 'p1', body: { name: 'Ada', age: 36 }, guard: { source: 'a', version: 2 } },
          { id: 'p1', body: { name: 'Ada', age: 36 }, guard: { source: 'b', version: 7 } },
          { id: 'p2', body: { name: 'Bo', age: 1 }, guard: { source: 'a', version: 1 } },
          { id: 'p2', body: { name: 'Bo', age: 1 }, guard: { source: 'b', version: 4 } },
        ]),
      ).toEqual(['written', 'written', 'written', 'stale']);
      expect(await collection.get('p1')).toEqual({
        id: 'p1',
        body: { name: 'Ada', age: 36 },
        versions: { a: 2, b: 7 },
      });
      expect((await collection.get('p2'))?.versions).toEqual({ a: 1, b: 5 });
    });

    it('applies a run of events folded in memory as it applies them one by one', async () => {
      type Visit = ProjectionEvent<'Arrived' | 'Left', { person: string; name: string }>;
      const visits: Projection<Person, Visit> = {
        collection: personSpec(),
        handles: ['Arrived', 'Left'],
        documentId: (event) => event.data.person,
        evolve: (doc, event) =>
          event.type === 'Left' ? null : { name: event.data.name, age: (doc?.age ?? 0) + 1 },
      };
      const run: Visit[] = [
        ['Arrived', 'p1', 'Ada', 0],
        ['Arrived', 'p2', 'Bo', 0],
        ['Arrived', 'p1', 'Ada', 1],
        ['Left', 'p2', 'Bo', 1],
        ['Arrived', 'p1', 'Ada', 1],
        ['Arrived', 'p3', 'Cy', 0],
        ['Left', 'p3', 'Cy', 1],
        ['Arrived', 'p3', 'Cy', 2],
      ].map(([type, person, visitor, version]) => ({
        type: type as Visit['type'],
        data: { person: String(person), name: String(visitor) },
        source: `visits-${String(person)}`,
        version: Number(version),
      }));
      const folded = await store.collection<Person>(visits.collection);
      const oneByOne = await store.collection<Person>({ ...visits.collection, name: personSpec().name });
      const outcomes = await applyEventsToReadModel(folded, visits, run);
      const expected: string[] = [];
      for (const event of run) expected.push(await applyToReadModel(oneByOne, visits, event));
      expect(outcomes).toEqual(expected);
      expect((await folded.find()).items).toEqual((await oneByOne.find()).items);
      expect(await folded.count({ name: 'Cy' })).toBe(1);
      // The same run again changes nothing.
      expect(new Set(await applyEventsToReadModel(folded, visits, run))).toEqual(new Set(['stale']));
    });

    it('keeps writes guarded and unique fields enforced in a bulk load, and answers queries after it', async () => {
      const collection = await people();
      const end = collection.beginBulkLoad ? await collection.beginBulkLoad() : async () => undefined;
      await collection.upsertMany([
        {
          id: 'p1',
          body: { name: 'Ada', age: 36, email: 'ada@example.org' },
          guard: { source: 's', version: 1 },
        },
        { id: 'p2', body: { name: 'Bo', age: 7 }, guard: { source: 's', version: 1 } },
      ]);
      expect(await collection.upsert('p1', { name: 'old', age: 1 }, { source: 's', version: 0 })).toBe(
        'stale',
      );
      await expect(
        collection.upsert(
          'p3',
          { name: 'Eve', age: 1, email: 'ada@example.org' },
          { source: 's', version: 1 },
        ),
      ).rejects.toThrow(UniqueIndexViolationError);
      await end();
      expect(ids((await collection.find({ where: { name: 'Ada' } })).items)).toEqual(['p1']);
      expect(ids((await collection.find({ sort: { field: 'age', direction: 'asc' } })).items)).toEqual([
        'p2',
        'p1',
      ]);
    });

    it('keeps its data across a close and a reopen', async () => {
      const spec = personSpec();
      const collection = await store.collection<Person>(spec);
      await collection.upsert(
        'p1',
        { name: 'Ada', age: 36, email: 'ada@example.org' },
        { source: 's', version: 3 },
      );
      await collection.markDeleted('p2', { source: 's', version: 3 });
      await store.close();
      store = await factory.open();
      const reopened = await store.collection<Person>(spec);
      expect(await reopened.get('p1')).toEqual({
        id: 'p1',
        body: { name: 'Ada', age: 36, email: 'ada@example.org' },
        versions: { s: 3 },
      });
      expect(await reopened.upsert('p1', { name: 'old', age: 1 }, { source: 's', version: 2 })).toBe('stale');
      expect(await reopened.upsert('p2', { name: 'old', age: 1 }, { source: 's', version: 2 })).toBe('stale');
      await expect(
        reopened.upsert('p3', { name: 'Eve', age: 1, email: 'ada@example.org' }, { source: 's', version: 1 }),
      ).rejects.toThrow(UniqueIndexViolationError);
    });
  });
}

/** A deterministic Fisher–Yates shuffle, so a failing order can be reproduced. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const result = [...items];
  let state = seed >>> 0;
  for (let i = result.length - 1; i > 0; i--) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    const j = state % (i + 1);
    [result[i], result[j]] = [result[j] as T, result[i] as T];
  }
  return result;
}
