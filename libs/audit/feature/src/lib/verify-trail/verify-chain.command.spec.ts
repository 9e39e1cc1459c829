import { appendToChain } from '@ilinks/audit/domain';
import { SqliteEventStore } from '@ilinks/platform/event-store';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AUDIT_RECORD_APPENDED,
  AUDIT_TRAIL_STREAM,
  auditTrailEventId,
} from '../audit-trail/audit-trail.stream';
import { runVerifyChainCommand } from './verify-chain.command';

describe('verify-chain command', () => {
  let dataDir: string;
  const saved = { ...process.env };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ilinks-audit-verify-'));
    mkdirSync(join(dataDir, 'audit'));
    const store = new SqliteEventStore(join(dataDir, 'audit', 'events.sqlite'));
    const entries = appendToChain(undefined, [{ recordId: 'r0' }, { recordId: 'r1' }, { recordId: 'r2' }]);
    await store.appendToStream(
      AUDIT_TRAIL_STREAM,
      entries.map((entry) => ({
        id: auditTrailEventId(entry.record.recordId),
        type: AUDIT_RECORD_APPENDED,
        data: entry,
      })),
      { expectedRevision: 'no_stream' },
    );
    await store.close();
    process.env['ILINKS_MODE'] = 'embedded';
    process.env['ILINKS_DATA_DIR'] = dataDir;
  });

  afterAll(() => {
    process.env = saved;
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('verifies the configured trail and prints the result as one JSON line', async () => {
    const lines: string[] = [];
    const result = await runVerifyChainCommand((line) => lines.push(line));
    expect(result).toMatchObject({ verified: true, records: 3 });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0])).toEqual(result);
  });
});
