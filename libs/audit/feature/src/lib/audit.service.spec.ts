import {
  AUDIT_RECORDS_SOURCE,
  type AccessAlertV1,
  type AuditEventV1,
  type AuditPageV1,
  type AuditRecordV1,
  AuditRecordV1Event,
  type TrailVerificationV1,
} from '@ilinks/audit/contracts';
import { BreakGlassUsedV1Event, CONSENT_EVENT_SOURCE } from '@ilinks/consent/contracts';
import { type MessageBus, toValidatedBusMessage } from '@ilinks/platform/messaging';
import { openBus, type RunningService } from '@ilinks/platform/runtime';
import { waitFor } from '@ilinks/shared/testing';
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EMBEDDED_FOR_SPECS, startAuditService } from './testing/start-audit-service';

const ALICE = '11111111-1111-4111-8111-111111111111';
const BOB = '22222222-2222-4222-8222-222222222222';

function auditRecord(index: number, overrides: Partial<AuditRecordV1> = {}): AuditRecordV1 {
  return {
    recordId: randomUUID(),
    recordedAt: new Date(Date.UTC(2026, 0, 1, 9, 0, index)).toISOString(),
    agent: { subject: 'dr-smith', role: 'practitioner', organisation: 'RBS' },
    action: 'R',
    operation: 'Patient.read',
    method: 'GET',
    route: '/fhir/Patient/:id',
    personIds: [ALICE],
    entities: [{ resourceType: 'Patient', id: ALICE }],
    purposeOfUse: 'direct-care',
    basis: 'care-relationship',
    outcome: 'permitted',
    status: 200,
    ...overrides,
  };
}

describe('audit service (embedded adapters)', () => {
  let dataDir: string;
  let bus: MessageBus;
  let service: RunningService;
  const records: AuditRecordV1[] = [
    auditRecord(0),
    auditRecord(1, { personIds: [BOB], entities: [{ resourceType: 'Patient', id: BOB }] }),
    auditRecord(2, { agent: { subject: 'nurse-jones', role: 'practitioner', organisation: 'Y12345' } }),
    auditRecord(3, {
      agent: { subject: 'dr-adams', role: 'practitioner', organisation: 'RXN' },
      purposeOfUse: 'emergency',
      basis: 'break-glass',
      breakGlassReason: 'unconscious on arrival',
    }),
    auditRecord(4, { personIds: [ALICE, BOB], operation: 'Patient.search', route: '/fhir/Patient' }),
    auditRecord(5, { outcome: 'denied', status: 403, basis: undefined, outcomeDetail: 'no-relationship' }),
  ];

  const get = async <T>(path: string): Promise<T> => {
    const response = await fetch(`${service.url}${path}`);
    expect(response.status).toBe(200);
    return (await response.json()) as T;
  };
  const ids = (page: AuditPageV1) => page.items.map((item) => item.record.recordId);
  const verify = async (): Promise<TrailVerificationV1> => {
    const response = await fetch(`${service.url}/trail/verify`, { method: 'POST' });
    expect(response.status).toBe(200);
    return (await response.json()) as TrailVerificationV1;
  };
  const publishRecord = (record: AuditRecordV1) =>
    bus.publish([
      toValidatedBusMessage(AuditRecordV1Event, record.personIds[0] ?? 'none', {
        id: randomUUID(),
        source: AUDIT_RECORDS_SOURCE,
        time: record.recordedAt,
        data: record,
      }),
    ]);
  const newestFirst = (...picked: AuditRecordV1[]) =>
    [...picked].sort((a, b) => b.recordedAt.localeCompare(a.recordedAt)).map((record) => record.recordId);
  const inTrail = (count: number) =>
    waitFor(async () => (await get<AuditPageV1>('/audit-events?limit=200')).items.length >= count, {
      description: `${count} records in the audit_events_v1 view`,
    });

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ilinks-audit-'));
    bus = openBus(EMBEDDED_FOR_SPECS, { dataDir }, 'test');
    service = await startAuditService(dataDir, bus);
    for (const record of records) await publishRecord(record);
    await publishRecord(records[2]);
    await inTrail(records.length);
  });

  afterAll(async () => {
    await service?.stop();
    await bus?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('records each published record once, even one published twice', async () => {
    const page = await get<AuditPageV1>('/audit-events?limit=200');
    expect(ids(page)).toEqual(newestFirst(...records));
    expect(page.items.map((item) => item.sequence).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('reads one record by id, with its place in the chain', async () => {
    const event = await get<AuditEventV1>(`/audit-events/${records[3].recordId}`);
    expect(event.record).toEqual(records[3]);
    expect(event.hash).toMatch(/^[0-9a-f]{64}$/);
    expect((await fetch(`${service.url}/audit-events/${randomUUID()}`)).status).toBe(404);
  });

  it('finds who accessed a person, including searches that touched several', async () => {
    const alice = await get<AuditPageV1>(`/audit-events?patient=${ALICE}`);
    expect(ids(alice)).toEqual(newestFirst(records[0], records[2], records[3], records[4], records[5]));
    const bob = await get<AuditPageV1>(`/audit-events?patient=${BOB}`);
    expect(ids(bob)).toEqual(newestFirst(records[1], records[4]));
  });

  it('finds by agent, organisation and break-glass', async () => {
    expect(ids(await get<AuditPageV1>('/audit-events?agent=nurse-jones'))).toEqual([records[2].recordId]);
    expect(ids(await get<AuditPageV1>('/audit-events?organisation=RXN'))).toEqual([records[3].recordId]);
    expect(ids(await get<AuditPageV1>('/audit-events?breakGlass=true'))).toEqual([records[3].recordId]);
    expect(ids(await get<AuditPageV1>(`/audit-events?patient=${BOB}&agent=dr-smith`))).toEqual(
      newestFirst(records[1], records[4]),
    );
  });

  it('bounds by date range: since inclusive, until exclusive', async () => {
    const page = await get<AuditPageV1>(
      `/audit-events?since=${records[1].recordedAt}&until=${records[4].recordedAt}`,
    );
    expect(ids(page)).toEqual(newestFirst(records[1], records[2], records[3]));
  });

  it('pages newest first with a cursor', async () => {
    const first = await get<AuditPageV1>('/audit-events?limit=4');
    expect(first.items).toHaveLength(4);
    expect(first.nextCursor).toBeDefined();
    const second = await get<AuditPageV1>(
      `/audit-events?limit=4&cursor=${encodeURIComponent(first.nextCursor ?? '')}`,
    );
    expect([...ids(first), ...ids(second)]).toEqual(newestFirst(...records));
    expect(second.nextCursor).toBeUndefined();
  });

  it('refuses an unknown or malformed query parameter', async () => {
    expect((await fetch(`${service.url}/audit-events?patient=not-a-uuid`)).status).toBe(400);
    expect((await fetch(`${service.url}/audit-events?name=Smith`)).status).toBe(400);
  });

  describe('tamper evidence', () => {
    const openStore = () => new Database(join(dataDir, 'audit', 'events.sqlite'));

    it('verifies the intact trail', async () => {
      const result = await verify();
      expect(result).toMatchObject({ verified: true, records: records.length });
      expect(result.headHash).toMatch(/^[0-9a-f]{64}$/);
    });

    it('finds a record altered in the store at its sequence, and verifies again once restored', async () => {
      const db = openStore();
      try {
        const row = db
          .prepare("SELECT data FROM events WHERE stream = 'audit.trail' AND revision = 2")
          .get() as {
          data: string;
        };
        const original = row.data;
        const tampered = JSON.parse(original) as AuditEventV1;
        const update = db.prepare("UPDATE events SET data = ? WHERE stream = 'audit.trail' AND revision = 2");
        update.run(JSON.stringify({ ...tampered, record: { ...tampered.record, outcome: 'denied' } }));

        const result = await verify();
        expect(result.verified).toBe(false);
        expect(result.records).toBe(2);
        expect(result.firstBreak).toEqual({
          sequence: 2,
          recordId: tampered.record.recordId,
          problem: 'altered',
        });

        update.run(original);
        expect((await verify()).verified).toBe(true);
      } finally {
        db.close();
      }
    });

    it('finds a record deleted from the store at its sequence', async () => {
      const db = openStore();
      try {
        db.prepare("DELETE FROM events WHERE stream = 'audit.trail' AND revision = 4").run();
      } finally {
        db.close();
      }
      const result = await verify();
      expect(result.verified).toBe(false);
      expect(result.firstBreak).toEqual({ sequence: 4, problem: 'missing' });
    });
  });

  describe('alerts', () => {
    const grant = {
      personId: ALICE,
      grantId: randomUUID(),
      subject: 'dr-adams',
      organisation: 'RXN',
      reason: 'unconscious on arrival',
      grantedAt: '2026-01-01T09:00:03.000Z',
      expiresAt: '2026-01-01T13:00:03.000Z',
    };
    const publishBreakGlass = () =>
      bus.publish([
        toValidatedBusMessage(BreakGlassUsedV1Event, ALICE, {
          id: randomUUID(),
          source: CONSENT_EVENT_SOURCE,
          subject: ALICE,
          sequence: '0',
          time: grant.grantedAt,
          data: grant,
        }),
      ]);
    const alerts = (query = '') => get<{ items: AccessAlertV1[] }>(`/alerts${query}`);
    const review = (alertId: string, body: unknown) =>
      fetch(`${service.url}/alerts/${alertId}/review`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });

    it('raises one break-glass alert per grant, then takes one review', async () => {
      await publishBreakGlass();
      await publishBreakGlass();
      const [alert] = await waitFor(
        async () => {
          const page = await alerts('?status=open');
          return page.items.some((item) => item.kind === 'break-glass') && page.items;
        },
        { description: 'the break-glass alert' },
      );
      expect((await alerts()).items.filter((item) => item.kind === 'break-glass')).toHaveLength(1);
      expect(alert).toMatchObject({
        kind: 'break-glass',
        subject: 'dr-adams',
        organisation: 'RXN',
        personIds: [ALICE],
        detail: 'unconscious on arrival',
        raisedAt: grant.grantedAt,
        status: 'open',
      });

      const body = { reviewedBy: 'ig-officer-1', outcome: 'appropriate', note: 'checked with ED' };
      const reviewed = await review(alert.alertId, body);
      expect(reviewed.status).toBe(200);
      expect(await reviewed.json()).toMatchObject({
        alertId: alert.alertId,
        status: 'reviewed',
        review: { reviewedBy: 'ig-officer-1', outcome: 'appropriate', note: 'checked with ED' },
      });
      expect((await review(alert.alertId, body)).status).toBe(200);
      expect((await review(alert.alertId, { ...body, outcome: 'inappropriate' })).status).toBe(409);
      expect((await alerts('?status=open')).items.some((item) => item.alertId === alert.alertId)).toBe(false);
    });

    it('refuses a review of an unknown alert or with a bad outcome', async () => {
      expect(
        (await review(randomUUID(), { reviewedBy: 'ig-officer-1', outcome: 'appropriate' })).status,
      ).toBe(404);
      expect((await review(randomUUID(), { reviewedBy: 'ig-officer-1', outcome: 'fine' })).status).toBe(400);
    });

    it('raises one unusual-access alert when a user opens more than 5 persons by break-glass in an hour', async () => {
      const burst = Array.from({ length: 7 }, (_, index) => {
        const personId = randomUUID();
        return auditRecord(100 + index, {
          agent: { subject: 'dr-roam', role: 'practitioner', organisation: 'RBS' },
          personIds: [personId],
          entities: [{ resourceType: 'Patient', id: personId }],
          basis: 'break-glass',
          breakGlassReason: 'looking around',
        });
      });
      // One at a time: each is keyed by its own person, so on several partitions they could
      // otherwise be recorded in another order than they happened.
      for (const record of burst) {
        await publishRecord(record);
        await waitFor(async () => (await fetch(`${service.url}/audit-events/${record.recordId}`)).ok, {
          description: 'the record in the trail',
        });
      }
      const unusual = await waitFor(
        async () => {
          const found = (await alerts()).items.filter((item) => item.kind === 'unusual-access');
          return found.length > 0 && found;
        },
        { description: 'the unusual-access alert' },
      );
      expect(unusual).toHaveLength(1);
      expect(unusual[0]).toMatchObject({
        subject: 'dr-roam',
        organisation: 'RBS',
        raisedAt: burst[5].recordedAt,
        detail: '6 persons opened by break-glass or a self-declared relationship within 1 hour',
      });
      expect(unusual[0].personIds).toEqual(burst.slice(0, 6).map((record) => record.personIds[0]));
    });
  });
});
