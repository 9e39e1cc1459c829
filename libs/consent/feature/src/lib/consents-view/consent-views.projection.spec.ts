import type { ConsentEvent } from '@ilinks/consent/domain';
import {
  applyToReadModel,
  type ReadModelCollection,
  SqliteReadModelStore,
} from '@ilinks/platform/read-models';
import {
  type RelationshipDocument,
  relationshipsProjection,
} from '../relationships-view/relationships.projection';
import { type ConsentDocument, consentsProjection } from './consents.projection';

const personId = '10000000-0000-4000-8000-000000000001';
const consentId = '20000000-0000-4000-8000-000000000001';
const relationshipId = '30000000-0000-4000-8000-000000000001';
const actor = { subject: 'dr-1', organisation: 'A81001', role: 'practitioner' as const };
const at = '2026-11-26T10:00:00.000Z';
const source = `consent.person-${personId}`;

const history: ConsentEvent[] = [
  {
    type: 'ObjectionRecorded',
    data: { personId, consentId, recordedBy: actor, onBehalf: true, recordedAt: at },
  },
  {
    type: 'CareRelationshipStarted',
    data: { personId, relationshipId, organisation: 'RBS', kind: 'referral', since: at, startedAt: at },
  },
  {
    type: 'ConsentWithdrawn',
    data: { personId, consentId, kind: 'objection', withdrawnBy: actor, withdrawnAt: at },
  },
  { type: 'CareRelationshipEnded', data: { personId, relationshipId, endedBy: actor, endedAt: at } },
];

describe('consents_v1 and relationships_v1', () => {
  let store: SqliteReadModelStore;
  let consents: ReadModelCollection<ConsentDocument>;
  let relationships: ReadModelCollection<RelationshipDocument>;

  beforeAll(async () => {
    store = new SqliteReadModelStore({ filename: ':memory:' });
    consents = await store.collection(consentsProjection.collection);
    relationships = await store.collection(relationshipsProjection.collection);
    // Replayed twice: the second pass changes nothing.
    for (let pass = 0; pass < 2; pass += 1) {
      for (const [version, event] of history.entries()) {
        const projected = { ...event, source, version };
        await applyToReadModel(consents, consentsProjection, projected);
        await applyToReadModel(relationships, relationshipsProjection, projected);
      }
    }
  });
  afterAll(() => store.close());

  it('keeps each consent item with its person, withdrawn as it was', async () => {
    expect((await consents.get(consentId))?.body).toEqual({
      consentId,
      personId,
      item: {
        kind: 'objection',
        consentId,
        recordedBy: actor,
        recordedAt: at,
        onBehalf: true,
        withdrawnAt: at,
        withdrawnBy: actor,
      },
    });
    expect(await consents.count({ personId })).toBe(1);
  });

  it('keeps each relationship with its person, ended as it was', async () => {
    expect((await relationships.get(relationshipId))?.body).toMatchObject({
      relationshipId,
      personId,
      relationship: { organisation: 'RBS', kind: 'referral', endedAt: at },
    });
  });
});
