// Append throughput and latency of the event store adapters, as a markdown table.
//   node -r ./libs/shared/testing/src/lib/swc-register.js tools/bench/event-store/append.bench.ts [--seconds N]
// SQLite always (a file in a temporary directory, both durability settings); EventStoreDB too
// when EVENTSTORE_CONNECTION_STRING is set. One writer, appends in sequence, each at the exact
// expected revision of its stream (as the command handler does), spread over 100 streams.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  EventStoreDbEventStore,
  SqliteEventStore,
  type EventStore,
  type ExpectedRevision,
  type SqliteSynchronous,
} from '@ilinks/platform/event-store';

interface Target {
  readonly adapter: string;
  readonly durability: string;
  open(): { store: EventStore; cleanup(): void };
}

interface Measurement {
  readonly appends: number;
  readonly events: number;
  readonly seconds: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

const STREAMS = 100;

function secondsFromArguments(argv: readonly string[]): number {
  const index = argv.indexOf('--seconds');
  const seconds = index >= 0 ? Number(argv[index + 1]) : 2;
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 60)
    throw new Error('--seconds takes a number of seconds, 0 < N <= 60');
  return seconds;
}

function sqliteTarget(synchronous: SqliteSynchronous): Target {
  return {
    adapter: 'SQLite (file)',
    durability: `WAL, synchronous=${synchronous.toUpperCase()}`,
    open: () => {
      const directory = mkdtempSync(join(tmpdir(), 'ilinks-bench-'));
      const store = new SqliteEventStore(join(directory, 'events.sqlite'), { synchronous });
      return { store, cleanup: () => rmSync(directory, { recursive: true, force: true }) };
    },
  };
}

function eventStoreDbTarget(connectionString: string): Target {
  return {
    adapter: 'EventStoreDB',
    durability: 'server defaults',
    open: () => ({
      store: EventStoreDbEventStore.fromConnectionString(connectionString),
      cleanup: () => undefined,
    }),
  };
}

async function measure(store: EventStore, batchSize: number, seconds: number): Promise<Measurement> {
  const run = randomUUID().slice(0, 8);
  const revisions = new Map<string, bigint>();
  const latenciesNs: bigint[] = [];
  const started = process.hrtime.bigint();
  const deadline = started + BigInt(Math.round(seconds * 1e9));
  for (let index = 0; process.hrtime.bigint() < deadline; index += 1) {
    const stream = `bench${run}-${index % STREAMS}`;
    const current = revisions.get(stream);
    const expectedRevision: ExpectedRevision = current ?? 'no_stream';
    const events = Array.from({ length: batchSize }, (_, n) => ({
      id: randomUUID(),
      type: 'BenchmarkEventRecorded',
      data: { index, n, payload: 'x'.repeat(200) },
      metadata: { correlationId: run },
    }));
    const before = process.hrtime.bigint();
    const result = await store.appendToStream(stream, events, { expectedRevision });
    latenciesNs.push(process.hrtime.bigint() - before);
    revisions.set(stream, result.nextExpectedRevision);
  }
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  const sorted = latenciesNs.map((ns) => Number(ns) / 1e6).sort((a, b) => a - b);
  const percentile = (p: number): number =>
    sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
  return {
    appends: sorted.length,
    events: sorted.length * batchSize,
    seconds: elapsed,
    p50Ms: percentile(50),
    p99Ms: percentile(99),
  };
}

async function main(): Promise<void> {
  const seconds = secondsFromArguments(process.argv.slice(2));
  const connectionString = process.env['EVENTSTORE_CONNECTION_STRING'];
  const targets = [
    sqliteTarget('full'),
    sqliteTarget('normal'),
    ...(connectionString ? [eventStoreDbTarget(connectionString)] : []),
  ];
  const rows: string[] = [];
  for (const target of targets) {
    for (const batchSize of [1, 10]) {
      const { store, cleanup } = target.open();
      try {
        const m = await measure(store, batchSize, seconds);
        rows.push(
          `| ${target.adapter} | ${target.durability} | ${batchSize} | ${Math.round(m.appends / m.seconds)} | ${Math.round(m.events / m.seconds)} | ${m.p50Ms.toFixed(3)} | ${m.p99Ms.toFixed(3)} |`,
        );
      } finally {
        await store.close();
        cleanup();
      }
    }
  }
  const lines = [
    `Event store appends — ${seconds} s per row, one writer, ${STREAMS} streams, Node ${process.version}, ${cpus().length} CPUs, temp dir ${tmpdir()}`,
    connectionString ? '' : '(EventStoreDB skipped: EVENTSTORE_CONNECTION_STRING is not set)',
    '',
    '| adapter | durability | events per append | appends/s | events/s | p50 latency (ms) | p99 latency (ms) |',
    '|---|---|---:|---:|---:|---:|---:|',
    ...rows,
  ];
  process.stdout.write(`${lines.filter((line, index) => index !== 1 || line !== '').join('\n')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
