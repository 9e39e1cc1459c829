// Issue 5, measured through the gateway: ingest throughput (single POSTs with a few in flight, and
// 50-entry transaction Bundles), projection lag from an acknowledged write to the entry showing in
// the person read, and `$everything` for a person with 500 items across 6 organisations — both
// sampled while each ingest load runs, and once idle for comparison. Prints markdown.
//   node -r ./libs/shared/testing/src/lib/swc-register.js tools/bench/record/ingest-and-read.bench.ts \
//     [--persons 200] [--single 5000] [--in-flight 4] [--bundled 20000] [--bundle-size 50] \
//     [--bundle-in-flight 2] [--everything-items 500] [--sample-every-ms 100] [--seconds 120] \
//     [--on embedded|kafka-mongo] [--kafka-brokers 127.0.0.1:19092] [--mongodb-url mongodb://127.0.0.1:27018/]
// Lag is timed from the write's response (201/200) to the first read of the record service's
// `GET /persons/{id}/entries` (its URL from platform.json) that holds the entry, polled back to
// back; probes are Appointments, a type the load never sends, and the read is filtered to that
// type so its size stays the same whatever the load has written.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitFor } from '@ilinks/shared/testing';
import { Failures } from '../support/bench-http';
import { formatMs, integerArgument, runBounded, summariseLatencies } from '../support/latency';
import {
  type BenchMode,
  benchModeOf,
  devToken,
  dropRunDatabases,
  loadAverage,
  modeTitle,
  type PlatformInfo,
  startPlatform,
} from '../support/bench-platform';
import {
  type BenchPerson,
  createResource,
  GatewayCaller,
  msUntilVisible,
  personEntryIds,
  registerPatient,
  registerPersons,
  sendTransaction,
} from './record-gateway';
import {
  chunksOf,
  loadResource,
  mrnSystemOf,
  PROBE_TYPE,
  probeResource,
  syntheticNhsNumber,
  syntheticPatient,
  transactionBundle,
} from './synthetic-record';

const ORGANISATIONS = 6;
const IDLE_SAMPLES = 30;

interface Options {
  readonly persons: number;
  readonly single: number;
  readonly inFlight: number;
  readonly bundled: number;
  readonly bundleSize: number;
  readonly bundleInFlight: number;
  readonly everythingItems: number;
  readonly lagPersons: number;
  readonly sampleEveryMs: number;
  readonly seconds: number;
}

function optionsOf(argv: readonly string[]): Options {
  return {
    persons: integerArgument(argv, '--persons', 200, 10_000),
    single: integerArgument(argv, '--single', 5_000, 1_000_000),
    inFlight: integerArgument(argv, '--in-flight', 4, 64),
    bundled: integerArgument(argv, '--bundled', 20_000, 2_000_000),
    bundleSize: integerArgument(argv, '--bundle-size', 50, 500),
    bundleInFlight: integerArgument(argv, '--bundle-in-flight', 2, 16),
    everythingItems: integerArgument(argv, '--everything-items', 500, 1_000),
    lagPersons: integerArgument(argv, '--lag-persons', 50, 10_000),
    sampleEveryMs: integerArgument(argv, '--sample-every-ms', 100, 10_000),
    seconds: integerArgument(argv, '--seconds', 120, 1_800),
  };
}

/** The run's own organisation codes (ODS-like), so runs on a shared broker never meet. */
const organisationsOf = (run: string): string[] =>
  Array.from({ length: ORGANISATIONS }, (_, index) => `B${run.slice(0, 5).toUpperCase()}${index}`);

const pause = (ms: number) => new Promise<void>((resolvePause) => setTimeout(resolvePause, ms));

/**
 * One person registered by every organisation (the same NHS number and demographics, so identity
 * links them), with `items` entries spread over the organisations, sent as transaction Bundles.
 */
async function everythingPerson(
  systems: readonly GatewayCaller[],
  run: string,
  items: number,
  bundleSize: number,
): Promise<BenchPerson> {
  const nhsNumber = syntheticNhsNumber(Number.parseInt(run.slice(0, 6), 16));
  const subjects = new Map(
    systems.map((system) => [
      system.organisation,
      { system: mrnSystemOf(system.organisation), value: `E-${run}` },
    ]),
  );
  const ids = new Set<string>();
  for (const system of systems)
    ids.add(await registerPatient(system, syntheticPatient(system.organisation, `E-${run}`, 7, nhsNumber)));
  if (ids.size !== 1)
    throw new Error(`identity linked the ${systems.length} registrations to ${ids.size} persons, not 1`);
  const [personId] = [...ids];
  for (const [index, system] of systems.entries()) {
    const subject = subjects.get(system.organisation);
    if (!subject) continue;
    const share = Array.from({ length: Math.ceil((items - index) / systems.length) }, (_, k) =>
      loadResource(`e-${run}-${index}-${k}`, subject, k * systems.length + index),
    );
    for (const chunk of chunksOf(share, bundleSize)) await sendTransaction(system, transactionBundle(chunk));
  }
  return { personId, subjects };
}

interface Samples {
  readonly lagMs: number[];
  readonly writeMs: number[];
  readonly everythingMs: number[];
  readonly failures: Failures;
  everythingEntries: number;
}

const noSamples = (): Samples => ({
  lagMs: [],
  writeMs: [],
  everythingMs: [],
  failures: new Failures(),
  everythingEntries: 0,
});

/** Samples projection lag and `$everything` until `running` settles, pausing between samples. */
async function sampleWhile(
  running: Promise<unknown>,
  context: SampleContext,
  samples: Samples = noSamples(),
): Promise<Samples> {
  let done = false;
  const settled = running.finally(() => {
    done = true;
  });
  const lagLoop = async () => {
    while (!done) {
      await samples.failures.guard(async () => {
        samples.lagMs.push(await context.lagSample(samples.writeMs));
      }, undefined);
      await pause(context.sampleEveryMs);
    }
  };
  const everythingLoop = async () => {
    while (!done) {
      await samples.failures.guard(async () => {
        const started = performance.now();
        samples.everythingEntries = await context.everything();
        samples.everythingMs.push(performance.now() - started);
      }, undefined);
      await pause(context.sampleEveryMs);
    }
  };
  await Promise.all([settled, lagLoop(), everythingLoop()]);
  return samples;
}

interface SampleContext {
  readonly sampleEveryMs: number;
  lagSample(writeMs: number[]): Promise<number>;
  everything(): Promise<number>;
}

function sampleContext(
  info: PlatformInfo,
  system: GatewayCaller,
  practitioner: GatewayCaller,
  lagPersons: readonly BenchPerson[],
  everythingPersonId: string,
  options: Options & { run: string; visibleWithinMs: number },
): SampleContext {
  const recordService = info.services['record-projection'];
  let probes = 0;
  return {
    sampleEveryMs: options.sampleEveryMs,
    async lagSample(writeMs) {
      const index = probes++;
      const person = lagPersons[index % lagPersons.length];
      const subject = person.subjects.get(system.organisation);
      if (!subject) throw new Error('a lag person without a subject of the system');
      const sent = performance.now();
      const entryId = await createResource(
        system,
        probeResource(`p-${options.run}-${index}`, subject, index),
      );
      writeMs.push(performance.now() - sent);
      return msUntilVisible(recordService, person.personId, entryId, PROBE_TYPE, options.visibleWithinMs);
    },
    async everything() {
      const bundle = (await practitioner.get(
        `/fhir/Patient/${everythingPersonId}/$everything?_count=1000`,
      )) as {
        entry?: unknown[];
      };
      return bundle.entry?.length ?? 0;
    },
  };
}

interface Load {
  readonly title: string;
  readonly resources: number;
  readonly seconds: number;
  readonly requestMs: number[];
  readonly timedOut: boolean;
  readonly failures: Failures;
  readonly samples: Samples;
}

async function singleLoad(
  system: GatewayCaller,
  persons: readonly BenchPerson[],
  options: Options & { run: string },
  context: SampleContext,
): Promise<Load> {
  const items = Array.from({ length: options.single }, (_, index) => index);
  const failures = new Failures();
  const running = runBounded(items, options.inFlight, options.seconds, async (index) => {
    const subject = persons[index % persons.length].subjects.get(system.organisation);
    if (!subject) throw new Error('a person without a subject of the system');
    const resource = loadResource(`s-${options.run}-${index}`, subject, index);
    return failures.guard(async () => (await createResource(system, resource), 1), 0);
  });
  const samples = await sampleWhile(running, context);
  const run = await running;
  return {
    title: `single \`POST /fhir/<Type>\`, ${options.inFlight} in flight`,
    resources: run.results.reduce((sum, stored) => sum + stored, 0),
    seconds: run.seconds,
    requestMs: run.latenciesMs,
    timedOut: run.skipped > 0,
    failures,
    samples,
  };
}

async function bundleLoad(
  system: GatewayCaller,
  persons: readonly BenchPerson[],
  options: Options & { run: string },
  context: SampleContext,
): Promise<Load> {
  const bundles = Math.ceil(options.bundled / options.bundleSize);
  const items = Array.from({ length: bundles }, (_, index) => index);
  const failures = new Failures();
  // One person per Bundle, as a partner sends one encounter with everything in it.
  const running = runBounded(items, options.bundleInFlight, options.seconds, async (bundle) => {
    const subject = persons[bundle % persons.length].subjects.get(system.organisation);
    if (!subject) throw new Error('a person without a subject of the system');
    const size = Math.min(options.bundleSize, options.bundled - bundle * options.bundleSize);
    const resources = Array.from({ length: size }, (_, k) =>
      loadResource(`t-${options.run}-${bundle}-${k}`, subject, bundle * options.bundleSize + k),
    );
    return failures.guard(() => sendTransaction(system, transactionBundle(resources)), 0);
  });
  const samples = await sampleWhile(running, context);
  const run = await running;
  return {
    title: `transaction Bundles of ${options.bundleSize}, ${options.bundleInFlight} in flight`,
    resources: run.results.reduce((sum, stored) => sum + stored, 0),
    seconds: run.seconds,
    requestMs: run.latenciesMs,
    timedOut: run.skipped > 0,
    failures,
    samples,
  };
}

const rate = (count: number, seconds: number): string => Math.round(count / seconds).toLocaleString('en-GB');

function latencyCells(latenciesMs: readonly number[]): string {
  const summary = summariseLatencies(latenciesMs);
  return `${summary.count} | ${formatMs(summary.p50)} | ${formatMs(summary.p99)} | ${formatMs(summary.max)}`;
}

function printReport(
  mode: BenchMode,
  options: Options,
  setup: { persons: number; registrationSeconds: number; everythingEntries: number; loadAtStart: string },
  idle: Samples,
  loads: readonly Load[],
): void {
  console.log(
    `\n## Record: ingest, projection lag and \`$everything\` — ${modeTitle(mode)}, Node ${process.version}\n`,
  );
  console.log(
    `${setup.persons} persons registered by one partner system in ${setup.registrationSeconds.toFixed(1)} s; ` +
      `the load goes to them in turn; lag probes to the first ${Math.min(options.lagPersons, setup.persons)} in turn. ` +
      `\`$everything\` (\`_count=1000\`, as a practitioner of one of the ${ORGANISATIONS} organisations) returns ` +
      `${setup.everythingEntries} entries (the Patient and ${options.everythingItems} items). ` +
      `Samples every ${options.sampleEveryMs} ms; each load at most ${options.seconds} s. ` +
      `Load average (1/5/15 min): ${setup.loadAtStart} at start, ${loadAverage()} at end.\n`,
  );
  console.log(
    '| load | resources | s | resources/s | failed requests | requests | request p50 ms | p99 ms | max ms |',
  );
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const load of loads)
    console.log(
      `| ${load.title}${load.timedOut ? ' (time ran out)' : ''} | ${load.resources.toLocaleString('en-GB')} | ` +
        `${load.seconds.toFixed(1)} | ${rate(load.resources, load.seconds)} | ${load.failures.count} | ` +
        `${latencyCells(load.requestMs)} |`,
    );
  console.log(
    '\n| while | failed samples | lag samples | lag p50 ms | p99 ms | max ms | probe write samples | p50 ms | p99 ms | max ms | `$everything` samples | p50 ms | p99 ms | max ms |',
  );
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const [title, samples] of [
    ['idle', idle],
    ...loads.map((load) => [load.title, load.samples] as const),
  ] as const)
    console.log(
      `| ${title} | ${samples.failures.count} | ${latencyCells(samples.lagMs)} | ${latencyCells(samples.writeMs)} | ${latencyCells(samples.everythingMs)} |`,
    );
  const failures = loads.flatMap((load) => [
    ...load.failures.lines(load.title),
    ...load.samples.failures.lines(`samples while ${load.title}`),
  ]);
  if (failures.length > 0)
    console.log(
      `\nFailed (not counted in the figures; request latencies include them):\n${failures.join('\n')}`,
    );
  const bundles = loads.at(-1);
  const worst = (pick: (samples: Samples) => number[]) =>
    Math.max(...loads.map((load) => summariseLatencies(pick(load.samples)).p99));
  if (bundles)
    console.log(
      `\nTargets (set for embedded): bundles ≥ 1,000 resources/s: ${rate(bundles.resources, bundles.seconds)}; ` +
        `lag p99 < 200 ms: ${formatMs(worst((s) => s.lagMs))}; ` +
        `\`$everything\` p99 < 100 ms: ${formatMs(worst((s) => s.everythingMs))} (worst of the loads).`,
    );
}

async function main(): Promise<void> {
  const options = optionsOf(process.argv);
  const run = randomUUID().replace(/-/g, '').slice(0, 8);
  const mode = benchModeOf(process.argv, run);
  const visibleWithinMs = mode.on === 'embedded' ? 60_000 : 300_000;
  const dataDir = mkdtempSync(join(tmpdir(), 'ilinks-bench-record-'));
  const platform = await startPlatform(mode, dataDir);
  try {
    const { info } = platform;
    const recordService = info.services['record-projection'];
    if (!recordService) throw new Error('platform.json names no record-projection service');
    const organisations = organisationsOf(run);
    const systems = await Promise.all(
      organisations.map(
        async (organisation) =>
          new GatewayCaller(
            info.gateway,
            organisation,
            await devToken(info.gateway, `bench-${organisation}`, organisation, 'system'),
          ),
      ),
    );
    const [system] = systems;
    const practitioner = new GatewayCaller(
      info.gateway,
      system.organisation,
      await devToken(info.gateway, 'dr-bench', system.organisation, 'practitioner'),
    );

    const registering = performance.now();
    const persons = await registerPersons(system, run, options.persons);
    const registrationSeconds = (performance.now() - registering) / 1000;
    const everything = await everythingPerson(systems, run, options.everythingItems, options.bundleSize);
    await waitFor(
      async () =>
        (await personEntryIds(recordService, everything.personId)).length >= options.everythingItems,
      {
        description: `the ${options.everythingItems} items to show in the person read`,
        timeoutMs: visibleWithinMs,
        intervalMs: 200,
      },
    );
    const lagPersons = persons.slice(0, options.lagPersons);
    const context = sampleContext(info, system, practitioner, lagPersons, everything.personId, {
      ...options,
      run,
      visibleWithinMs,
    });
    // Warm-up: one probe per lag person, which also waits until identity has linked each of them.
    for (let index = 0; index < lagPersons.length; index++) await context.lagSample([]);
    const everythingEntries = await context.everything();

    const loadAtStart = loadAverage();
    const idle: Samples = { ...noSamples(), everythingEntries };
    for (let index = 0; index < IDLE_SAMPLES; index++) {
      idle.lagMs.push(await context.lagSample(idle.writeMs));
      const started = performance.now();
      await context.everything();
      idle.everythingMs.push(performance.now() - started);
    }
    const loads = [
      await singleLoad(system, persons, { ...options, run }, context),
      await bundleLoad(system, persons, { ...options, run }, context),
    ];
    printReport(
      mode,
      options,
      { persons: persons.length, registrationSeconds, everythingEntries, loadAtStart },
      idle,
      loads,
    );
  } finally {
    await platform.stop();
    rmSync(dataDir, { recursive: true, force: true });
    await dropRunDatabases(mode);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
