// Issue 5, measured: the time to rebuild all the record service's views from its event store.
// Generates `--events` events straight into the service's SQLite event store under a temporary
// data directory — each entry stream decided by the record domain's own decider (recorded; some
// revised; a few entered in error), appended at `no_stream` as the command path would — then runs
// the platform's own `rebuild-projections record-projection` command on it as a child process
// and prints its report. Prints markdown.
//   node -r ./libs/shared/testing/src/lib/swc-register.js tools/bench/record/rebuild.bench.ts \
//     [--events 1000000 (20000 with kafka-mongo)] [--max-minutes 60] [--on embedded|kafka-mongo] [--kafka-brokers 127.0.0.1:19092] [--mongodb-url mongodb://127.0.0.1:27018/]
// With kafka-mongo the views are rebuilt into a database of the run's own on the MongoDB-wire
// server (dropped afterwards); the event store stays SQLite, as in the integration run.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type EventToAppend, SqliteEventStore } from '@ilinks/platform/event-store';
import {
  entryIdFor,
  entryStream,
  type RecordEntry,
  type RecordEntryCommand,
  recordEntryDecider,
  type RecordEntryEvent,
  type RecordEntryState,
} from '@ilinks/record-projection/domain';
import { eventIdFor } from '@ilinks/shared/kernel';
import { swcRegisterPath } from '@ilinks/shared/testing';
import { integerArgument } from '../support/latency';
import {
  type BenchMode,
  benchModeOf,
  dropRunDatabases,
  loadAverage,
  modeTitle,
  platformEnvironment,
  repoRoot,
} from '../support/bench-platform';
import { loadResource, mrnSystemOf } from './synthetic-record';

const SERVICE = 'record-projection';
const ORGANISATIONS = ['RBS', 'Y12345', 'LA001', 'RQ6', 'NWAS1', 'RBT'];
const PERSONS = 10_000;
/** Of every 100 entries, how many are revised once, and how many of those then retracted. */
const REVISED_PER_100 = 30;
const RETRACTED_PER_100 = 5;
const START = Date.UTC(2025, 0, 1);
/**
 * Events by default: the 1M embedded; on the MongoDB-wire server (FerretDB) each view
 * write is a round trip of milliseconds, so 1M would take hours there: a sample, read as events/s.
 */
const DEFAULT_EVENTS: Readonly<Record<BenchMode['on'], number>> = {
  embedded: 1_000_000,
  'kafka-mongo': 20_000,
};
/** The record part the gateway files each load type under (`ingest-resource-types.ts`). */
const PART_OF_TYPE: Readonly<Record<string, string>> = {
  Observation: 'results',
  Condition: 'problems',
  Encounter: 'encounters',
  MedicationStatement: 'medications',
  Procedure: 'problems',
  AllergyIntolerance: 'allergies',
};

/** The codings the gateway indexes: the resource's `code` (or medication) as sent. */
function codesOf(
  resource: Readonly<Record<string, unknown>>,
): { system?: string; code?: string; display?: string }[] {
  const concept = (resource['code'] ?? resource['medicationCodeableConcept']) as
    | { coding?: { system?: string; code?: string; display?: string }[] }
    | undefined;
  return (concept?.coding ?? []).map((coding) => ({ ...coding }));
}

/** The commands one entry's stream sees: recorded, perhaps revised, perhaps then retracted. */
function commandsOfEntry(entry: number): RecordEntryCommand[] {
  const organisation = ORGANISATIONS[entry % ORGANISATIONS.length];
  const subject = { system: mrnSystemOf(organisation), value: `R-${entry % PERSONS}` };
  const partnerId = `r-${entry}`;
  const first = loadResource(partnerId, subject, entry);
  const resourceType = String(first['resourceType']);
  const entryId = entryIdFor({ organisation, resourceType, partnerId });
  const recordedBy = { subject: `${organisation}-system`, role: 'system' };
  const now = (step: number) => new Date(START + entry * 1_000 + step * 60_000);
  const record = (resource: Record<string, unknown>, step: number): RecordEntry => ({
    type: 'RecordEntry',
    data: {
      entryId,
      organisation,
      recordedBy,
      resourceType,
      partnerId,
      subject,
      part: PART_OF_TYPE[resourceType] ?? 'encounters',
      codes: codesOf(resource),
      unknownCodeSystems: false,
      resource,
    },
    metadata: { idempotencyKey: `bench-${entry}-${step}`, now: now(step), actor: recordedBy.subject },
  });
  const commands: RecordEntryCommand[] = [record(first, 0)];
  const revised = entry % 100 < REVISED_PER_100;
  if (revised) commands.push(record({ ...first, note: [{ text: 'amended' }] }, 1));
  if (revised && entry % 100 < RETRACTED_PER_100)
    commands.push({
      type: 'EnterEntryInError',
      data: { entryId, organisation, recordedBy },
      metadata: { idempotencyKey: `bench-${entry}-2`, now: now(2), actor: recordedBy.subject },
    });
  return commands;
}

/** The events the decider records for one entry, as the command path would append them. */
function eventsOfEntry(entry: number): { stream: string; events: EventToAppend[] } {
  const commands = commandsOfEntry(entry);
  const stream = entryStream(commands[0].data.entryId);
  const events: EventToAppend[] = [];
  let state: RecordEntryState = recordEntryDecider.initialState();
  for (const command of commands) {
    const decided: readonly RecordEntryEvent[] = recordEntryDecider.decide(command, state);
    decided.forEach((event, index) => {
      state = recordEntryDecider.evolve(state, event);
      events.push({
        id: eventIdFor(stream, command.metadata.idempotencyKey, index),
        type: event.type,
        data: event.data,
        metadata: { actor: command.metadata.actor },
      });
    });
  }
  return { stream, events };
}

/** Fills the service's event store with `count` events; resolves with how many streams hold them. */
async function generate(file: string, count: number): Promise<number> {
  const store = new SqliteEventStore(file, { synchronous: 'normal' });
  try {
    let written = 0;
    let entry = 0;
    while (written < count) {
      const { stream, events } = eventsOfEntry(entry++);
      const batch = events.slice(0, count - written);
      await store.appendToStream(stream, batch, { expectedRevision: 'no_stream' });
      written += batch.length;
    }
    return entry;
  } finally {
    await store.close();
  }
}

interface RebuildReport {
  readonly service: string;
  readonly views: readonly string[];
  readonly events: number;
  readonly outcomes: Readonly<Record<string, number>>;
  readonly seconds: number;
}

/** Runs the platform's `rebuild-projections record-projection`; resolves with its report. Stopped after `maxMinutes`. */
function rebuild(mode: BenchMode, dataDir: string, maxMinutes: number): Promise<RebuildReport> {
  const child = spawn(
    process.execPath,
    ['-r', swcRegisterPath, join(repoRoot, 'apps/platform/src/main.ts'), 'rebuild-projections', SERVICE],
    { cwd: repoRoot, env: platformEnvironment(mode, dataDir), stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  return new Promise((resolveReport, reject) => {
    const timer = setTimeout(() => child.kill('SIGTERM'), maxMinutes * 60_000);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      const line = output.split('\n').find((text) => text.includes(`"service":"${SERVICE}"`));
      if (code !== 0 || !line)
        reject(
          new Error(`rebuild-projections exited with ${code} (stopped after ${maxMinutes} min at most)`),
        );
      else resolveReport(JSON.parse(line) as RebuildReport);
    });
  });
}

const perSecond = (count: number, seconds: number): string =>
  Math.round(count / seconds).toLocaleString('en-GB');

async function main(): Promise<void> {
  const run = randomUUID().replace(/-/g, '').slice(0, 8);
  const mode = benchModeOf(process.argv, run);
  const events = integerArgument(process.argv, '--events', DEFAULT_EVENTS[mode.on], 20_000_000);
  const maxMinutes = integerArgument(process.argv, '--max-minutes', 60, 24 * 60);
  const dataDir = mkdtempSync(join(tmpdir(), 'ilinks-bench-rebuild-'));
  try {
    mkdirSync(join(dataDir, SERVICE), { recursive: true });
    const generating = performance.now();
    const streams = await generate(join(dataDir, SERVICE, 'events.sqlite'), events);
    const generationSeconds = (performance.now() - generating) / 1000;
    const loadAtStart = loadAverage();
    const started = performance.now();
    const report = await rebuild(mode, dataDir, maxMinutes);
    const wallSeconds = (performance.now() - started) / 1000;

    console.log(
      `\n## Record views rebuilt from the event store — ${modeTitle(mode)}, Node ${process.version}\n`,
    );
    console.log(
      `${events.toLocaleString('en-GB')} events in ${streams.toLocaleString('en-GB')} entry streams ` +
        `(${REVISED_PER_100}% revised, ${RETRACTED_PER_100}% then entered in error; ${ORGANISATIONS.length} organisations, ` +
        `${PERSONS.toLocaleString('en-GB')} patients), generated in ${generationSeconds.toFixed(1)} s ` +
        `(${perSecond(events, generationSeconds)} events/s appended). Load average (1/5/15 min): ${loadAtStart} at start, ` +
        `${loadAverage()} at end.\n`,
    );
    console.log(
      '| views | events replayed | rebuild s | events/s | command wall s (with start-up) | outcomes |',
    );
    console.log('|---|---:|---:|---:|---:|---|');
    const outcomes = Object.entries(report.outcomes)
      .map(([outcome, count]) => `${outcome} ${count.toLocaleString('en-GB')}`)
      .join(', ');
    console.log(
      `| ${report.views.join(', ')} | ${report.events.toLocaleString('en-GB')} | ${report.seconds.toFixed(1)} | ` +
        `${perSecond(report.events, report.seconds)} | ${wallSeconds.toFixed(1)} | ${outcomes} |`,
    );
    console.log(`\nTarget (embedded): ≥ 20,000 events/s: ${perSecond(report.events, report.seconds)}.`);
    if (report.events !== events)
      throw new Error(`the rebuild replayed ${report.events} of ${events} events`);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
    await dropRunDatabases(mode);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
