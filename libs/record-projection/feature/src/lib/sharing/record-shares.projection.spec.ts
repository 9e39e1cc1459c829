import { applyToReadModel, SqliteReadModelStore } from '@ilinks/platform/read-models';
import { type ShareDocument, recordSharesProjection, shareOf } from './record-shares.projection';

const shareId = '7a2d3c4b-5e6f-5a70-8b91-0c1d2e3f4a5b';
const source = `record.share-${shareId}`;
const item = {
  entryId: '0c9f6a4e-1b2c-5d3e-8f40-123456789abc',
  revision: 1,
  resourceType: 'Condition',
  organisation: 'RBS',
  resource: { resourceType: 'Condition', id: 'c1' },
  annotations: [],
};

type Event = Parameters<typeof recordSharesProjection.evolve>[1];

const shared: Event = {
  type: 'RecordItemsShared',
  data: {
    shareId,
    personId: '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b',
    organisation: 'RBS',
    sharedBy: { subject: 'dr-jones', role: 'practitioner' },
    recipient: { organisation: 'Y12345', team: 'district-nursing' },
    note: 'For follow-up.',
    items: [item],
    sharedAt: '2026-11-26T10:00:00.000Z',
  },
  source,
  version: 0,
};
const read: Event = {
  type: 'RecordShareRead',
  data: {
    shareId,
    organisation: 'Y12345',
    readBy: { subject: 'nurse-ali', role: 'practitioner' },
    readAt: '2026-11-27T09:00:00.000Z',
  },
  source,
  version: 1,
};

const fold = (events: readonly Event[]): ShareDocument | undefined =>
  events.reduce<ShareDocument | undefined>(
    (doc, event) => recordSharesProjection.evolve(doc, event, shareId) ?? undefined,
    undefined,
  );

describe('recordSharesProjection', () => {
  it('keeps a sent share with its recipient split out for the inbox', () => {
    expect(fold([shared])).toMatchObject({
      shareId,
      status: 'sent',
      recipientOrganisation: 'Y12345',
      recipientTeam: 'district-nursing',
      recipientPractitioner: null,
    });
  });

  it('marks the share read, with who read it and when', () => {
    expect(fold([shared, read])).toMatchObject({
      status: 'read',
      readAt: '2026-11-27T09:00:00.000Z',
      readBy: { subject: 'nurse-ali', role: 'practitioner' },
    });
  });

  it('ignores a read without a share', () => {
    expect(fold([read])).toBeUndefined();
  });

  it('serves the share without the lookup keys', () => {
    const share = shareOf(fold([shared]) as ShareDocument);
    expect(share).not.toHaveProperty('recipientOrganisation');
    expect(share).not.toHaveProperty('recipientTeam');
    expect(share.items).toEqual([item]);
    expect(share.recipient).toEqual({ organisation: 'Y12345', team: 'district-nursing' });
  });

  it('is the same after a replay', async () => {
    const store = new SqliteReadModelStore({ filename: ':memory:' });
    const collection = await store.collection<ShareDocument>(recordSharesProjection.collection);
    for (const event of [shared, read]) await applyToReadModel(collection, recordSharesProjection, event);
    const once = await collection.get(shareId);
    const outcomes = [];
    for (const event of [shared, read]) {
      outcomes.push(await applyToReadModel(collection, recordSharesProjection, event));
    }
    expect(outcomes).toEqual(['stale', 'stale']);
    expect(await collection.get(shareId)).toEqual(once);
    await store.close();
  });
});
