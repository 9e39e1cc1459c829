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
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  devToken as devTokenAt,
  loadAverage,
  startPlatform as startPlatformOn,
} from '../support/bench-platform';
import {
  type BoundedRun,
  formatMs,
  integerArgument,
  runBounded,
  summariseLatencies,
} from '../support/latency';

const ORGANISATION = 'RBS';
const startPlatform = (dataDir: string) => startPlatformOn({ on: 'embedded' }, dataDir);
const devToken = (gateway: string, sub: string, role: string) => devTokenAt(gateway, sub, ORGANISATION, role);
const WARM_UP_READS = 200;

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
