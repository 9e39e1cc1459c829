import type { AuditEventV1, AuditRecordV1 } from '@ilinks/audit/contracts';
import { appendToChain } from '@ilinks/audit/domain';
import { applyToReadModel, SqliteReadModelStore } from '@ilinks/platform/read-models';
import { AUDIT_RECORD_APPENDED, AUDIT_TRAIL_STREAM } from '../audit-trail/audit-trail.stream';
import { auditByPersonId, auditByPersonProjection } from './audit-by-person.projection';
import {
  type AuditTrailEvent,
  auditEventOf,
  auditEventsProjection,
  isBreakGlass,
} from './audit-events.projection';

const ALICE = '11111111-1111-4111-8111-111111111111';
const BOB = '22222222-2222-4222-8222-222222222222';
const record: AuditRecordV1 = {
  recordId: '33333333-3333-4333-8333-333333333333',
  recordedAt: '2026-01-01T10:00:00+01:00',
  agent: { subject: 'dr-smith', role: 'practitioner', organisation: 'RBS' },
  action: 'R',
  operation: 'Patient.search',
  method: 'GET',
  route: '/fhir/Patient',
  personIds: [ALICE, BOB, ALICE],
  entities: [],
  purposeOfUse: 'direct-care',
  basis: 'care-relationship',
  outcome: 'permitted',
  status: 200,
};
const [entry] = appendToChain(undefined, [record]);
const event: AuditTrailEvent = {
  type: AUDIT_RECORD_APPENDED,
  data: entry,
  source: AUDIT_TRAIL_STREAM,
  version: 0,
};

describe('audit_events_v1', () => {
  it('keys the document by record id and indexes who, where, break-glass and when (UTC)', () => {
    expect(auditEventsProjection.documentId(event)).toBe(record.recordId);
    const doc = auditEventsProjection.evolve(undefined, event, record.recordId);
    expect(doc).toMatchObject({
      recordId: record.recordId,
      agentSubject: 'dr-smith',
      organisation: 'RBS',
      breakGlass: false,
      recordedAt: '2026-01-01T09:00:00.000Z',
    });
    expect(doc && auditEventOf(doc)).toEqual(entry);
  });

  it('marks a break-glass request by its reason, its grant or its basis', () => {
    const withRecord = (changes: Partial<AuditRecordV1>): AuditEventV1 => ({
      ...entry,
      record: { ...record, ...changes },
    });
    expect(isBreakGlass(withRecord({ breakGlassReason: 'unconscious' }))).toBe(true);
    expect(isBreakGlass(withRecord({ breakGlassGrantId: '44444444-4444-4444-8444-444444444444' }))).toBe(
      true,
    );
    expect(isBreakGlass(withRecord({ basis: 'break-glass' }))).toBe(true);
    expect(isBreakGlass(entry)).toBe(false);
  });
});

describe('audit_by_person_v1', () => {
  it('writes one document per distinct person the record concerned', () => {
    expect(auditByPersonProjection.documentId(event)).toEqual([
      auditByPersonId(record.recordId, ALICE),
      auditByPersonId(record.recordId, BOB),
    ]);
    expect(
      auditByPersonProjection.evolve(undefined, event, auditByPersonId(record.recordId, BOB)),
    ).toMatchObject({
      personId: BOB,
      recordId: record.recordId,
    });
  });

  it('writes none for a record that concerned no person', () => {
    const none = { ...event, data: { ...entry, record: { ...record, personIds: [] } } };
    expect(auditByPersonProjection.documentId(none)).toEqual([]);
  });
});

describe('replaying the trail', () => {
  it('leaves both views as they were', async () => {
    const store = new SqliteReadModelStore({ filename: ':memory:' });
    try {
      const events = await store.collection(auditEventsProjection.collection);
      const byPerson = await store.collection(auditByPersonProjection.collection);
      expect(await applyToReadModel(events, auditEventsProjection, event)).toBe('written');
      expect(await applyToReadModel(byPerson, auditByPersonProjection, event)).toBe('written');
      expect(await applyToReadModel(events, auditEventsProjection, event)).toBe('stale');
      expect(await applyToReadModel(byPerson, auditByPersonProjection, event)).toBe('stale');
      expect(await events.count()).toBe(1);
      expect(await byPerson.count({ personId: ALICE })).toBe(1);
      expect(await byPerson.count({ personId: BOB })).toBe(1);
    } finally {
      await store.close();
    }
  });
});
