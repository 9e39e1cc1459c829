import { type MergeSource, mergedPage } from './merged-page';
import type { DocumentBody } from './read-model.port';
import { SqliteReadModelStore } from './sqlite.read-model-store';

type Doc = DocumentBody & { a: string | null; b: string | null; at: string };

describe('mergedPage', () => {
  const store = new SqliteReadModelStore({ filename: ':memory:' });
  const spec = { name: 'merged_spec', indexes: [{ fields: ['a', 'at'] }, { fields: ['b', 'at'] }] };
  const sources: MergeSource[] = [
    { key: 'a', where: { a: 'x' } },
    { key: 'b', where: { b: 'y' } },
  ];

  beforeAll(async () => {
    const collection = await store.collection<Doc>(spec);
    const docs: [string, Doc][] = [
      ['d1', { a: 'x', b: null, at: '2026-01-01' }],
      ['d2', { a: null, b: 'y', at: '2026-01-02' }],
      ['d3', { a: 'x', b: 'y', at: '2026-01-03' }],
      ['d4', { a: 'x', b: null, at: '2026-01-04' }],
      ['d5', { a: null, b: 'y', at: '2026-01-05' }],
      ['d6', { a: 'z', b: 'w', at: '2026-01-06' }],
    ];
    for (const [id, body] of docs) await collection.upsert(id, body, { source: 's', version: 1 });
  });

  afterAll(() => store.close());

  async function all(limit: number): Promise<string[][]> {
    const collection = await store.collection<Doc>(spec);
    const pages: string[][] = [];
    let cursor: string | undefined;
    do {
      const page = await mergedPage(collection, sources, 'at', limit, cursor);
      pages.push(page.items.map((item) => item.at));
      cursor = page.nextCursor;
    } while (cursor !== undefined && pages.length < 10);
    return pages;
  }

  it('merges the queries newest first, each document once', async () => {
    expect((await all(10)).flat()).toEqual([
      '2026-01-05',
      '2026-01-04',
      '2026-01-03',
      '2026-01-02',
      '2026-01-01',
    ]);
  });

  it.each([1, 2, 3])('pages with limit %i without losing or repeating any', async (limit) => {
    const pages = await all(limit);
    expect(pages.flat()).toEqual(['2026-01-05', '2026-01-04', '2026-01-03', '2026-01-02', '2026-01-01']);
    expect(pages.every((page) => page.length <= limit)).toBe(true);
  });

  it('refuses a cursor it did not give', async () => {
    const collection = await store.collection<Doc>(spec);
    await expect(mergedPage(collection, sources, 'at', 2, 'not-a-cursor')).rejects.toMatchObject({
      issues: [{ path: 'cursor' }],
    });
  });
});
