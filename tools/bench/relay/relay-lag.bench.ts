// The spine end to end: command-style appends to the SQLite event store → relay → bus → a consumer
// group's handler. Prints a markdown table of lag (event recorded → handler called) at a steady
// rate, and the sustained throughput of a backlog.
//   node -r ./libs/shared/testing/src/lib/swc-register.js tools/bench/relay/relay-lag.bench.ts [--rate N] [--seconds N] [--backlog N]
// In-process bus always; Kafka too when KAFKA_BROKERS is set.
import { SqliteEventStore } from '@ilinks/platform/event-store';
import {
  InProcessMessageBus,
  KafkaMessageBus,
  type MessageBus,
  silentBusLogger,
} from '@ilinks/platform/messaging';
import { SqliteReadModelStore } from '@ilinks/platform/read-models';
import { ReadModelCheckpointStore, Relay, type RelayMapper } from '@ilinks/platform/relay';
import { eventIdFor } from '@ilinks/shared/kernel';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';

const STREAMS = 200;
const TICK_MS = 10;
const WARM_UP = 500;
const RECORDED_AT = 'x-bench-recorded-at';

function argument(name: string, fallback: number, max: number): number {
  const index = process.argv.indexOf(name);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0 || value > max)
    throw new Error(`${name} takes a number, 0 < N <= ${max}`);
  return value;
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

interface Rig {
  readonly name: string;
  readonly store: SqliteEventStore;
  readonly relay: Relay;
  readonly lags: number[];
  handled(): number;
  close(): Promise<void>;
}

async function openRig(name: string, openBus: (dir: string) => MessageBus): Promise<Rig> {
  const dir = mkdtempSync(join(tmpdir(), 'ilinks-bench-relay-'));
  const topic = `ilinks.bench-${randomUUID().slice(0, 8)}.v1`;
  const store = new SqliteEventStore(join(dir, 'events.sqlite'), { synchronous: 'normal' });
  const views = new SqliteReadModelStore({ filename: join(dir, 'views.sqlite') });
  const bus = openBus(dir);
  await bus.ensureTopics([topic]);
  const mapper: RelayMapper = (event) => [
    {
      topic,
      key: event.streamName,
      value: Buffer.from(JSON.stringify(event.data)),
      headers: { [RECORDED_AT]: String(event.recordedAt.getTime()) },
    },
  ];
  const relay = new Relay(store, bus, await ReadModelCheckpointStore.open(views), {
    name: 'bench',
    streamPrefixes: ['bench.'],
    mapper,
  });
  const lags: number[] = [];
  let handled = 0;
  const consumer = await bus.consume(
    { groupId: `bench-${randomUUID().slice(0, 8)}`, topics: [topic] },
    async (message) => {
      lags.push(Date.now() - Number(message.headers[RECORDED_AT]));
      handled += 1;
    },
  );
  await consumer.ready;
  await relay.start();
  return {
    name,
    store,
    relay,
    lags,
    handled: () => handled,
    async close() {
      await relay.stop();
      await consumer.stop();
      await bus.close();
      await store.close();
      await views.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const revisions = new Map<string, number>();
async function appendOne(store: SqliteEventStore, sequence: number): Promise<void> {
  const stream = `bench.subject-${sequence % STREAMS}`;
  const revision = revisions.get(stream) ?? -1;
  await store.appendToStream(
    stream,
    [{ id: eventIdFor(stream, 'bench', sequence), type: 'Happened', data: { sequence } }],
    {
      expectedRevision: revision < 0 ? 'no_stream' : BigInt(revision),
    },
  );
  revisions.set(stream, revision + 1);
}

async function waitUntilHandled(rig: Rig, count: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (rig.handled() < count) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return true;
}

async function steadyRate(rig: Rig, rate: number, seconds: number) {
  revisions.clear();
  // Warm-up (producer id, metadata, group join, JIT) is not what this measures.
  for (let i = 0; i < WARM_UP; i++) await appendOne(rig.store, 20_000_000 + i);
  await waitUntilHandled(rig, WARM_UP, 30_000);
  rig.lags.length = 0;
  const base = rig.handled();
  const total = Math.round(rate * seconds);
  const started = Date.now();
  let appended = 0;
  while (appended < total) {
    const due = Math.min(total, Math.floor(((Date.now() - started) / 1000) * rate) + 1);
    while (appended < due) await appendOne(rig.store, appended++);
    await new Promise((resolve) => setTimeout(resolve, TICK_MS));
  }
  const drained = await waitUntilHandled(rig, base + total, 30_000);
  const elapsed = (Date.now() - started) / 1000;
  const sorted = [...rig.lags].sort((a, b) => a - b);
  return {
    total,
    handled: rig.handled() - base,
    drained,
    achieved: Math.round(total / elapsed),
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? NaN,
  };
}

async function backlog(rig: Rig, count: number) {
  rig.lags.length = 0;
  await rig.relay.stop();
  for (let i = 0; i < count; i++) await appendOne(rig.store, 10_000_000 + i);
  const before = rig.handled();
  const started = Date.now();
  await rig.relay.start();
  const drained = await waitUntilHandled(rig, before + count, 60_000);
  const seconds = (Date.now() - started) / 1000;
  return { count, drained, perSecond: Math.round(count / seconds) };
}

async function main(): Promise<void> {
  const rate = argument('--rate', 1000, 20_000);
  const seconds = argument('--seconds', 10, 60);
  const backlogSize = argument('--backlog', 20_000, 200_000);
  const rigs: Array<[string, (dir: string) => MessageBus]> = [
    [
      'in-process (SQLite log)',
      (dir) => new InProcessMessageBus({ filename: join(dir, 'bus.sqlite'), logger: silentBusLogger }),
    ],
  ];
  const brokers = process.env.KAFKA_BROKERS;
  if (brokers) {
    rigs.push([
      'Kafka (acks=all, idempotent)',
      () =>
        new KafkaMessageBus({
          brokers: brokers.split(','),
          clientId: 'bench-relay',
          logger: silentBusLogger,
        }),
    ]);
  }
  console.log(
    `Relay lag, ${new Date().toISOString().slice(0, 10)}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`,
  );
  console.log(
    `steady ${rate} events/s for ${seconds} s over ${STREAMS} streams; backlog ${backlogSize} events\n`,
  );
  console.log(
    '| bus | steady: events | achieved/s | lag p50 ms | lag p99 ms | lag max ms | backlog: events/s |',
  );
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  for (const [name, openBus] of rigs) {
    const rig = await openRig(name, openBus);
    try {
      const steady = await steadyRate(rig, rate, seconds);
      const drain = await backlog(rig, backlogSize);
      console.log(
        `| ${name} | ${steady.handled}/${steady.total}${steady.drained ? '' : ' (not drained)'} | ${steady.achieved} | ${steady.p50} | ${steady.p99} | ${steady.max} | ${drain.perSecond}${drain.drained ? '' : ' (not drained)'} |`,
      );
    } finally {
      await rig.close();
    }
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
