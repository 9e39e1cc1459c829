import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { IdentityServiceUnderTest } from './bench-support';

const repoRoot = join(__dirname, '../../../..');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function waitUntilReady(url: string, timeoutMs: number, exited: () => boolean): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exited()) throw new Error('the identity service exited before it was ready');
    const ready = await fetch(`${url}/health/ready`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`the identity service was not ready within ${timeoutMs} ms`);
}

/**
 * Runs the identity-matching app (`apps/identity-matching`) as its own process on the embedded
 * adapters over `dataDir`, so the benchmark's own heap (millions of fixtures) and event loop never
 * stall the service it measures.
 */
export async function startIdentityServiceProcess(dataDir: string): Promise<IdentityServiceUnderTest> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    ['-r', './libs/shared/testing/src/lib/swc-register.js', 'apps/identity-matching/src/main.ts'],
    {
      cwd: repoRoot,
      env: {
        ...process.env,
        ILINKS_MODE: 'embedded',
        ILINKS_DATA_DIR: dataDir,
        ILINKS_HTTP_HOST: '127.0.0.1',
        ILINKS_HTTP_PORT: String(port),
        ILINKS_LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  let exited = false;
  const done = new Promise<void>((resolve) => child.once('exit', () => ((exited = true), resolve())));
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitUntilReady(url, 600_000, () => exited);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    url,
    async stop() {
      child.kill('SIGTERM');
      await done;
    },
  };
}
