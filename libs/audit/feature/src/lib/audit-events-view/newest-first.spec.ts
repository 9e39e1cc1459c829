import { type ReadModelCollection, SqliteReadModelStore } from '@ilinks/platform/read-models';
import { findNewestFirst } from './newest-first';

type Doc = { recordedAt: string; agent: string };

describe('findNewestFirst', () => {
  let store: SqliteReadModelStore;
  let docs: ReadModelCollection<Doc>;
  // r00 … r29, one a minute from 09:00, two agents alternating.
  const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 9, minute)).toISOString();

  beforeAll(async () => {
    store = new SqliteReadModelStore({ filename: ':memory:' });
    docs = await store.collection<Doc>({
      name: 'docs_v1',
      indexes: [{ fields: ['recordedAt'] }, { fields: ['agent', 'recordedAt'] }],
    });
    for (let minute = 0; minute < 30; minute += 1) {
      const id = `r${String(minute).padStart(2, '0')}`;
      await docs.upsert(
        id,
        { recordedAt: at(minute), agent: minute % 2 === 0 ? 'even' : 'odd' },
        { source: 's', version: minute },
      );
    }
  });

  afterAll(() => store.close());

  const ids = (page: { items: { id: string }[] }) => page.items.map((item) => item.id);
  const range = (from: number, to: number) =>
    Array.from({ length: from - to + 1 }, (_, index) => `r${String(from - index).padStart(2, '0')}`);

  it('returns the newest first, a full page and a cursor', async () => {
    const page = await findNewestFirst(docs, { where: {}, limit: 5 });
    expect(ids(page)).toEqual(range(29, 25));
    expect(page.nextCursor).toBeDefined();
  });

  it('follows the cursor to the end, then gives none', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await findNewestFirst(docs, { where: {}, limit: 7, ...(cursor ? { cursor } : {}) });
      seen.push(...ids(page));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(range(29, 0));
  });

  it('skips documents at or after `until` and still fills the page', async () => {
    const page = await findNewestFirst(docs, { where: {}, until: at(20), limit: 4 });
    expect(ids(page)).toEqual(range(19, 16));
    const next = await findNewestFirst(docs, { where: {}, until: at(20), limit: 4, cursor: page.nextCursor });
    expect(ids(next)).toEqual(range(15, 12));
  });

  it('stops at the first document before `since`, with no cursor', async () => {
    const page = await findNewestFirst(docs, { where: {}, since: at(27), limit: 10 });
    expect(ids(page)).toEqual(range(29, 27));
    expect(page.nextCursor).toBeUndefined();
  });

  it('applies both bounds with an equality filter', async () => {
    const page = await findNewestFirst(docs, {
      where: { agent: 'even' },
      since: at(10),
      until: at(16),
      limit: 10,
    });
    expect(ids(page)).toEqual(['r14', 'r12', 'r10']);
    expect(page.nextCursor).toBeUndefined();
  });
});
