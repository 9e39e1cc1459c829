import {
  applyToReadModel,
  type ProjectionEvent,
  type ReadModelCollection,
  SqliteReadModelStore,
} from '@ilinks/platform/read-models';
import {
  governingPersonOf,
  type PersonMerge,
  personAndMergedOf,
  personMergesProjection,
} from './person-merges.projection';

const survivor = '10000000-0000-4000-8000-000000000001';
const merged = '10000000-0000-4000-8000-000000000002';
const at = '2026-01-01T00:00:00.000Z';

const mergeEvent = (
  type: 'ilinks.identity.persons-merged.v1' | 'ilinks.identity.persons-merge-undone.v1',
  mergeId: string,
  version: number,
): ProjectionEvent => ({
  type,
  data:
    type === 'ilinks.identity.persons-merged.v1'
      ? { personId: survivor, mergedPersonId: merged, mergeId, localRecordIds: [], mergedAt: at }
      : { personId: survivor, mergedPersonId: merged, mergeId, localRecordIds: [], undoneAt: at },
  source: `/ilinks/identity-matching#${survivor}`,
  version,
});

describe('person_merges_v1', () => {
  let store: SqliteReadModelStore;
  let merges: ReadModelCollection<PersonMerge>;
  const apply = (event: ProjectionEvent) => applyToReadModel(merges, personMergesProjection, event);

  beforeEach(async () => {
    store = new SqliteReadModelStore({ filename: ':memory:' });
    merges = await store.collection(personMergesProjection.collection);
  });
  afterEach(() => store.close());

  it('keeps the survivor of a merge, the same after a replay', async () => {
    for (let pass = 0; pass < 2; pass += 1)
      await apply(mergeEvent('ilinks.identity.persons-merged.v1', 'm1', 3));
    expect((await merges.get(merged))?.body).toEqual({
      mergedPersonId: merged,
      survivorId: survivor,
      mergeId: 'm1',
    });
  });

  it('has no survivor once the merge is undone', async () => {
    await apply(mergeEvent('ilinks.identity.persons-merged.v1', 'm1', 3));
    await apply(mergeEvent('ilinks.identity.persons-merge-undone.v1', 'm1', 4));
    expect((await merges.get(merged))?.body.survivorId).toBeNull();
  });

  it('keeps a later merge when an earlier one is undone', async () => {
    await apply(mergeEvent('ilinks.identity.persons-merged.v1', 'm2', 5));
    await apply(mergeEvent('ilinks.identity.persons-merge-undone.v1', 'm1', 6));
    expect((await merges.get(merged))?.body.survivorId).toBe(survivor);
  });

  it('ignores the undoing of a merge it never saw', async () => {
    await apply(mergeEvent('ilinks.identity.persons-merge-undone.v1', 'm1', 4));
    expect(await merges.get(merged)).toBeUndefined();
  });
});

describe('governingPersonOf', () => {
  const steps = (links: Record<string, string>) => async (id: string) => links[id];

  it('is the person itself when not merged', async () => {
    expect(await governingPersonOf('a', steps({}))).toBe('a');
  });

  it('follows a chain of merges to its end', async () => {
    expect(await governingPersonOf('a', steps({ a: 'b', b: 'c' }))).toBe('c');
  });

  it('stops at a cycle instead of looping', async () => {
    expect(await governingPersonOf('a', steps({ a: 'b', b: 'a' }))).toBe('b');
  });
});

describe('personAndMergedOf', () => {
  const into = (links: Record<string, string[]>) => async (id: string) => links[id] ?? [];

  it('is only the person when nobody was merged into it', async () => {
    expect(await personAndMergedOf('c', into({}))).toEqual(['c']);
  });

  it('finds persons merged in directly and through a chain, the person first', async () => {
    expect(await personAndMergedOf('c', into({ c: ['b', 'd'], b: ['a'] }))).toEqual(['c', 'b', 'd', 'a']);
  });

  it('stops at a cycle', async () => {
    expect(await personAndMergedOf('a', into({ a: ['b'], b: ['a'] }))).toEqual(['a', 'b']);
  });
});
