import { swcRegisterPath, waitFor } from '@ilinks/shared/testing';
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const repoRoot = resolve(__dirname, '../../../..');
const platformMain = join(repoRoot, 'apps/platform/src/main.ts');

export interface PlatformInfo {
  readonly pid: number;
  readonly gateway: string;
  readonly services: Readonly<Record<string, string>>;
}

/**
 * A free TCP port on loopback for a gateway that must keep its port across restarts. It is taken
 * from below the kernel's ephemeral range: a port from inside it (as `listen(0)` gives) can be
 * handed to an outgoing connection or a service's own `listen(0)` while the platform is down,
 * and the restart then fails with EADDRINUSE.
 */
export async function freePort(): Promise<number> {
  const [ephemeralLow] = ephemeralPortRange();
  const low = Math.max(1024, ephemeralLow - 12_000);
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = low + Math.floor(Math.random() * (ephemeralLow - low));
    if (await isFree(port)) return port;
  }
  throw new Error(`no free port found between ${low} and ${ephemeralLow - 1}`);
}

function ephemeralPortRange(): [number, number] {
  try {
    const [low, high] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8')
      .trim()
      .split(/\s+/)
      .map(Number);
    if (low > 2048 && high > low) return [low, high];
  } catch {
    // not Linux: fall back to the IANA dynamic range
  }
  return [49152, 65535];
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolveFree) => {
    const server = createServer();
    server.once('error', () => resolveFree(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolveFree(true)));
  });
}

export function temporaryDataDir(prefix = 'ilinks-e2e-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/**
 * The embedded platform as a real child process (run from source), so tests can use it as a
 * partner would and kill it with SIGKILL as a crash would.
 */
export class PlatformProcess {
  private child?: ChildProcess;
  private output = '';

  constructor(
    readonly dataDir: string,
    readonly gatewayPort: number,
    private readonly extraEnv: Readonly<Record<string, string>> = {},
  ) {}

  static async start(
    dataDir = temporaryDataDir(),
    extraEnv: Readonly<Record<string, string>> = {},
  ): Promise<PlatformProcess> {
    const platform = new PlatformProcess(dataDir, await freePort(), extraEnv);
    await platform.start();
    return platform;
  }

  get gatewayUrl(): string {
    return `http://127.0.0.1:${this.gatewayPort}`;
  }

  get logs(): string {
    return this.output;
  }

  /** Starts (or restarts) the process and waits until the gateway reports every service ready. */
  async start(): Promise<PlatformInfo> {
    this.output = '';
    const child = spawn(process.execPath, ['-r', swcRegisterPath, platformMain], {
      cwd: repoRoot,
      env: {
        ...process.env,
        ILINKS_MODE: 'embedded',
        ILINKS_DATA_DIR: this.dataDir,
        ILINKS_GATEWAY_PORT: String(this.gatewayPort),
        ILINKS_LOG_LEVEL: 'warn',
        ...this.extraEnv,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.child = child;
    const exitedEarly = new Promise<never>((_, reject) =>
      child.once('exit', (code) => reject(new Error(`the platform exited with ${code}:\n${this.output}`))),
    );
    exitedEarly.catch(() => undefined); // observed by the race below; a later, normal exit is not an error
    try {
      const ready = waitFor(
        async () => {
          if (!existsSync(join(this.dataDir, 'platform.json')) || this.info().pid !== child.pid) return false;
          const ready = await fetch(`${this.gatewayUrl}/health/ready`).catch(() => undefined);
          return ready?.status === 200;
        },
        { timeoutMs: 60_000, intervalMs: 100, description: 'the platform is ready' },
      );
      await Promise.race([ready, exitedEarly]);
    } catch (error) {
      child.kill('SIGKILL');
      throw error;
    }
    return this.info();
  }

  /** Runs `body`; if it fails, the error carries the tail of the platform's output. */
  async explainFailure<T>(body: () => Promise<T>): Promise<T> {
    try {
      return await body();
    } catch (error) {
      const tail = this.output
        .split('\n')
        .filter((line) => !line.includes('ECONNREFUSED'))
        .slice(-40)
        .join('\n');
      if (error instanceof Error) error.message += `\n--- platform output (last lines) ---\n${tail}`;
      throw error;
    }
  }

  /** Runs `main.ts <args>` to completion against this data directory (the platform must be stopped). */
  runCommand(args: readonly string[]): Promise<{ code: number | null; output: string }> {
    return new Promise((resolveRun) => {
      const child = spawn(process.execPath, ['-r', swcRegisterPath, platformMain, ...args], {
        cwd: repoRoot,
        env: {
          ...process.env,
          ILINKS_MODE: 'embedded',
          ILINKS_DATA_DIR: this.dataDir,
          ILINKS_LOG_LEVEL: 'warn',
          ...this.extraEnv,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.once('exit', (code) => resolveRun({ code, output }));
    });
  }

  info(): PlatformInfo {
    return JSON.parse(readFileSync(join(this.dataDir, 'platform.json'), 'utf8')) as PlatformInfo;
  }

  serviceUrl(name: string): string {
    const url = this.info().services[name];
    if (!url) throw new Error(`no service ${name}`);
    return url;
  }

  /** A crash: SIGKILL, no chance to flush or close anything. */
  async kill(): Promise<void> {
    await this.signal('SIGKILL');
  }

  /** A graceful stop (SIGTERM). */
  async stop(): Promise<void> {
    await this.signal('SIGTERM');
  }

  private async signal(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
    child.kill(signal);
    await exited;
  }

  async dispose(): Promise<void> {
    await this.kill();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
