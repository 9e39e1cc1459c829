import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collectionsKeptBy } from '@ilinks/platform/runtime';
import { collectionsOpenedAtStart } from '@ilinks/platform/runtime/testing';
import { ConsentModule, consentService } from './consent.service';

describe('consent: the collections `prepare` opens', () => {
  let dataDir: string;

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'ilinks-consent-prepared-'));
  });

  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('include every collection the service opens as it starts, so none builds its indexes in a pod', async () => {
    const opened = await collectionsOpenedAtStart(consentService, [ConsentModule], dataDir);
    const prepared = collectionsKeptBy(consentService).map((spec) => spec.name);
    expect(opened).toContain('subscription_checkpoints_v1');
    expect(opened.filter((name) => !prepared.includes(name))).toEqual([]);
  });
});
