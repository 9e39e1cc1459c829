import {
  applyEventsToReadModel,
  applyToReadModel,
  rebuildProjection,
  type Projection,
  type ProjectionEvent,
} from './projection';
import type { ReadModelCollection, ReadModelStore, StoredDocument } from './read-model.port';
import { SqliteReadModelStore } from './sqlite.read-model-store';

// A small example view: one document per patient, with where they live and how often they moved.
type PatientEvent =
  | ProjectionEvent<'PatientRegistered', { patientId: string; postcode: string }>
  | ProjectionEvent<'PatientMoved', { patientId: string; postcode: string }>
  | ProjectionEvent<'PatientRecordErased', { patientId: string }>
  | ProjectionEvent<'PractitionerRegistered', { practitionerId: string }>
  | ProjectionEvent<'PatientNoted', { note: string }>;

type PatientSummary = { postcode: string; moves: number };

const patientSummary: Projection<PatientSummary, PatientEvent> = {
  collection: { name: 'patient_summary_v1', indexes: [{ fields: ['postcode'] }] },
  handles: ['PatientRegistered', 'PatientMoved', 'PatientRecordErased', 'PatientNoted'],
  documentId: (event) => ('patientId' in event.data ? event.data.patientId : undefined),
  evolve: (doc, event) => {
    switch (event.type) {
      case 'PatientRegistered':
        return { postcode: event.data.postcode, moves: 0 };
      case 'PatientMoved':
        return { postcode: event.data.postcode, moves: (doc?.moves ?? 0) + 1 };
      case 'PatientRecordErased':
        return null;
      case 'PractitionerRegistered':
      case 'PatientNoted':
        return doc ?? null;
    }
  },
};

const at = <E extends PatientEvent>(
  version: number,
  event: Omit<E, 'source' | 'version'>,
  source = 'patient-stream',
): E => ({ ...event, source, version }) as E;

const history: PatientEvent[] = [
  at(0, { type: 'PatientRegistered', data: { patientId: 'a', postcode: 'LS1' } }),
  at(1, { type: 'PatientRegistered', data: { patientId: 'b', postcode: 'M1' } }),
  at(2, { type: 'PatientMoved', data: { patientId: 'a', postcode: 'LS2' } }),
  at(3, { type: 'PractitionerRegistered', data: { practitionerId: 'x' } }),
  at(4, { type: 'PatientRegistered', data: { patientId: 'c', postcode: 'LS2' } }),
  at(5, { type: 'PatientRecordErased', data: { patientId: 'b' } }),
  at(6, { type: 'PatientMoved', data: { patientId: 'a', postcode: 'LS3' } }),
  at(7, { type: 'PatientNoted', data: { note: 'no patient id' } }),
];

describe('patientSummary (pure)', () => {
  it('evolves from nothing to a document and counts moves', () => {
    const registered = patientSummary.evolve(undefined, history[0] as PatientEvent, 'a');
    expect(registered).toEqual({ postcode: 'LS1', moves: 0 });
    expect(patientSummary.evolve(registered ?? undefined, history[2] as PatientEvent, 'a')).toEqual({
      postcode: 'LS2',
      moves: 1,
    });
    expect(patientSummary.evolve({ postcode: 'M1', moves: 0 }, history[5] as PatientEvent, 'b')).toBeNull();
  });
});

describe('applyToReadModel / rebuildProjection on SQLite', () => {
  let store: ReadModelStore;
  let collection: ReadModelCollection<PatientSummary>;

  beforeEach(async () => {
    store = new SqliteReadModelStore({ filename: ':memory:' });
    collection = await store.collection<PatientSummary>(patientSummary.collection);
  });
  afterEach(async () => {
    await store.close();
  });

  async function applyAll(events: readonly PatientEvent[]): Promise<string[]> {
    const outcomes: string[] = [];
    for (const event of events) outcomes.push(await applyToReadModel(collection, patientSummary, event));
    return outcomes;
  }
  async function everything(): Promise<StoredDocument<PatientSummary>[]> {
    return (await collection.find()).items;
  }

  it('applies a history into documents', async () => {
    expect(await applyAll(history)).toEqual([
      'written',
      'written',
      'written',
      'ignored',
      'written',
      'deleted',
      'written',
      'ignored',
    ]);
    expect(await everything()).toEqual([
      { id: 'a', body: { postcode: 'LS3', moves: 2 }, versions: { 'patient-stream': 6 } },
      { id: 'c', body: { postcode: 'LS2', moves: 0 }, versions: { 'patient-stream': 4 } },
    ]);
    expect((await collection.find({ where: { postcode: 'LS3' } })).items.map((doc) => doc.id)).toEqual(['a']);
  });

  it('yields the same documents when every event is applied twice (replay-twice)', async () => {
    await applyAll(history);
    const once = await everything();
    await store.close();
    store = new SqliteReadModelStore({ filename: ':memory:' });
    collection = await store.collection<PatientSummary>(patientSummary.collection);

    const outcomes = await applyAll(history.flatMap((event) => [event, event]));
    expect(
      outcomes
        .filter((_, position) => position % 2 === 1)
        .every((outcome) => outcome === 'stale' || outcome === 'ignored'),
    ).toBe(true);
    expect(await everything()).toEqual(once);

    // and the whole history replayed again after the fact changes nothing
    expect((await applyAll(history)).every((outcome) => outcome === 'stale' || outcome === 'ignored')).toBe(
      true,
    );
    expect(await everything()).toEqual(once);
  });

  it('does not let a replayed older event resurrect a deleted document', async () => {
    await applyAll(history);
    expect(await collection.get('b')).toBeUndefined();
    expect(await applyAll([history[1] as PatientEvent])).toEqual(['stale']);
    expect(await collection.get('b')).toBeUndefined();
    expect(await collection.count({ postcode: 'M1' })).toBe(0);
  });

  it('keeps a document out when its deletion arrives before its older events', async () => {
    const [registered, , , , , erased] = history as [
      PatientEvent,
      PatientEvent,
      PatientEvent,
      PatientEvent,
      PatientEvent,
      PatientEvent,
    ];
    expect(await applyAll([erased])).toEqual(['deleted']);
    expect(await applyAll([history[1] as PatientEvent, registered])).toEqual(['stale', 'written']);
    expect((await everything()).map((doc) => doc.id)).toEqual(['a']);
  });

  it('writes a document again after its deletion when a newer event comes', async () => {
    await applyAll(history);
    const reRegistered = at(8, { type: 'PatientRegistered', data: { patientId: 'b', postcode: 'M2' } });
    expect(await applyAll([reRegistered])).toEqual(['written']);
    expect(await collection.get('b')).toEqual({
      id: 'b',
      body: { postcode: 'M2', moves: 0 },
      versions: { 'patient-stream': 8 },
    });
  });

  it('rebuilds from scratch, dropping what the events no longer support', async () => {
    await applyAll(history);
    const expected = await everything();
    await collection.upsert('orphan', { postcode: 'ZZ1', moves: 9 }, { source: 'elsewhere', version: 1 });

    async function* replay(): AsyncIterable<PatientEvent> {
      yield* history;
    }
    const report = await rebuildProjection(collection, patientSummary, replay());
    expect(report).toEqual({ written: 5, deleted: 1, stale: 0, ignored: 2 });
    expect(await everything()).toEqual(expected);

    // Rebuilding twice is the same as once.
    await rebuildProjection(collection, patientSummary, history);
    expect(await everything()).toEqual(expected);
  });
});

// A view one event changes several documents of: a household move re-addresses every member.
type MemberEvent =
  | ProjectionEvent<'MemberJoined', { memberId: string; postcode: string }>
  | ProjectionEvent<'HouseholdMoved', { memberIds: string[]; postcode: string }>;
type MemberAddress = { memberId: string; postcode: string };

const memberAddresses: Projection<MemberAddress, MemberEvent> = {
  collection: { name: 'member_address_v1', indexes: [{ fields: ['postcode'] }] },
  handles: ['MemberJoined', 'HouseholdMoved'],
  documentId: (event) => (event.type === 'MemberJoined' ? event.data.memberId : event.data.memberIds),
  evolve: (doc, event, id) =>
    event.type === 'MemberJoined'
      ? { memberId: id, postcode: event.data.postcode }
      : doc
        ? { ...doc, postcode: event.data.postcode }
        : null,
};

describe('applyToReadModel with an event that changes several documents', () => {
  let store: ReadModelStore;
  let collection: ReadModelCollection<MemberAddress>;
  beforeEach(async () => {
    store = new SqliteReadModelStore({ filename: ':memory:' });
    collection = await store.collection<MemberAddress>(memberAddresses.collection);
  });
  afterEach(async () => {
    await store.close();
  });

  it('evolves every document the event names, each with its own id, and replays harmlessly', async () => {
    const events: MemberEvent[] = [
      { type: 'MemberJoined', data: { memberId: 'a', postcode: 'LS1' }, source: 'a', version: 0 },
      { type: 'MemberJoined', data: { memberId: 'b', postcode: 'LS1' }, source: 'b', version: 0 },
      {
        type: 'HouseholdMoved',
        data: { memberIds: ['a', 'b', 'c'], postcode: 'M1' },
        source: 'household',
        version: 0,
      },
    ];
    const outcomes = [];
    for (const event of events) outcomes.push(await applyToReadModel(collection, memberAddresses, event));
    expect(outcomes).toEqual(['written', 'written', 'written']);
    expect(await applyToReadModel(collection, memberAddresses, events[2])).toBe('stale');
    const page = await collection.find({ where: { postcode: 'M1' } });
    expect(page.items.map((item) => item.body)).toEqual([
      { memberId: 'a', postcode: 'M1' },
      { memberId: 'b', postcode: 'M1' },
    ]);
    expect(await collection.get('c')).toBeUndefined();
  });

  it('ignores an event that names no document', async () => {
    const event: MemberEvent = {
      type: 'HouseholdMoved',
      data: { memberIds: [], postcode: 'M1' },
      source: 'household',
      version: 0,
    };
    expect(await applyToReadModel(collection, memberAddresses, event)).toBe('ignored');
  });
});

describe('applyEventsToReadModel (a run of events, one read and one write)', () => {
  let store: ReadModelStore;
  let collection: ReadModelCollection<PatientSummary>;
  beforeEach(async () => {
    store = new SqliteReadModelStore({ filename: ':memory:' });
    collection = await store.collection<PatientSummary>(patientSummary.collection);
  });
  afterEach(async () => {
    await store.close();
  });

  /** What applying the events one by one gives, in a store of its own. */
  async function oneByOne(
    events: readonly PatientEvent[],
    before: readonly PatientEvent[] = [],
  ): Promise<{ outcomes: string[]; documents: StoredDocument<PatientSummary>[] }> {
    const own = new SqliteReadModelStore({ filename: ':memory:' });
    const ownCollection = await own.collection<PatientSummary>(patientSummary.collection);
    for (const event of before) await applyToReadModel(ownCollection, patientSummary, event);
    const outcomes: string[] = [];
    for (const event of events) outcomes.push(await applyToReadModel(ownCollection, patientSummary, event));
    const documents = (await ownCollection.find()).items;
    await own.close();
    return { outcomes, documents };
  }

  it('gives the outcomes and documents of applying the events one by one', async () => {
    const outcomes = await applyEventsToReadModel(collection, patientSummary, history);
    expect({ outcomes, documents: (await collection.find()).items }).toEqual(await oneByOne(history));
  });

  it('gives the same when the history is split into runs', async () => {
    const outcomes = [
      ...(await applyEventsToReadModel(collection, patientSummary, history.slice(0, 3))),
      ...(await applyEventsToReadModel(collection, patientSummary, history.slice(3, 6))),
      ...(await applyEventsToReadModel(collection, patientSummary, history.slice(6))),
    ];
    expect({ outcomes, documents: (await collection.find()).items }).toEqual(await oneByOne(history));
  });

  it('counts duplicates within a run and a whole replayed run as stale', async () => {
    const twice = history.flatMap((event) => [event, event]);
    const outcomes = await applyEventsToReadModel(collection, patientSummary, twice);
    expect({ outcomes, documents: (await collection.find()).items }).toEqual(await oneByOne(twice));
    const replayed = await applyEventsToReadModel(collection, patientSummary, history);
    expect(replayed.every((outcome) => outcome === 'stale' || outcome === 'ignored')).toBe(true);
    expect((await collection.find()).items).toEqual((await oneByOne(history)).documents);
  });

  it('writes a document again after a deletion in an earlier run, and keeps a deletion in the same run', async () => {
    await applyEventsToReadModel(collection, patientSummary, history);
    const more: PatientEvent[] = [
      at(8, { type: 'PatientRegistered', data: { patientId: 'b', postcode: 'M2' } }),
      at(9, { type: 'PatientMoved', data: { patientId: 'b', postcode: 'M3' } }),
      at(10, { type: 'PatientRecordErased', data: { patientId: 'a' } }),
    ];
    const outcomes = await applyEventsToReadModel(collection, patientSummary, more);
    expect({ outcomes, documents: (await collection.find()).items }).toEqual(await oneByOne(more, history));
    expect(outcomes).toEqual(['written', 'written', 'deleted']);
  });

  it("counts a document's events as stale when the store refuses its write (a newer tombstone)", async () => {
    await collection.markDeleted('a', { source: 'patient-stream', version: 20 });
    const outcomes = await applyEventsToReadModel(collection, patientSummary, history.slice(0, 3));
    expect(outcomes).toEqual(['stale', 'written', 'stale']);
    expect((await collection.find()).items.map((doc) => doc.id)).toEqual(['b']);
  });

  it('reads nothing and writes nothing for a run it ignores', async () => {
    const getMany = jest.spyOn(collection, 'getMany');
    const upsertMany = jest.spyOn(collection, 'upsertMany');
    const ignored = [history[3], history[7]] as PatientEvent[];
    expect(await applyEventsToReadModel(collection, patientSummary, ignored)).toEqual(['ignored', 'ignored']);
    expect(upsertMany).not.toHaveBeenCalled();
    expect(getMany).not.toHaveBeenCalled();
  });

  it('reads once and writes once for a run over many documents', async () => {
    const getMany = jest.spyOn(collection, 'getMany');
    const upsertMany = jest.spyOn(collection, 'upsertMany');
    const registrations = Array.from({ length: 1_500 }, (_, index) =>
      at(index, { type: 'PatientRegistered', data: { patientId: `p${index}`, postcode: 'LS1' } }),
    );
    await applyEventsToReadModel(collection, patientSummary, registrations);
    // getMany takes 1,000 ids at most.
    expect(getMany).toHaveBeenCalledTimes(2);
    expect(upsertMany).toHaveBeenCalledTimes(1);
    expect(await collection.count({ postcode: 'LS1' })).toBe(1_500);
  });

  it('folds an event over several documents, guarding each source separately', async () => {
    const members = await store.collection<MemberAddress>(memberAddresses.collection);
    const events: MemberEvent[] = [
      { type: 'MemberJoined', data: { memberId: 'a', postcode: 'LS1' }, source: 'a', version: 0 },
      { type: 'MemberJoined', data: { memberId: 'b', postcode: 'LS1' }, source: 'b', version: 0 },
      {
        type: 'HouseholdMoved',
        data: { memberIds: ['a', 'b', 'c', 'a'], postcode: 'M1' },
        source: 'household',
        version: 0,
      },
      {
        type: 'HouseholdMoved',
        data: { memberIds: ['c'], postcode: 'M2' },
        source: 'household',
        version: 1,
      },
    ];
    expect(await applyEventsToReadModel(members, memberAddresses, events)).toEqual([
      'written',
      'written',
      'written',
      'deleted',
    ]);
    expect((await members.find()).items).toEqual([
      { id: 'a', body: { memberId: 'a', postcode: 'M1' }, versions: { a: 0, household: 0 } },
      { id: 'b', body: { memberId: 'b', postcode: 'M1' }, versions: { b: 0, household: 0 } },
    ]);
    expect(await applyEventsToReadModel(members, memberAddresses, events.slice(2, 3))).toEqual(['stale']);
  });
});
