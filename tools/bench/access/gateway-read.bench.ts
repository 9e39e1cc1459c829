// The gateway's read path with audit on: `GET /fhir/Patient/{id}` as a practitioner of the
// organisation that registered the person (identity person view → consent access policy → decide →
// audit record acknowledged → response), p50/p99 at concurrency 1 and throughput at concurrency 8.
// Prints markdown.
//   node -r ./libs/shared/testing/src/lib/swc-register.js tools/bench/access/gateway-read.bench.ts [--persons 200] [--reads 3000] [--seconds 20]
// The embedded platform runs as a child process (from source, a temporary data directory, every
// service on SQLite and the durable in-process bus, the gateway on a loopback port from below the
// ephemeral range), so this process's HTTP client never shares an event loop with the gateway.
// There is no switch that turns audit off, and none is added: the audit write's own cost is
// measured by audit-write.bench.ts. The stages are timed from outside instead, each on its own:
// the identity service's person view and the consent service's access policy (the two calls the
// gateway makes per read, on the services' own URLs from platform.json), and `GET /fhir/metadata`
// (through the gateway's HTTP stack, neither authenticated nor audited) as a floor.
import { randomUUID } from 'node:crypto';
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { swcRegisterPath, waitFor } from '@ilinks/shared/testing';
import {
  type BoundedRun,
  formatMs,
  integerArgument,
  runBounded,
  summariseLatencies,
} from '../support/latency';

const repoRoot = resolve(__dirname, '../../..');
const platformMain = join(repoRoot, 'apps/platform/src/main.ts');
const ORGANISATION = 'RBS';
const WARM_UP_READS = 200;

interface PlatformInfo {
  readonly pid: number;
  readonly gateway: string;
  readonly services: Readonly<Record<string, string>>;
}

interface RunningPlatform {
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

/** Starts `apps/platform` in embedded mode over `dataDir` and waits until the gateway is ready. */
async function startPlatform(dataDir: string): Promise<RunningPlatform> {
  const port = await portBelowEphemeralRange();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ILINKS_MODE: 'embedded',
    ILINKS_DATA_DIR: dataDir,
    ILINKS_GATEWAY_PORT: String(port),
    ILINKS_LOG_LEVEL: 'warn',
  };
  // Embedded means SQLite and the in-process bus, whatever the shell has for the integration run.
  delete env.KAFKA_BROKERS;
  delete env.MONGODB_URL;
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
      { description: 'the embedded platform to be ready', timeoutMs: 120_000, intervalMs: 200 },
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

async function devToken(gateway: string, sub: string, role: string): Promise<string> {
  const response = await fetch(`${gateway}/auth/dev-token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ sub, org: ORGANISATION, role }),
  });
  if (!response.ok) throw new Error(`the dev token was refused: ${response.status}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

const FAMILIES = ['Ashdown', 'Brierley', 'Calloway', 'Dunmore', 'Eastwick', 'Fenwright', 'Garside'];
const GIVEN = ['Ada', 'Bram', 'Cleo', 'Dev', 'Enid', 'Finn', 'Gwen', 'Hal', 'Isla', 'Jory', 'Kit'];

/** A synthetic partner Patient: no real person, an identifier system of this benchmark's own. */
function syntheticPatient(run: string, index: number) {
  return {
    resourceType: 'Patient',
    identifier: [{ system: `https://fhir.bench.example/${ORGANISATION}/Id/mrn`, value: `B-${run}-${index}` }],
    name: [{ family: `${FAMILIES[index % FAMILIES.length]}-${index}`, given: [GIVEN[index % GIVEN.length]] }],
    gender: index % 2 === 0 ? 'female' : 'male',
    birthDate: `19${String(30 + (index % 70)).padStart(2, '0')}-${String(1 + (index % 12)).padStart(2, '0')}-${String(1 + (index % 28)).padStart(2, '0')}`,
  };
}

/** Registers `count` persons as the organisation's partner system; resolves with their ids. */
async function registerPersons(gateway: string, count: number, seconds: number): Promise<string[]> {
  const token = await devToken(gateway, 'pas-interface', 'system');
  const run = randomUUID().slice(0, 8);
  const registered = await runBounded(Array.from({ length: count }), 4, seconds, async (_, index) => {
    const response = await fetch(`${gateway}/fhir/Patient`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/fhir+json' },
      body: JSON.stringify(syntheticPatient(run, index)),
    });
    if (response.status !== 201 && response.status !== 200)
      throw new Error(`registration ${index} answered ${response.status}`);
    return ((await response.json()) as { id: string }).id;
  });
  return [...new Set(registered.results)];
}

/** One GET that must answer `expected`; the body is read whole, as a client would. */
async function get(
  url: string,
  headers: Readonly<Record<string, string>> = {},
  expected = 200,
): Promise<void> {
  const response = await fetch(url, { headers });
  await response.arrayBuffer();
  if (response.status !== expected) throw new Error(`GET answered ${response.status}, not ${expected}`);
}

interface Measured {
  readonly path: string;
  readonly concurrency: number;
  readonly run: BoundedRun<void>;
}

function tableRow({ path, concurrency, run }: Measured): string {
  const summary = summariseLatencies(run.latenciesMs);
  const done = run.skipped > 0 ? `${summary.count} (time ran out)` : String(summary.count);
  return (
    `| ${path} | ${concurrency} | ${done} | ${Math.round(summary.count / run.seconds).toLocaleString('en-GB')} | ` +
    `${formatMs(summary.p50)} | ${formatMs(summary.p90)} | ${formatMs(summary.p99)} | ${formatMs(summary.max)} |`
  );
}

const loadAverage = (): string =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(' / ');

async function main(): Promise<void> {
  const personCount = integerArgument(process.argv, '--persons', 200, 100_000);
  const reads = integerArgument(process.argv, '--reads', 3000, 1_000_000);
  const seconds = integerArgument(process.argv, '--seconds', 20, 600);
  const dataDir = mkdtempSync(join(tmpdir(), 'ilinks-bench-gateway-read-'));
  const platform = await startPlatform(dataDir);
  try {
    const { gateway, services } = platform.info;
    const identity = services['identity-matching'];
    const consent = services['consent'];
    if (!identity || !consent) throw new Error('platform.json names no identity-matching or consent service');

    const registering = performance.now();
    const persons = await registerPersons(gateway, personCount, 300);
    const registrationSeconds = (performance.now() - registering) / 1000;
    const practitioner = { authorization: `Bearer ${await devToken(gateway, 'dr-bench', 'practitioner')}` };
    const items = Array.from({ length: reads }, (_, index) => persons[index % persons.length]);
    const readPatient = (id: string) => get(`${gateway}/fhir/Patient/${id}`, practitioner);
    await runBounded(items.slice(0, WARM_UP_READS), 2, seconds, readPatient);

    const loadAtStart = loadAverage();
    const measured: Measured[] = [];
    const measure = async (path: string, concurrency: number, work: (id: string) => Promise<void>) => {
      measured.push({ path, concurrency, run: await runBounded(items, concurrency, seconds, work) });
    };
    await measure('gateway `GET /fhir/Patient/{id}` (audit on)', 1, readPatient);
    await measure('gateway `GET /fhir/Patient/{id}` (audit on)', 8, readPatient);
    await measure('stage: identity `GET /persons/{id}`', 1, (id) => get(`${identity}/persons/${id}`));
    await measure('stage: consent `GET /persons/{id}/access-policy`', 1, (id) =>
      get(`${consent}/persons/${id}/access-policy`),
    );
    await measure('floor: gateway `GET /fhir/metadata` (no auth, not audited)', 1, () =>
      get(`${gateway}/fhir/metadata`),
    );
    // Refused before any service call (not a UUID), yet authenticated and audited like any read.
    await measure('floor + auth + audit: gateway `GET /fhir/Patient/not-an-id` (404)', 1, () =>
      get(`${gateway}/fhir/Patient/not-an-id`, practitioner, 404),
    );

    console.log(
      `\n## Gateway read with audit on (embedded platform, child process), Node ${process.version}\n`,
    );
    console.log(
      `${persons.length} persons registered as ${ORGANISATION}'s partner system in ${registrationSeconds.toFixed(1)} s; ` +
        `read as a practitioner of ${ORGANISATION}, cycling over them; at most ${reads.toLocaleString('en-GB')} requests ` +
        `or ${seconds} s per row, after ${WARM_UP_READS} warm-up reads. ` +
        `Load average (1/5/15 min): ${loadAtStart} at start, ${loadAverage()} at end.\n`,
    );
    console.log('| path | in flight | requests | req/s | p50 ms | p90 ms | p99 ms | max ms |');
    console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
    for (const row of measured) console.log(tableRow(row));
  } finally {
    await platform.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
