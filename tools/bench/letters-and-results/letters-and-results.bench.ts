// Issue 6, measured through the gateway: (a) letters/s — a partner's `POST /fhir/Communication`
// with a contained DocumentReference and a ~20 KB PDF of its own, two recipients; (b) reports/s — a
// lab's `POST /fhir/DiagnosticReport` with 5 contained Observations (UCUM), a share of them based on
// a GP's ServiceRequest; (c) routing latency — from the lab's 201 to the report in every
// recipient's unacknowledged-results queue (the requester's and the registered practice's, two
// organisations), sampled idle and while (b) runs; (d) inbox query p99 with 100k letters stored
// (preloaded straight into the correspondence service's own `POST /letters`). Prints markdown.
//   node -r ./libs/shared/testing/src/lib/swc-register.js tools/bench/letters-and-results/letters-and-results.bench.ts \
//     [--persons 200] [--letters 2000] [--letters-in-flight 4] [--pdf-kb 20] [--reports 10000] \
//     [--reports-in-flight 8] [--requested-percent 30] [--stored-letters 100000] [--store-in-flight 16] \
//     [--acknowledged-percent 2] [--store-seconds 1800] [--queries 300] [--idle-samples 30] \
//     [--sample-every-ms 100] [--seconds 300] [--on embedded|kafka-mongo] [--kafka-brokers …] [--mongodb-url …]
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatMs, integerArgument, runBounded, summariseLatencies } from '../support/latency';
import {
  type BenchMode,
  benchModeOf,
  dropRunDatabases,
  loadAverage,
  modeTitle,
  startPlatform,
} from '../support/bench-platform';
import { Failures } from '../support/bench-http';
import { Caller, gatewayCaller, storeLetter, untilQueued, untilQuiet } from './bench-calls';
import {
  type Addressee,
  byMrn,
  byNhsNumber,
  dischargeLetter,
  distinctNhsNumbers,
  labReport,
  orderSystemOf,
  patientWithPractice,
  pdfOf,
  type Requester,
  severityOf,
  storedLetter,
  testRequest,
} from './synthetic-letters-and-results';

const COMMUNITY_TEAM = 'district-nursing';
const PRACTICE_TEAM = 'frailty';
const REGISTRATION_IN_FLIGHT = 4;
/** How long the bench waits at most for the platform to settle after the inbox preload. */
const QUIET_WITHIN_SECONDS = 600;

interface Options {
  readonly persons: number;
  readonly letters: number;
  readonly lettersInFlight: number;
  readonly pdfKb: number;
  readonly reports: number;
  readonly reportsInFlight: number;
  readonly requestedPercent: number;
  readonly storedLetters: number;
  readonly storeInFlight: number;
  readonly acknowledgedPercent: number;
  readonly storeSeconds: number;
  readonly queries: number;
  readonly idleSamples: number;
  readonly sampleEveryMs: number;
  readonly seconds: number;
}

function optionsOf(argv: readonly string[]): Options {
  return {
    persons: integerArgument(argv, '--persons', 200, 10_000),
    letters: integerArgument(argv, '--letters', 2_000, 1_000_000),
    lettersInFlight: integerArgument(argv, '--letters-in-flight', 4, 64),
    pdfKb: integerArgument(argv, '--pdf-kb', 20, 1_024),
    reports: integerArgument(argv, '--reports', 10_000, 1_000_000),
    reportsInFlight: integerArgument(argv, '--reports-in-flight', 8, 64),
    requestedPercent: integerArgument(argv, '--requested-percent', 30, 100),
    storedLetters: integerArgument(argv, '--stored-letters', 100_000, 1_000_000),
    storeInFlight: integerArgument(argv, '--store-in-flight', 16, 128),
    acknowledgedPercent: integerArgument(argv, '--acknowledged-percent', 2, 100),
    storeSeconds: integerArgument(argv, '--store-seconds', 1_800, 7_200),
    queries: integerArgument(argv, '--queries', 300, 100_000),
    idleSamples: integerArgument(argv, '--idle-samples', 30, 10_000),
    sampleEveryMs: integerArgument(argv, '--sample-every-ms', 100, 10_000),
    seconds: integerArgument(argv, '--seconds', 300, 3_600),
  };
}

/** The run's organisations (ODS-like codes of its own, so runs on a shared broker never meet). */
interface Organisations {
  /** Sends the letters; registers every load person. */
  readonly hospital: string;
  /** Orders tests for the load persons (the requester). */
  readonly gp: string;
  /** The load persons' registered practice: receives results and most letters. */
  readonly practice: string;
  readonly community: string;
  readonly other: string;
  readonly lab: string;
  /** The routing probe's requester and its patient's registered practice: queues of their own. */
  readonly probeGp: string;
  readonly probePractice: string;
}

function organisationsOf(run: string): Organisations {
  const code = (letter: string) => `B${run.slice(0, 5).toUpperCase()}${letter}`;
  return {
    hospital: code('H'),
    gp: code('G'),
    practice: code('P'),
    community: code('C'),
    other: code('O'),
    lab: code('L'),
    probeGp: code('R'),
    probePractice: code('Q'),
  };
}

/** A load person: our id, and the NHS number and local records the partners know them by. */
interface LoadPerson {
  readonly personId: string;
  readonly nhsNumber: string;
  readonly gpMrn: string;
  readonly hospitalMrn: string;
}

interface Callers {
  readonly hospital: Caller;
  readonly gp: Caller;
  readonly lab: Caller;
  readonly probeGp: Caller;
  /** Practitioners: of the practice (inbox), and of the probe's two recipient organisations. */
  readonly practiceDoctor: Caller;
  readonly probeRequesterDoctor: Caller;
  readonly probePracticeDoctor: Caller;
  /** The correspondence service's own API (no token: the gateway's side of the network). */
  readonly correspondence: Caller;
}

const pause = (ms: number) => new Promise<void>((resolvePause) => setTimeout(resolvePause, ms));
const rate = (count: number, seconds: number): string => Math.round(count / seconds).toLocaleString('en-GB');
const count = (value: number): string => value.toLocaleString('en-GB');

/**
 * Registers each load person twice, as the GP and as the hospital (same NHS number and
 * demographics, so identity links them; the bench stops if it does not), naming the practice.
 */
async function registerLoadPersons(
  callers: Callers,
  organisations: Organisations,
  run: string,
  nhsNumbers: readonly string[],
): Promise<LoadPerson[]> {
  const registered = await runBounded(nhsNumbers, REGISTRATION_IN_FLIGHT, 1_200, async (nhsNumber, index) => {
    const gpMrn = `G-${run}-${index}`;
    const hospitalMrn = `H-${run}-${index}`;
    const personId = await callers.gp.createFhir(
      patientWithPractice(organisations.gp, gpMrn, index, nhsNumber, organisations.practice),
    );
    const again = await callers.hospital.createFhir(
      patientWithPractice(organisations.hospital, hospitalMrn, index, nhsNumber, organisations.practice),
    );
    if (again !== personId) throw new Error('identity did not link the GP and hospital registrations');
    return { personId, nhsNumber, gpMrn, hospitalMrn };
  });
  if (registered.skipped > 0) throw new Error('registration ran out of time');
  return registered.results;
}

/** The routing probe: its person, its requester, and how long a report may take to show. */
interface ProbeContext {
  readonly run: string;
  readonly organisations: Organisations;
  readonly callers: Callers;
  readonly nhsNumber: string;
  readonly mrn: string;
  readonly requester: Requester;
  readonly visibleWithinMs: number;
}

interface RoutingSamples {
  readonly routingMs: number[];
  readonly reportWriteMs: number[];
  /** Queue reads until the report showed, per queue polled (1: there at the first look). */
  readonly reads: number[];
  readonly failures: Failures;
}

const noRoutingSamples = (): RoutingSamples => ({
  routingMs: [],
  reportWriteMs: [],
  reads: [],
  failures: new Failures(),
});

let probes = 0;

/**
 * One routing sample: the probe GP orders a test (not timed), the lab reports it (critical, so it
 * would top any queue), and from the lab's 201 both recipients' queues are polled back to back until
 * each holds the report: the sample is the later of the two. The requester then acknowledges it,
 * so the probe queues stay short.
 */
async function routingSample(context: ProbeContext, samples: RoutingSamples): Promise<void> {
  const index = probes++;
  const { run, organisations, callers } = context;
  const order = `PRB-${run}-${index}`;
  await callers.probeGp.createFhir(
    testRequest(
      `prq-${run}-${index}`,
      order,
      byMrn(organisations.probeGp, context.mrn),
      context.requester,
      organisations.lab,
    ),
  );
  const sent = performance.now();
  const reportId = await callers.lab.createFhir(
    labReport({
      id: `prb-${run}-${index}`,
      patient: byNhsNumber(context.nhsNumber),
      index,
      severity: 'critical',
      issued: new Date().toISOString(),
      order: { system: orderSystemOf(organisations.probeGp), value: order },
    }),
  );
  const answered = performance.now();
  samples.reportWriteMs.push(answered - sent);
  const visible = await Promise.all(
    [callers.probeRequesterDoctor, callers.probePracticeDoctor].map((doctor) =>
      untilQueued(doctor, reportId, answered, context.visibleWithinMs),
    ),
  );
  samples.routingMs.push(Math.max(...visible.map((queue) => queue.ms)));
  samples.reads.push(...visible.map((queue) => queue.reads));
  await callers.probeRequesterDoctor.postExpecting(`/diagnostics/reports/${reportId}/acknowledge`, {}, [200]);
}

/** Samples routing until `running` settles, pausing between samples. */
async function sampleRoutingWhile(
  running: Promise<unknown>,
  context: ProbeContext,
  sampleEveryMs: number,
): Promise<RoutingSamples> {
  const samples = noRoutingSamples();
  let done = false;
  const settled = running.finally(() => {
    done = true;
  });
  const loop = async () => {
    while (!done) {
      await samples.failures.guard(() => routingSample(context, samples), undefined);
      await pause(sampleEveryMs);
    }
  };
  await Promise.all([settled, loop()]);
  return samples;
}

interface Load {
  readonly title: string;
  readonly items: number;
  readonly seconds: number;
  readonly requestMs: number[];
  readonly timedOut: boolean;
  readonly failures: Failures;
}

/** (a) Letters through the gateway: the hospital to the practice and the community team. */
async function letterLoad(
  callers: Callers,
  organisations: Organisations,
  persons: readonly LoadPerson[],
  options: Options & { run: string },
): Promise<Load> {
  const recipients: Addressee[] = [
    { organisation: organisations.practice },
    { organisation: organisations.community, team: COMMUNITY_TEAM },
  ];
  const failures = new Failures();
  const items = Array.from({ length: options.letters }, (_, index) => index);
  const run = await runBounded(items, options.lettersInFlight, options.seconds, async (index) => {
    const person = persons[index % persons.length];
    const letter = dischargeLetter(
      `ltr-${options.run}-${index}`,
      byMrn(organisations.hospital, person.hospitalMrn),
      recipients,
      pdfOf(`${options.run}-${index}`, options.pdfKb * 1024),
    );
    return failures.guard(async () => (await callers.hospital.createFhir(letter), 1), 0);
  });
  return {
    title: `(a) letters: \`POST /fhir/Communication\`, ${options.pdfKb} KB PDF, 2 recipients, ${options.lettersInFlight} in flight`,
    items: run.results.reduce((sum, stored) => sum + stored, 0),
    seconds: run.seconds,
    requestMs: run.latenciesMs,
    timedOut: run.skipped > 0,
    failures,
  };
}

/** Whether load report `index` is based on an order (the first `requestedPercent` of each hundred). */
const isRequested = (index: number, requestedPercent: number): boolean => index % 100 < requestedPercent;

const loadOrderOf = (run: string, index: number): string => `ORD-${run}-${index}`;

/** The GP's orders the requested share of the load reports will be based on (set-up, not timed). */
async function placeOrders(
  callers: Callers,
  organisations: Organisations,
  persons: readonly LoadPerson[],
  requester: Requester,
  options: Options & { run: string },
): Promise<{ orders: number; seconds: number }> {
  const indexes = Array.from({ length: options.reports }, (_, index) => index).filter((index) =>
    isRequested(index, options.requestedPercent),
  );
  const placed = await runBounded(indexes, options.reportsInFlight, options.storeSeconds, async (index) => {
    const person = persons[index % persons.length];
    await callers.gp.createFhir(
      testRequest(
        `ord-${options.run}-${index}`,
        loadOrderOf(options.run, index),
        byMrn(organisations.gp, person.gpMrn),
        requester,
        organisations.lab,
      ),
    );
  });
  if (placed.skipped > 0) throw new Error('placing the orders ran out of time');
  return { orders: indexes.length, seconds: placed.seconds };
}

/** (b) Lab reports through the gateway, with routing sampled while they run. */
async function reportLoad(
  callers: Callers,
  organisations: Organisations,
  persons: readonly LoadPerson[],
  options: Options & { run: string },
  probe: ProbeContext,
): Promise<{ load: Load; samples: RoutingSamples }> {
  const failures = new Failures();
  const items = Array.from({ length: options.reports }, (_, index) => index);
  const running = runBounded(items, options.reportsInFlight, options.seconds, async (index) => {
    const person = persons[index % persons.length];
    const report = labReport({
      id: `rep-${options.run}-${index}`,
      patient: byNhsNumber(person.nhsNumber),
      index,
      severity: severityOf(index),
      issued: new Date().toISOString(),
      ...(isRequested(index, options.requestedPercent)
        ? { order: { system: orderSystemOf(organisations.gp), value: loadOrderOf(options.run, index) } }
        : {}),
    });
    return failures.guard(async () => (await callers.lab.createFhir(report), 1), 0);
  });
  const samples = await sampleRoutingWhile(running, probe, options.sampleEveryMs);
  const run = await running;
  return {
    load: {
      title: `(b) reports: \`POST /fhir/DiagnosticReport\`, 5 Observations, ${options.requestedPercent} % on an order, ${options.reportsInFlight} in flight`,
      items: run.results.reduce((sum, stored) => sum + stored, 0),
      seconds: run.seconds,
      requestMs: run.latenciesMs,
      timedOut: run.skipped > 0,
      failures,
    },
    samples,
  };
}

/**
 * Who stored letter `index` goes to: 4 in 5 to the practice (1 in 5 of all to its frailty team),
 * with the community or another organisation as the second recipient; the rest to those two only.
 */
function storedRecipients(organisations: Organisations, index: number): Addressee[] {
  const second = { organisation: index % 2 === 0 ? organisations.community : organisations.other };
  if (index % 5 === 0)
    return [{ organisation: organisations.community }, { organisation: organisations.other }];
  if (index % 5 === 1) return [{ organisation: organisations.practice, team: PRACTICE_TEAM }, second];
  return [{ organisation: organisations.practice }, second];
}

interface StoredLetters {
  readonly load: Load;
  readonly toPractice: number;
  readonly acknowledged: number;
  readonly acknowledgeSeconds: number;
}

/**
 * (d) The inbox preload: `storedLetters` letters straight into the correspondence service (not
 * through the gateway, to keep the load time sane), the newest `acknowledgedPercent` of the
 * practice's copies then acknowledged there, so `status=open` has closed copies to pass over.
 */
async function storeLetters(
  callers: Callers,
  organisations: Organisations,
  persons: readonly LoadPerson[],
  options: Options & { run: string },
): Promise<StoredLetters> {
  const failures = new Failures();
  const toAcknowledge: { letterId: string; copyId: string }[] = [];
  const acknowledgeFrom = Math.floor(options.storedLetters * (1 - options.acknowledgedPercent / 100));
  const items = Array.from({ length: options.storedLetters }, (_, index) => index);
  const run = await runBounded(items, options.storeInFlight, options.storeSeconds, async (index) => {
    const id = `st-${options.run}-${index}`;
    const body = storedLetter({
      id,
      index,
      personId: persons[index % persons.length].personId,
      sender: organisations.hospital,
      recipients: storedRecipients(organisations, index),
    });
    return failures.guard(async () => {
      const letter = await storeLetter(callers.correspondence, body, id);
      const copy = letter.copies.find(
        (candidate) => candidate.recipient.organisation === organisations.practice,
      );
      if (index >= acknowledgeFrom && copy !== undefined)
        toAcknowledge.push({ letterId: letter.letterId, copyId: copy.copyId });
      return 1;
    }, 0);
  });
  const by = {
    subject: `dr-practice-${options.run}`,
    role: 'practitioner',
    organisation: organisations.practice,
  };
  const acknowledged = await runBounded(toAcknowledge, options.storeInFlight, options.storeSeconds, (copy) =>
    failures.guard(async () => {
      await callers.correspondence.postExpecting(
        `/letters/${copy.letterId}/copies/${copy.copyId}/acknowledge`,
        { by },
        [200],
        { idempotencyKey: `ack-${copy.copyId}` },
      );
      return 1;
    }, 0),
  );
  const stored = run.results.reduce((sum, one) => sum + one, 0);
  return {
    load: {
      title: `(d) preload: the correspondence service's own \`POST /letters\` (not the gateway), text/plain, ${options.storeInFlight} in flight`,
      items: stored,
      seconds: run.seconds,
      requestMs: run.latenciesMs,
      timedOut: run.skipped > 0,
      failures,
    },
    toPractice: items.slice(0, run.results.length).filter((index) => index % 5 !== 0).length,
    acknowledged: acknowledged.results.reduce((sum, one) => sum + one, 0),
    acknowledgeSeconds: acknowledged.seconds,
  };
}

interface InboxQueryFigures {
  readonly query: string;
  readonly latenciesMs: number[];
  readonly items: number;
  readonly failures: Failures;
}

const INBOX_WARM_UP = 5;

/** (d) One inbox query, `queries` times, one at a time, after a few warm-up queries. */
async function timeInboxQuery(
  caller: Caller,
  path: string,
  title: string,
  queries: number,
): Promise<InboxQueryFigures> {
  const failures = new Failures();
  const read = async () => ((await caller.get(path)) as { items?: unknown[] }).items?.length ?? 0;
  let items = 0;
  for (let index = 0; index < INBOX_WARM_UP; index++) items = await failures.guard(read, items);
  const latenciesMs: number[] = [];
  for (let index = 0; index < queries; index++) {
    const started = performance.now();
    const ok = await failures.guard(async () => ((items = await read()), true), false);
    if (ok) latenciesMs.push(performance.now() - started);
  }
  return { query: title, latenciesMs, items, failures };
}

const INBOX_QUERIES = ['limit=20', 'limit=20&status=open', `limit=20&team=${PRACTICE_TEAM}`];

/**
 * (d) The inbox queries through the gateway as a practitioner of the practice (the target), then
 * the same on the correspondence service's own `GET /inbox`, to show what the gateway adds.
 */
async function timeInboxQueries(
  callers: Callers,
  practice: string,
  queries: number,
): Promise<{ gateway: InboxQueryFigures[]; service: InboxQueryFigures[] }> {
  const gateway: InboxQueryFigures[] = [];
  for (const query of INBOX_QUERIES)
    gateway.push(
      await timeInboxQuery(
        callers.practiceDoctor,
        `/correspondence/inbox?${query}`,
        `\`GET /correspondence/inbox?${query}\``,
        queries,
      ),
    );
  const service: InboxQueryFigures[] = [];
  for (const query of INBOX_QUERIES)
    service.push(
      await timeInboxQuery(
        callers.correspondence,
        `/inbox?organisation=${practice}&${query}`,
        `service's own \`GET /inbox?organisation=…&${query}\` (not the gateway; for comparison)`,
        queries,
      ),
    );
  return { gateway, service };
}

function latencyCells(latenciesMs: readonly number[]): string {
  const summary = summariseLatencies(latenciesMs);
  return `${summary.count} | ${formatMs(summary.p50)} | ${formatMs(summary.p99)} | ${formatMs(summary.max)}`;
}

/** How often a report was in a queue at the first read, and the most reads it took. */
function readsCell(reads: readonly number[]): string {
  const first = reads.filter((count) => count === 1).length;
  return `${first} of ${reads.length} / ${reads.length === 0 ? '–' : Math.max(...reads)}`;
}

/** The CPU model and count, for the heading (the figures are this machine's). */
function machine(): string {
  const model =
    /model name\s*:\s*(.+)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ??
    cpus()[0]?.model ??
    'unknown CPU';
  return `${cpus().length} vCPU ${model}`;
}

interface Report {
  readonly mode: BenchMode;
  readonly options: Options;
  readonly persons: number;
  readonly registrationSeconds: number;
  readonly orders: { orders: number; seconds: number };
  readonly loadAtStart: string;
  readonly idle: RoutingSamples;
  readonly letters: Load;
  readonly reports: { load: Load; samples: RoutingSamples };
  readonly stored: StoredLetters;
  /** How long the platform took to settle after the preload (under 10 % of a core for 2 s). */
  readonly settled: { seconds: number; quiet: boolean };
  readonly inbox: { readonly gateway: InboxQueryFigures[]; readonly service: InboxQueryFigures[] };
}

function printReport(report: Report): void {
  const { options, stored } = report;
  console.log(
    `\n## Letters and results — ${modeTitle(report.mode)}, ${machine()}, Node ${process.version}\n`,
  );
  console.log(
    `${report.persons} persons, each registered by the GP and by the hospital (linked by identity), naming the practice ` +
      `as registered practice, in ${report.registrationSeconds.toFixed(1)} s; ${count(report.orders.orders)} GP orders placed ` +
      `for the report load in ${report.orders.seconds.toFixed(1)} s (not timed). Routing probes: a critical report on a fresh ` +
      `order of a probe GP, for a person registered at a probe practice (two organisations), timed from the lab's 201 ` +
      `to both queues holding it (polled back to back), then acknowledged; every ${options.sampleEveryMs} ms while the ` +
      `report load runs. Each load at most ${options.seconds} s. Load average (1/5/15 min): ${report.loadAtStart} at start, ` +
      `${loadAverage()} at end.\n`,
  );
  console.log(
    '| load | items | s | items/s | failed requests | requests | request p50 ms | p99 ms | max ms |',
  );
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const load of [report.letters, report.reports.load, stored.load])
    console.log(
      `| ${load.title}${load.timedOut ? ' (time ran out)' : ''} | ${count(load.items)} | ${load.seconds.toFixed(1)} | ` +
        `${rate(load.items, load.seconds)} | ${load.failures.count} | ${latencyCells(load.requestMs)} |`,
    );
  console.log(
    '\n| (c) routing, while | failed samples | samples | 201 → every queue p50 ms | p99 ms | max ms | queue reads until shown: first look / max | probe report write samples | p50 ms | p99 ms | max ms |',
  );
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const [title, samples] of [
    ['idle', report.idle],
    ['(b) reports load', report.reports.samples],
  ] as const)
    console.log(
      `| ${title} | ${samples.failures.count} | ${latencyCells(samples.routingMs)} | ${readsCell(samples.reads)} | ${latencyCells(samples.reportWriteMs)} |`,
    );
  console.log(
    `\n(d) ${count(stored.load.items)} letters stored (${count(stored.toPractice)} to the practice, a fifth of all to its ` +
      `\`${PRACTICE_TEAM}\` team; ${count(stored.acknowledged)} of its newest copies then acknowledged in ` +
      `${stored.acknowledgeSeconds.toFixed(1)} s), plus the (a) letters. The platform then ` +
      `${report.settled.quiet ? 'settled' : 'had still not settled'} after ${report.settled.seconds.toFixed(0)} s (under 10 % of a core for 2 s). Queries through the gateway as a practitioner ` +
      `of the practice (then the same on the service's own API), one at a time, after ${INBOX_WARM_UP} warm-up queries each:\n`,
  );
  console.log('| query | failed | items per page | samples | p50 ms | p99 ms | max ms |');
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  for (const figures of [...report.inbox.gateway, ...report.inbox.service])
    console.log(
      `| ${figures.query} | ${figures.failures.count} | ${figures.items} | ${latencyCells(figures.latenciesMs)} |`,
    );
  const failures = [
    ...[report.letters, report.reports.load, stored.load].flatMap((load) => load.failures.lines(load.title)),
    ...report.idle.failures.lines('idle routing samples'),
    ...report.reports.samples.failures.lines('routing samples under the report load'),
    ...[...report.inbox.gateway, ...report.inbox.service].flatMap((figures) =>
      figures.failures.lines(figures.query),
    ),
  ];
  if (failures.length > 0)
    console.log(
      `\nFailed (not counted in the figures; request latencies include them):\n${failures.join('\n')}`,
    );
  const routingP99 = Math.max(
    summariseLatencies(report.idle.routingMs).p99,
    summariseLatencies(report.reports.samples.routingMs).p99,
  );
  const inboxP99 = Math.max(
    ...report.inbox.gateway.map((figures) => summariseLatencies(figures.latenciesMs).p99),
  );
  console.log(
    `\nTargets (set for embedded): reports ≥ 500/s: ${rate(report.reports.load.items, report.reports.load.seconds)}; ` +
      `routing p99 < 250 ms: ${formatMs(routingP99)} (worst of idle and under load); ` +
      `inbox p99 < 50 ms: ${formatMs(inboxP99)} (worst of the gateway queries). Letters: ${rate(report.letters.items, report.letters.seconds)}/s.`,
  );
}

async function callersOf(gateway: string, correspondence: string, organisations: Organisations, run: string) {
  const system = (organisation: string) =>
    gatewayCaller(gateway, `bench-${organisation.toLowerCase()}`, organisation, 'system');
  const doctor = (name: string, organisation: string) =>
    gatewayCaller(gateway, `${name}-${run}`, organisation, 'practitioner');
  const callers: Callers = {
    hospital: await system(organisations.hospital),
    gp: await system(organisations.gp),
    lab: await system(organisations.lab),
    probeGp: await system(organisations.probeGp),
    practiceDoctor: await doctor('dr-practice', organisations.practice),
    probeRequesterDoctor: await doctor('dr-probe', organisations.probeGp),
    probePracticeDoctor: await doctor('dr-probe-practice', organisations.probePractice),
    correspondence: new Caller(correspondence, organisations.hospital),
  };
  return callers;
}

async function main(): Promise<void> {
  const options = optionsOf(process.argv);
  const run = randomUUID().replace(/-/g, '').slice(0, 8);
  const parsedMode = benchModeOf(process.argv, run);
  const mode: BenchMode =
    parsedMode.on === 'kafka-mongo' ? { ...parsedMode, database: `bench_letters_${run}` } : parsedMode;
  const visibleWithinMs = mode.on === 'embedded' ? 60_000 : 300_000;
  const dataDir = mkdtempSync(join(tmpdir(), 'ilinks-bench-letters-'));
  const platform = await startPlatform(mode, dataDir);
  try {
    const { info } = platform;
    const correspondence = info.services['correspondence'];
    if (!correspondence) throw new Error('platform.json names no correspondence service');
    const organisations = organisationsOf(run);
    const callers = await callersOf(info.gateway, correspondence, organisations, run);
    const seed = Number.parseInt(run.slice(0, 6), 16);
    const [probeNhsNumber, ...nhsNumbers] = distinctNhsNumbers(options.persons + 1, seed);

    const registering = performance.now();
    const persons = await registerLoadPersons(callers, organisations, run, nhsNumbers);
    const registrationSeconds = (performance.now() - registering) / 1000;
    const probeMrn = `R-${run}`;
    await callers.probeGp.createFhir(
      patientWithPractice(
        organisations.probeGp,
        probeMrn,
        options.persons,
        probeNhsNumber,
        organisations.probePractice,
      ),
    );
    const requester: Requester = {
      organisation: organisations.gp,
      practitioner: `dr-gp-${run}`,
      team: 'blue-team',
    };
    const orders = await placeOrders(callers, organisations, persons, requester, { ...options, run });
    const probe: ProbeContext = {
      run,
      organisations,
      callers,
      nhsNumber: probeNhsNumber,
      mrn: probeMrn,
      requester: { organisation: organisations.probeGp, practitioner: `dr-probe-${run}`, team: 'probe-team' },
      visibleWithinMs,
    };
    // Warm-up: one probe end to end (the first may wait for a consumer group on Kafka).
    await routingSample(probe, noRoutingSamples());

    const loadAtStart = loadAverage();
    const idle = noRoutingSamples();
    for (let index = 0; index < options.idleSamples; index++) {
      await idle.failures.guard(() => routingSample(probe, idle), undefined);
      await pause(options.sampleEveryMs);
    }
    const letters = await letterLoad(callers, organisations, persons, { ...options, run });
    const reports = await reportLoad(callers, organisations, persons, { ...options, run }, probe);
    const stored = await storeLetters(callers, organisations, persons, { ...options, run });
    // The preload outruns the platform's background work (the relay, consumers): query a settled platform.
    const settled = await untilQuiet(info.pid, QUIET_WITHIN_SECONDS);
    const inbox = await timeInboxQueries(callers, organisations.practice, options.queries);
    printReport({
      mode,
      options,
      persons: persons.length,
      registrationSeconds,
      orders,
      loadAtStart,
      idle,
      letters,
      reports,
      stored,
      settled,
      inbox,
    });
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
