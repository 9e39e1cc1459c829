// Publish→handler throughput and latency of the message bus adapters at a steady rate, as a
// markdown table.
//   node -r ./libs/shared/testing/src/lib/swc-register.js tools/bench/messaging/throughput.bench.ts [--rate N] [--seconds N] [--only a,b]
// In-process always (a SQLite file in a temporary directory, both durability settings); Kafka too
// when KAFKA_BROKERS is set. One publisher sends every 10 ms what the rate says is due (one
// `publish` call per tick, keys spread over 100 subjects); one consumer group handles them.
// Latency is measured from just before `publish` to the handler's call, in one process.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type BusMessage,
  InProcessMessageBus,
  KafkaMessageBus,
  type MessageBus,
  silentBusLogger,
} from '@ilinks/platform/messaging';

interface Target {
  readonly adapter: string;
  readonly durability: string;
  open(): { bus: MessageBus; cleanup(): void };
}

interface Measurement {
  readonly sent: number;
  readonly received: number;
  readonly duplicates: number;
  readonly achievedPerSecond: number;
  readonly ackP50Ms: number;
  readonly ackP99Ms: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

const TICK_MS = 10;
const KEYS = 100;
const SENT_AT = 'x-bench-sent-at-ns';

function numberArgument(argv: readonly string[], name: string, fallback: number, max: number): number {
  const index = argv.indexOf(name);
  const value = index >= 0 ? Number(argv[index + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0 || value > max)
    throw new Error(`${name} takes a number, 0 < N <= ${max}`);
  return value;
}

function inProcessTarget(synchronous: 'normal' | 'full'): Target {
  return {
    adapter: 'in-process (SQLite file)',
    durability: `WAL, synchronous=${synchronous.toUpperCase()}`,
    open: () => {
      const directory = mkdtempSync(join(tmpdir(), 'ilinks-bench-bus-'));
      const bus = new InProcessMessageBus({ filename: join(directory, 'bus.sqlite'), synchronous });
      return { bus, cleanup: () => rmSync(directory, { recursive: true, force: true }) };
    },
  };
}

function kafkaTarget(brokers: string): Target {
  return {
    adapter: 'Kafka (kafkajs)',
    durability: 'acks=all, idempotent',
    open: () => ({
      bus: new KafkaMessageBus({ brokers: brokers.split(','), clientId: 'bench', logger: silentBusLogger }),
      cleanup: () => undefined,
    }),
  };
}

const elapsedMs = (fromNs: bigint): number => Number(process.hrtime.bigint() - fromNs) / 1e6;

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function measure(bus: MessageBus, rate: number, seconds: number): Promise<Measurement> {
  const topic = `bench.throughput.${randomUUID().slice(0, 8)}`;
  await bus.ensureTopics([topic]);
  const latencies: number[] = [];
  const seen = new Set<string>();
  let duplicates = 0;
  let lastReceivedNs = 0n;
  const consumer = await bus.consume(
    { groupId: `bench-${randomUUID().slice(0, 8)}`, topics: [topic] },
    async (message) => {
      const id = message.value.toString();
      if (seen.has(id)) duplicates++;
      seen.add(id);
      latencies.push(elapsedMs(BigInt(message.headers[SENT_AT])));
      lastReceivedNs = process.hrtime.bigint();
    },
  );
  await consumer.ready;

  const total = Math.round(rate * seconds);
  const acks: number[] = [];
  const startNs = process.hrtime.bigint();
  let sent = 0;
  while (sent < total) {
    const due = Math.min(total, Math.floor((elapsedMs(startNs) / 1000) * rate) + 1);
    const batch: BusMessage[] = [];
    const sentAtNs = process.hrtime.bigint();
    for (; sent < due; sent++) {
      batch.push({
        topic,
        key: `subject-${sent % KEYS}`,
        value: Buffer.from(String(sent)),
        headers: { [SENT_AT]: String(sentAtNs) },
      });
    }
    if (batch.length > 0) {
      await bus.publish(batch);
      acks.push(elapsedMs(sentAtNs));
    }
    const nextTickMs = Math.ceil((elapsedMs(startNs) + 0.001) / TICK_MS) * TICK_MS;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, nextTickMs - elapsedMs(startNs))));
  }
  const drainDeadline = Date.now() + 30_000;
  while (seen.size < total && Date.now() < drainDeadline)
    await new Promise((resolve) => setTimeout(resolve, 20));
  await consumer.stop();

  latencies.sort((a, b) => a - b);
  acks.sort((a, b) => a - b);
  const wallSeconds = Number((lastReceivedNs || process.hrtime.bigint()) - startNs) / 1e9;
  return {
    sent: total,
    received: seen.size,
    duplicates,
    achievedPerSecond: seen.size / wallSeconds,
    ackP50Ms: percentile(acks, 50),
    ackP99Ms: percentile(acks, 99),
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    maxMs: latencies[latencies.length - 1] ?? Number.NaN,
  };
}

async function main(): Promise<void> {
  const rate = numberArgument(process.argv, '--rate', 1000, 20_000);
  const seconds = numberArgument(process.argv, '--seconds', 10, 60);
  const brokers = process.env.KAFKA_BROKERS;
  const available = new Map<string, Target>([
    ['in-process-normal', inProcessTarget('normal')],
    ['in-process-full', inProcessTarget('full')],
  ]);
  if (brokers) available.set('kafka', kafkaTarget(brokers));
  const onlyIndex = process.argv.indexOf('--only');
  const names = onlyIndex >= 0 ? process.argv[onlyIndex + 1].split(',') : [...available.keys()];
  const targets = names.map((name) => {
    const target = available.get(name);
    if (!target)
      throw new Error(`--only takes a comma-separated list of ${[...available.keys()].join(', ')}`);
    return target;
  });

  const rows: string[] = [];
  for (const target of targets) {
    const { bus, cleanup } = target.open();
    try {
      const m = await measure(bus, rate, seconds);
      rows.push(
        `| ${target.adapter} | ${target.durability} | ${rate} | ${m.sent} | ${m.received} | ${m.duplicates} | ${m.achievedPerSecond.toFixed(0)} | ` +
          `${m.ackP50Ms.toFixed(2)} / ${m.ackP99Ms.toFixed(2)} | ${m.p50Ms.toFixed(2)} | ${m.p99Ms.toFixed(2)} | ${m.maxMs.toFixed(2)} |`,
      );
    } finally {
      await bus.close();
      cleanup();
    }
  }

  console.log(
    `Message bus, steady ${rate} msg/s for ${seconds} s, ${KEYS} keys, publish every ${TICK_MS} ms (${cpus().length} CPUs, Node ${process.version})\n`,
  );
  console.log(
    '| adapter | durability | target msg/s | sent | handled | duplicates | achieved msg/s | publish ack p50 / p99 (ms) | publish→handler p50 (ms) | p99 (ms) | max (ms) |',
  );
  console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const row of rows) console.log(row);
  if (!brokers) console.log('\n(Kafka skipped: set KAFKA_BROKERS to include it.)');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
