import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { eventIdFor } from '@ilinks/shared/kernel';
import { swcRegisterPath } from './swc-register.path';

describe('swcRegisterPath', () => {
  it('lets a child node process run TypeScript that imports @ilinks aliases', () => {
    const child = spawnSync(
      process.execPath,
      ['-r', swcRegisterPath, join(__dirname, 'fixtures', 'register-probe.ts'), 'patient-1'],
      {
        encoding: 'utf8',
        timeout: 20_000,
      },
    );

    expect(child.stderr).toBe('');
    expect(child.status).toBe(0);
    expect(child.stdout.trim()).toBe(`probe:${eventIdFor('patient-1', 'key', 0)}:1970-01-01T00:00:00.000Z`);
  });
});
