import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { SoftwareInfo } from './capability-statement';

/**
 * Name and version from the nearest `package.json` at or above `startDir` (the working directory
 * by default: the repository root in development, the app folder in a container).
 */
export function readSoftwareInfo(startDir: string = process.cwd()): SoftwareInfo {
  for (let dir = startDir; ; dir = dirname(dir)) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate)) {
      const parsed = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: unknown; version?: unknown };
      if (typeof parsed.name === 'string' && typeof parsed.version === 'string')
        return { name: parsed.name, version: parsed.version };
    }
    if (dirname(dir) === dir) return { name: 'ilinks', version: 'unknown' };
  }
}
