import { applyToReadModel, SqliteReadModelStore } from '@ilinks/platform/read-models';
import type { EntryVersion } from '@ilinks/record-projection/domain';
import { entriesProjection, entryOf, type EntryDocument } from './entries.projection';

const entryId = '6f1c1b8e-4a8e-5d6e-9b4e-2b8f3c1d2e3f';
const source = `record.entry-${entryId}`;
const version: EntryVersion = {
  entryId,
  revision: 1,
  organisation: 'RBS',
  recordedBy: { subject: 'system-1', role: 'system' },
  resourceType: 'Condition',
  partnerId: 'cond-1',
  subject: { system: 'mrn', value: 'AH-1' },
  part: 'problems',
  effectiveAt: '2020-01-01',
  codes: [{ system: 'http://snomed.info/sct', code: '195967001' }],
  unknownCodeSystems: false,
  resource: { resourceType: 'Condition', id: 'cond-1' },
  recordedAt: '2026-11-26T10:00:00.000Z',
  changedAt: '2026-11-26T10:00:00.000Z',
};

type Event = Parameters<typeof entriesProjection.evolve>[1];

const events: Event[] = [
  { type: 'RecordEntryRecorded', data: version, source, version: 0 },
  {
    type: 'RecordEntryRevised',
    data: { ...version, revision: 2, part: 'medications', changedAt: '2026-11-27T10:00:00.000Z' },
    source,
    version: 1,
  },
  {
    type: 'RecordEntryEnteredInError',
    data: {
      entryId,
      revision: 3,
      organisation: 'RBS',
      recordedBy: { subject: 'user-2', role: 'practitioner' },
      resourceType: 'Condition',
      part: 'medications',
      patientContributed: false,
      changedAt: '2026-11-28T10:00:00.000Z',
    },
    source,
    version: 2,
  },
];

const fold = (list: readonly Event[]): EntryDocument | undefined =>
  list.reduce<EntryDocument | undefined>(
    (doc, event) => entriesProjection.evolve(doc, event, entryId) ?? undefined,
    undefined,
  );

describe('entriesProjection', () => {
  it('keeps the first version with its subject key', () => {
    expect(fold(events.slice(0, 1))).toMatchObject({
      entryId,
      revision: 1,
      status: 'current',
      lastUpdated: '2026-11-26T10:00:00.000Z',
      subjectKey: 'mrn|AH-1',
    });
  });

  it('replaces the content with a revision', () => {
    expect(fold(events.slice(0, 2))).toMatchObject({ revision: 2, part: 'medications' });
  });

  it('marks an entry entered-in-error, keeping its content', () => {
    expect(fold(events)).toMatchObject({
      revision: 3,
      status: 'entered-in-error',
      part: 'medications',
      lastUpdated: '2026-11-28T10:00:00.000Z',
    });
  });

  it('serves the entry without the view key', () => {
    const doc = fold(events.slice(0, 1));
    expect(doc && entryOf(doc)).not.toHaveProperty('subjectKey');
  });

  it('gives the same view when the events are replayed twice', async () => {
    const store = new SqliteReadModelStore({ filename: ':memory:' });
    const collection = await store.collection<EntryDocument>(entriesProjection.collection);
    for (const event of events) await applyToReadModel(collection, entriesProjection, event);
    const once = await collection.get(entryId);
    const outcomes = [];
    for (const event of events) outcomes.push(await applyToReadModel(collection, entriesProjection, event));
    expect(outcomes).toEqual(['stale', 'stale', 'stale']);
    expect(await collection.get(entryId)).toEqual(once);
    expect(once?.body).toEqual(fold(events));
    await store.close();
  });
});
