import {
  applyToReadModel,
  type ProjectionEvent,
  type ReadModelCollection,
  SqliteReadModelStore,
} from '@ilinks/platform/read-models';
import {
  type IdentityLocalRecord,
  identityLocalRecordsProjection,
} from './identity-local-records.projection';
import { type IdentityMerge, identityMergesProjection } from './identity-merges.projection';

const record = '00000000-0000-4000-8000-000000000001';
const survivor = '10000000-0000-4000-8000-000000000001';
const merged = '10000000-0000-4000-8000-000000000002';
const at = '2026-01-01T00:00:00.000Z';

const registered = {
  type: 'ilinks.identity.local-record-registered.v1' as const,
  data: {
    localRecordId: record,
    organisation: 'RBS',
    identifier: { system: 's', value: 'v' },
    registeredAt: at,
  },
  source: `/ilinks/identity-matching#${record}`,
  version: 0,
};
const linked = (personId: string | null, version: number) => ({
  type: 'ilinks.identity.local-record-person-changed.v1' as const,
  data: { localRecordId: record, personId, change: 'linked' as const, changedAt: at },
  source: `/ilinks/identity-matching/person-links#${record}`,
  version,
});
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

describe('identity facts', () => {
  let store: SqliteReadModelStore;
  let localRecords: ReadModelCollection<IdentityLocalRecord>;
  let merges: ReadModelCollection<IdentityMerge>;

  beforeEach(async () => {
    store = new SqliteReadModelStore({ filename: ':memory:' });
    localRecords = await store.collection(identityLocalRecordsProjection.collection);
    merges = await store.collection(identityMergesProjection.collection);
  });
  afterEach(() => store.close());

  it('keeps who holds a record and whose it is now, the same after a replay', async () => {
    for (let pass = 0; pass < 2; pass += 1) {
      for (const event of [registered, linked(survivor, 5)]) {
        await applyToReadModel(localRecords, identityLocalRecordsProjection, event);
      }
    }
    expect((await localRecords.get(record))?.body).toEqual({
      localRecordId: record,
      organisation: 'RBS',
      since: at,
      personId: survivor,
    });
  });

  it('forgets the person after an unlink', async () => {
    await applyToReadModel(localRecords, identityLocalRecordsProjection, registered);
    await applyToReadModel(localRecords, identityLocalRecordsProjection, linked(survivor, 5));
    await applyToReadModel(localRecords, identityLocalRecordsProjection, linked(null, 6));
    expect((await localRecords.get(record))?.body.personId).toBeNull();
  });

  it('remembers a merge until it is undone, and a replayed merge does not bring it back', async () => {
    const apply = (event: ProjectionEvent) =>
      applyToReadModel(
        merges,
        identityMergesProjection,
        event as Parameters<typeof identityMergesProjection.evolve>[1],
      );
    await apply(mergeEvent('ilinks.identity.persons-merged.v1', 'm1', 3));
    expect((await merges.get(merged))?.body).toEqual({
      mergedPersonId: merged,
      survivorId: survivor,
      mergeId: 'm1',
    });
    await apply(mergeEvent('ilinks.identity.persons-merge-undone.v1', 'm1', 4));
    expect(await merges.get(merged)).toBeUndefined();
    await apply(mergeEvent('ilinks.identity.persons-merged.v1', 'm1', 3));
    expect(await merges.get(merged)).toBeUndefined();
  });

  it('keeps a later merge when an earlier one is undone', async () => {
    const evolve = identityMergesProjection.evolve;
    const later = { mergedPersonId: merged, survivorId: survivor, mergeId: 'm2' };
    const undo = mergeEvent('ilinks.identity.persons-merge-undone.v1', 'm1', 9) as Parameters<
      typeof evolve
    >[1];
    expect(evolve(later, undo, merged)).toEqual(later);
  });
});
