// The platform the record benches run against: `apps/platform` as a child process (from source, a
// temporary data directory, SQLite event stores), on the embedded adapters or — with
// `--on kafka-mongo` — on real Kafka and the MongoDB-wire server, as the integration run does
// (apps/system-e2e's kafkaAndMongoPlatform), with a database of the run's own that is dropped after.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { swcRegisterPath, waitFor } from '@ilinks/shared/testing';

export const repoRoot = resolve(__dirname, '../../..');
const platformMain = join(repoRoot, 'apps/platform/src/main.ts');

/** Where the platform keeps its views and carries its messages. */
export type BenchMode =
  | { readonly on: 'embedded' }
  | {
      readonly on: 'kafka-mongo';
      readonly kafkaBrokers: string;
      readonly mongoUrl: string;
      /** The run's own database prefix; each service adds its name. */
      readonly database: string;
    };

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** The value of `name` on the command line, if given. */
export function stringArgument(argv: readonly string[], name: string): string | undefined {
  const index = argv.indexOf(name);
  if (index < 0) return undefined;
  const value = argv[index + 1];
  if (value === undefined || value.startsWith('--')) throw new Error(`${name} needs a value`);
  return value;
}

/** Refuses a host that is not this machine: the benches put load on 127.0.0.1 only. */
function assertLoopback(what: string, hosts: readonly string[]): void {
  for (const host of hosts) {
    if (!LOOPBACK.has(host)) throw new Error(`${what} must be on 127.0.0.1 (got ${host})`);
  }
}

/**
 * The mode from `--on embedded|kafka-mongo` (default embedded); for kafka-mongo, `--kafka-brokers`
 * (default 127.0.0.1:19092) and `--mongodb-url` (default mongodb://127.0.0.1:27018/), both on loopback.
 */
export function benchModeOf(argv: readonly string[], run: string): BenchMode {
  const on = stringArgument(argv, '--on') ?? 'embedded';
  if (on === 'embedded') return { on };
  if (on !== 'kafka-mongo') throw new Error('--on takes embedded or kafka-mongo');
  const kafkaBrokers = stringArgument(argv, '--kafka-brokers') ?? '127.0.0.1:19092';
  const mongoUrl = stringArgument(argv, '--mongodb-url') ?? 'mongodb://127.0.0.1:27018/';
  assertLoopback(
    '--kafka-brokers',
    kafkaBrokers.split(',').map((broker) => broker.replace(/:\d+$/, '')),
  );
  assertLoopback('--mongodb-url', [new URL(mongoUrl).hostname]);
  return { on, kafkaBrokers, mongoUrl, database: `bench_record_${run}` };
}

/** The platform's environment for the mode: embedded clears whatever the shell has for Kafka and MongoDB. */
export function platformEnvironment(mode: BenchMode, dataDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ILINKS_MODE: 'embedded',
    ILINKS_DATA_DIR: dataDir,
    ILINKS_LOG_LEVEL: 'warn',
  };
  delete env.KAFKA_BROKERS;
  delete env.MONGODB_URL;
  delete env.MONGODB_DB;
  delete env.ILINKS_BUS;
  delete env.ILINKS_READ_MODELS;
  delete env.ILINKS_EVENT_STORE;
  if (mode.on === 'kafka-mongo') {
    env.ILINKS_BUS = 'kafka';
    env.ILINKS_READ_MODELS = 'mongodb';
    env.KAFKA_BROKERS = mode.kafkaBrokers;
    env.MONGODB_URL = mode.mongoUrl;
    env.MONGODB_DB = mode.database;
  }
  return env;
}

/** Drops the run's MongoDB databases (one per service, named after the run's prefix). */
export async function dropRunDatabases(mode: BenchMode): Promise<void> {
  if (mode.on !== 'kafka-mongo') return;
  const { MongoClient } = await import('mongodb');
  const client = await MongoClient.connect(mode.mongoUrl);
  try {
    const { databases } = await client.db().admin().listDatabases({ nameOnly: true });
    for (const { name } of databases)
      if (name.startsWith(mode.database)) await client.db(name).dropDatabase();
  } finally {
    await client.close();
  }
}

export interface PlatformInfo {
  readonly pid: number;
  readonly gateway: string;
  readonly services: Readonly<Record<string, string>>;
}

export interface RunningPlatform {
  readonly info: PlatformInfo;
  stop(): Promise<void>;
}

/**
 * A free loopback port from below the kernel's ephemeral range, where no outgoing connection or
 * `listen(0)` of the platform's own services can take it between this check and the gateway's bind.
 */
async function portBelowEphemeralRange(): Promise<number> {
  const ephemeralLow = Number(
    readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0],
  );
  const high = Number.isInteger(ephemeralLow) && ephemeralLow > 2048 ? ephemeralLow : 49152;
  const low = Math.max(1024, high - 12_000);
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = low + Math.floor(Math.random() * (high - low));
    if (await isFree(port)) return port;
  }
  throw new Error(`no free port found between ${low} and ${high - 1}`);
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolveFree) => {
    const server = createServer();
    server.once('error', () => resolveFree(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolveFree(true)));
  });
}

/** Starts `apps/platform` over `dataDir` in `mode` and waits until the gateway is ready. */
export async function startPlatform(mode: BenchMode, dataDir: string): Promise<RunningPlatform> {
  const port = await portBelowEphemeralRange();
  const env = { ...platformEnvironment(mode, dataDir), ILINKS_GATEWAY_PORT: String(port) };
  const child: ChildProcess = spawn(process.execPath, ['-r', swcRegisterPath, platformMain], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  let exited = false;
  const done = new Promise<void>((resolveExit) =>
    child.once('exit', () => {
      exited = true;
      resolveExit();
    }),
  );
  const platformJson = join(dataDir, 'platform.json');
  const gateway = `http://127.0.0.1:${port}`;
  try {
    await waitFor(
      async () => {
        if (exited) throw new Error('the platform exited before it was ready');
        if (!existsSync(platformJson)) return false;
        const ready = await fetch(`${gateway}/health/ready`).catch(() => undefined);
        return ready?.status === 200;
      },
      { description: 'the platform to be ready', timeoutMs: 180_000, intervalMs: 200 },
    );
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    info: JSON.parse(readFileSync(platformJson, 'utf8')) as PlatformInfo,
    stop: async () => {
      if (!exited) child.kill('SIGTERM');
      await done;
    },
  };
}

/** A development token from the gateway (embedded platform only issues them). */
export async function devToken(
  gateway: string,
  sub: string,
  organisation: string,
  role: string,
): Promise<string> {
  const response = await fetch(`${gateway}/auth/dev-token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ sub, org: organisation, role }),
  });
  if (!response.ok) throw new Error(`the dev token was refused: ${response.status}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

/** The load average (1/5/15 min), printed with every run: compare runs only at similar load. */
export const loadAverage = (): string =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(' / ');

/** What the mode is called in printed headings. */
export const modeTitle = (mode: BenchMode): string =>
  mode.on === 'embedded'
    ? 'embedded (SQLite views, in-process bus)'
    : `SQLite event store, Kafka ${mode.kafkaBrokers}, MongoDB-wire ${mode.mongoUrl}`;
