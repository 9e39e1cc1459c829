import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runService, serviceCommandOf } from './run-service';
import type { ServiceDefinition } from './service-definition';

describe('serviceCommandOf', () => {
  it('serves by default, and rebuilds the views when asked', () => {
    expect(serviceCommandOf([])).toBe('serve');
    expect(serviceCommandOf(['serve'])).toBe('serve');
    expect(serviceCommandOf(['rebuild-projections'])).toBe('rebuild-projections');
  });

  it('prepares the backing services for a release when asked', () => {
    expect(serviceCommandOf(['prepare'])).toBe('prepare');
  });

  it('reads only the first argument as the command', () => {
    expect(serviceCommandOf(['prepare', 'serve'])).toBe('prepare');
  });

  it('names every command it knows when refusing one', () => {
    expect(() => serviceCommandOf(['prepare-all'])).toThrow(/expected serve, rebuild-projections, prepare$/);
  });

  it('refuses an unknown command rather than starting', () => {
    expect(() => serviceCommandOf(['rebuild'])).toThrow(/unknown command "rebuild"/);
  });
});

describe('runService prepare (embedded adapters)', () => {
  const saved = { ...process.env };
  let dataDir: string;

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'ilinks-run-prepare-'));
    process.env['ILINKS_MODE'] = 'embedded';
    process.env['ILINKS_DATA_DIR'] = dataDir;
    process.env['ILINKS_LOG_LEVEL'] = 'silent';
  });

  afterEach(() => {
    process.env = { ...saved };
    jest.restoreAllMocks();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('prints one JSON line reporting what it prepared, and serves nothing', async () => {
    const written: string[] = [];
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });
    const definition: ServiceDefinition = {
      name: 'tally',
      streamPrefixes: ['tally-'],
      publishes: ['ilinks.tally.v1'],
      otherCollections: [{ name: 'owners_v1', indexes: [{ fields: ['email'] }] }],
    };
    await runService(definition, [], ['prepare']);
    expect(written).toHaveLength(1);
    expect(written[0]).toMatch(/\n$/);
    expect(JSON.parse(written[0])).toMatchObject({
      service: 'tally',
      collections: [{ name: 'owners_v1' }, { name: 'subscription_checkpoints_v1' }],
      topics: ['ilinks.tally.v1', 'ilinks.tally.v1.dlq'],
    });
  });
});
