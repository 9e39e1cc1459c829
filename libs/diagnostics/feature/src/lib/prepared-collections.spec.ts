import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collectionsKeptBy } from '@ilinks/platform/runtime';
import { collectionsOpenedAtStart } from '@ilinks/platform/runtime/testing';
import { DiagnosticsModule, diagnosticsService } from './diagnostics.service';

describe('diagnostics: the collections `prepare` opens', () => {
  let dataDir: string;

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'ilinks-diagnostics-prepared-'));
  });

  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('include every collection the service opens as it starts, so none builds its indexes in a pod', async () => {
    const opened = await collectionsOpenedAtStart(
      diagnosticsService,
      [DiagnosticsModule.withEnvironment({})],
      dataDir,
    );
    const prepared = collectionsKeptBy(diagnosticsService).map((spec) => spec.name);
    expect(opened).toContain('subscription_checkpoints_v1');
    expect(opened.filter((name) => !prepared.includes(name))).toEqual([]);
  });
});
