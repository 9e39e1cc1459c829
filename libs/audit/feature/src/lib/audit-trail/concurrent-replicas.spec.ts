import type { AuditRecordV1, TrailVerificationV1 } from '@ilinks/audit/contracts';
import type { MessageBus } from '@ilinks/platform/messaging';
import { openBus, type RunningService } from '@ilinks/platform/runtime';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EMBEDDED_FOR_SPECS, startAuditService } from '../testing/start-audit-service';
import { AuditTrailWriter } from './audit-trail.writer';

const record = (index: number): AuditRecordV1 => ({
  recordId: randomUUID(),
  recordedAt: new Date(Date.UTC(2026, 0, 1, 9, 0, index)).toISOString(),
  agent: { subject: `user-${index % 3}`, role: 'practitioner', organisation: 'RBS' },
  action: 'R',
  operation: 'Patient.read',
  method: 'GET',
  route: '/fhir/Patient/:id',
  personIds: [randomUUID()],
  entities: [],
  purposeOfUse: 'direct-care',
  outcome: 'permitted',
  status: 200,
});

// Two replicas over one event store append to the one trail at once, with overlapping records
// (the same record delivered to both, as after a consumer-group rebalance).
describe('two audit replicas appending to the trail at once', () => {
  let dataDir: string;
  let bus: MessageBus;
  let replicas: RunningService[];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ilinks-audit-replicas-'));
    bus = openBus(EMBEDDED_FOR_SPECS, { dataDir }, 'test');
    replicas = [await startAuditService(dataDir, bus), await startAuditService(dataDir, bus)];
  }, 60_000);

  afterAll(async () => {
    for (const replica of replicas ?? []) await replica.stop();
    await bus?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('chains every record exactly once, in one unbroken chain', async () => {
    const records = Array.from({ length: 30 }, (_, index) => record(index));
    const [first, second] = replicas.map((replica) => replica.app.get(AuditTrailWriter));
    await Promise.all([
      ...records.slice(0, 20).map((each) => first.append(each)),
      ...records.slice(10).map((each) => second.append(each)),
      first.appendBatch(records.slice(5, 25)),
      second.appendBatch(records.slice(15, 30)),
    ]);

    const response = await fetch(`${replicas[1].url}/trail/verify`, { method: 'POST' });
    const verification = (await response.json()) as TrailVerificationV1;
    expect(verification).toMatchObject({ verified: true, records: records.length });
  });
});
