import type { Demographics } from '@ilinks/identity-matching/domain';
import {
  applyToReadModel,
  type DocumentBody,
  type Projection,
  type ProjectionEvent,
  type ReadModelStore,
  SqliteReadModelStore,
} from '@ilinks/platform/read-models';
import {
  blockingEntryId,
  blockingIndexProjection,
  blockingKeyHash,
} from './blocking-index/blocking-index.projection';
import { knownDifferentProjection } from './known-different/known-different.projection';
import { localRecordsProjection } from './local-records-view/local-records.projection';
import { matchReviewsProjection } from './match-reviews/match-reviews.projection';
import { personsProjection } from './persons-view/persons.projection';

const at = '2026-11-26T10:00:00.000Z';
const amelia: Demographics = {
  nhsNumber: '9434765919',
  names: [{ family: 'Hartley', given: ['Amelia'] }],
  birthDate: '1984-03-14',
  gender: 'female',
  addresses: [{ lines: ['12 Rodney Street'], postcode: 'L1 9EF' }],
  telecom: [],
};
const moved: Demographics = { ...amelia, addresses: [{ lines: ['40 Bold Street'], postcode: 'L1 4DS' }] };

let revision = 0;
function event(source: string, type: string, data: unknown): ProjectionEvent {
  return { type, data, source, version: revision++ };
}

const lr1 = '00000000-0000-4000-8000-000000000001';
const lr2 = '00000000-0000-4000-8000-000000000002';
const p1 = '10000000-0000-4000-8000-000000000001';
const p2 = '10000000-0000-4000-8000-000000000002';
const identifier = { system: 'https://h.example/mrn', value: 'H1' };

/** The history of a record, its person, a second person merged in and out, and a review. */
const history: ProjectionEvent[] = [
  event('identity.local-record-1', 'LocalRecordRegistered', {
    localRecordId: lr1,
    organisation: 'RBS',
    identifier,
    demographics: amelia,
    registeredAt: at,
  }),
  event('identity.person-1', 'PersonRegistered', {
    personId: p1,
    localRecordId: lr1,
    method: 'new-person',
    registeredAt: at,
  }),
  event('identity.local-record-2', 'LocalRecordRegistered', {
    localRecordId: lr2,
    organisation: 'LA001',
    identifier: { system: 'https://council.example/client', value: 'A1' },
    demographics: amelia,
    registeredAt: at,
  }),
  event('identity.person-2', 'PersonRegistered', {
    personId: p2,
    localRecordId: lr2,
    method: 'new-person',
    registeredAt: at,
  }),
  event('identity.match-review-1', 'MatchReviewRaised', {
    reviewId: 'r1',
    localRecordId: lr2,
    organisation: 'LA001',
    personId: p2,
    candidates: [{ personId: p1, score: 0.9, grade: 'probable', reasons: [], explanation: [] }],
    raisedAt: at,
  }),
  event('identity.match-review-1', 'MatchReviewResolved', {
    reviewId: 'r1',
    localRecordId: lr2,
    personId: p2,
    decision: 'same-person',
    samePersonId: p1,
    mergeId: 'review-r1',
    differentPersonIds: [],
    reason: 'same',
    resolvedBy: 'ig',
    resolvedAt: at,
  }),
  event('identity.person-1', 'PersonMerged', {
    personId: p1,
    mergedPersonId: p2,
    mergeId: 'review-r1',
    localRecordIds: [lr2],
    reason: 'same',
    mergedAt: at,
  }),
  event('identity.person-2', 'PersonRetired', {
    personId: p2,
    mergedInto: p1,
    mergeId: 'review-r1',
    localRecordIds: [lr2],
    retiredAt: at,
  }),
  event('identity.person-1', 'PersonMergeUndone', {
    personId: p1,
    mergeId: 'review-r1',
    mergedPersonId: p2,
    localRecordIds: [lr2],
    reason: 'error',
    undoneAt: at,
  }),
  event('identity.person-2', 'PersonRestored', {
    personId: p2,
    mergeId: 'review-r1',
    localRecordIds: [lr2],
    restoredAt: at,
  }),
  event('identity.local-record-1', 'LocalRecordDemographicsUpdated', {
    localRecordId: lr1,
    demographics: moved,
    previousDemographics: amelia,
    updatedAt: at,
  }),
];

async function project<T extends DocumentBody>(
  projection: Projection<T, ProjectionEvent>,
  events: readonly ProjectionEvent[],
  times = 1,
): Promise<Record<string, T>> {
  const store: ReadModelStore = new SqliteReadModelStore({ filename: ':memory:' });
  try {
    const collection = await store.collection<T>(projection.collection);
    for (let pass = 0; pass < times; pass += 1)
      for (const each of events) await applyToReadModel(collection, projection, each);
    const page = await collection.find({ limit: 1000 });
    return Object.fromEntries(page.items.map((item) => [item.id, item.body]));
  } finally {
    await store.close();
  }
}

describe.each([
  ['local records', localRecordsProjection],
  ['blocking index', blockingIndexProjection],
  ['persons', personsProjection],
  ['known different', knownDifferentProjection],
  ['match reviews', matchReviewsProjection],
] as const)('%s projection', (_name, projection) => {
  it('yields the same documents when every event is applied twice (replay-twice)', async () => {
    const typed = projection as unknown as Projection<DocumentBody, ProjectionEvent>;
    expect(await project(typed, history, 2)).toEqual(await project(typed, history));
  });
});

describe('local records projection', () => {
  it('follows each record to its person through a merge and its undoing', async () => {
    const merged = await project(localRecordsProjection, history.slice(0, 7));
    expect(merged[lr2]).toMatchObject({ personId: p1, nhsNumber: '9434765919', organisation: 'LA001' });
    const undone = await project(localRecordsProjection, history);
    expect(undone[lr2].personId).toBe(p2);
    expect(undone[lr1]).toMatchObject({ personId: p1, demographics: moved });
  });
});

describe('blocking index projection', () => {
  it('drops the keys a record lost in an update and keeps the ones it still has', async () => {
    const entries = await project(blockingIndexProjection, history);
    const ofRecord1 = Object.values(entries)
      .filter((entry) => entry.localRecordId === lr1)
      .map((entry) => entry.keyHash);
    expect(ofRecord1).toContain(blockingKeyHash('pc:L14DS-A'));
    expect(ofRecord1).not.toContain(blockingKeyHash('pc:L19EF-A'));
    expect(ofRecord1).toContain(blockingKeyHash('nhs:9434765919'));
    expect(entries[blockingEntryId(blockingKeyHash('dob:1984-03-14'), lr2)]).toBeDefined();
  });

  it('holds no key in clear', async () => {
    const entries = await project(blockingIndexProjection, history);
    expect(JSON.stringify(entries)).not.toMatch(/9434765919|1984-03-14|L1 ?9EF/);
  });
});

describe('persons projection', () => {
  it('folds each person with the decider: merged, restored, each holding its own records', async () => {
    const persons = await project(personsProjection, history);
    expect(persons[p1].state).toMatchObject({
      status: 'active',
      linkedLocalRecords: [expect.objectContaining({ localRecordId: lr1 })],
      merges: [expect.objectContaining({ mergeId: 'review-r1', undone: true })],
    });
    expect(persons[p2].state).toMatchObject({
      status: 'active',
      linkedLocalRecords: [expect.objectContaining({ localRecordId: lr2 })],
    });
  });
});

describe('known different projection', () => {
  it('remembers an undone merge both ways round', async () => {
    const pairs = await project(knownDifferentProjection, history);
    expect(Object.values(pairs)).toEqual(
      expect.arrayContaining([
        { subject: p1, other: p2 },
        { subject: p2, other: p1 },
      ]),
    );
  });
});

describe('match reviews projection', () => {
  it('shows a review open, then resolved with its decision', async () => {
    const open = await project(matchReviewsProjection, history.slice(0, 5));
    expect(open.r1).toMatchObject({ status: 'open', personId: p2, localRecordId: lr2 });
    const resolved = await project(matchReviewsProjection, history);
    expect(resolved.r1).toMatchObject({
      status: 'resolved',
      resolution: { decision: 'same-person', personId: p1, mergeId: 'review-r1', resolvedBy: 'ig' },
    });
  });
});
