// Cost of the gateway's audit write alone: `AuditTrail.recordRequest` (build the AuditRecordV1 of a
// finished Patient read, validate it, publish it, wait for the broker's acknowledgement), per record,
// at concurrency 1 and 8 — what every audited request waits for before its response may leave.
// Prints markdown.
//   node -r ./libs/shared/testing/src/lib/swc-register.js tools/bench/access/audit-write.bench.ts [--records 5000] [--seconds 10]
// On the embedded durable in-process bus always (a SQLite file in a temporary directory, WAL with
// synchronous NORMAL as the platform opens it, and FULL for comparison); on Kafka too when
// KAFKA_BROKERS is set. Records go to a topic of this run's own (see `onBenchTopic`), so an audit
// service on a shared broker never takes them into its trail. Nothing consumes them here: the
// audit service's hash-chain append runs after the acknowledgement and off the request's path.
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { AUDIT_RECORDS_TOPIC } from '@ilinks/audit/contracts';
import { AuditTrail, type FinishedRequest } from '@ilinks/gateway/feature';
import {
  type BusMessage,
  InProcessMessageBus,
  KafkaMessageBus,
  type MessageBus,
  silentBusLogger,
} from '@ilinks/platform/messaging';
import { systemClock } from '@ilinks/shared/kernel';
import { formatMs, integerArgument, runBounded, summariseLatencies } from '../support/latency';

const CONCURRENCIES = [1, 8] as const;
const WARM_UP_RECORDS = 200;
/** The gateway's default `ILINKS_AUDIT_TIMEOUT_MS`. */
const AUDIT_TIMEOUT_MS = 2000;

interface Target {
  readonly adapter: string;
  readonly durability: string;
  open(topic: string): Promise<{ bus: MessageBus; cleanup(): Promise<void> }>;
}

function inProcessTarget(synchronous: 'normal' | 'full'): Target {
  return {
    adapter: 'in-process (SQLite file)',
    durability: `WAL, synchronous=${synchronous.toUpperCase()}${synchronous === 'normal' ? ' (embedded default)' : ''}`,
    open: async () => {
      const directory = mkdtempSync(join(tmpdir(), 'ilinks-bench-audit-'));
      const bus = new InProcessMessageBus({ filename: join(directory, 'bus.sqlite'), synchronous });
      return {
        bus,
        cleanup: async () => {
          await bus.close();
          rmSync(directory, { recursive: true, force: true });
        },
      };
    },
  };
}

function kafkaTarget(brokers: string): Target {
  return {
    adapter: 'Kafka (kafkajs)',
    durability: 'acks=all, idempotent producer',
    open: async () => {
      const bus = new KafkaMessageBus({
        brokers: brokers.split(','),
        clientId: 'bench-audit',
        logger: silentBusLogger,
      });
      return { bus, cleanup: () => bus.close() };
    },
  };
}

/**
 * The bus with the audit topic renamed to `topic` on the way out: the same publish, acknowledgement
 * and validation as the gateway's, but no audit service subscribed to the real topic ever sees it.
 */
function onBenchTopic(bus: MessageBus, topic: string): MessageBus {
  const renamed = (name: string) => (name === AUDIT_RECORDS_TOPIC ? topic : name);
  return {
    publish: (messages) =>
      bus.publish(messages.map((message): BusMessage => ({ ...message, topic: renamed(message.topic) }))),
    consume: (options, handler) => bus.consume({ ...options, topics: options.topics.map(renamed) }, handler),
    consumerLag: (groupId, topics) => bus.consumerLag(groupId, topics.map(renamed)),
    ensureTopics: (topics) => bus.ensureTopics(topics.map(renamed)),
    close: () => bus.close(),
  };
}

/** What the gateway knows when a practitioner's `GET /fhir/Patient/:id` was permitted. */
function patientRead(personId: string): Omit<FinishedRequest, 'recordedAt'> {
  return {
    recordId: randomUUID(),
    principal: { subject: 'dr-bench', organisation: 'RBS', role: 'practitioner' },
    method: 'GET',
    route: '/fhir/Patient/:id',
    status: 200,
    facts: {
      personIds: new Set([personId]),
      entities: [{ resourceType: 'Patient', id: personId }],
      purposeOfUse: 'direct-care',
      basis: 'care-relationship',
      outcome: 'permitted',
    },
    sourceAddress: '127.0.0.1',
    traceId: randomUUID().replace(/-/g, ''),
  };
}

interface Row {
  readonly concurrency: number;
  readonly written: number;
  readonly skipped: number;
  readonly perSecond: number;
  readonly summary: ReturnType<typeof summariseLatencies>;
}

async function measure(target: Target, records: number, seconds: number): Promise<Row[]> {
  const topic = `bench.audit.records.${randomUUID().slice(0, 8)}`;
  const { bus, cleanup } = await target.open(topic);
  try {
    const trail = new AuditTrail(onBenchTopic(bus, topic), {
      timeoutMs: AUDIT_TIMEOUT_MS,
      clock: systemClock,
    });
    await trail.onModuleInit();
    // 100 persons: keys spread over partitions as a day's reads would.
    const persons = Array.from({ length: 100 }, () => randomUUID());
    const write = (_: unknown, index: number) =>
      trail.recordRequest(patientRead(persons[index % persons.length]));
    await runBounded(Array.from({ length: WARM_UP_RECORDS }), 4, seconds, write);
    const rows: Row[] = [];
    for (const concurrency of CONCURRENCIES) {
      const run = await runBounded(Array.from({ length: records }), concurrency, seconds, write);
      rows.push({
        concurrency,
        written: run.results.length,
        skipped: run.skipped,
        perSecond: run.results.length / run.seconds,
        summary: summariseLatencies(run.latenciesMs),
      });
    }
    return rows;
  } finally {
    await cleanup();
  }
}

const loadAverage = (): string =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(' / ');

async function main(): Promise<void> {
  const records = integerArgument(process.argv, '--records', 5000, 1_000_000);
  const seconds = integerArgument(process.argv, '--seconds', 10, 300);
  const brokers = process.env.KAFKA_BROKERS;
  const targets = [
    inProcessTarget('normal'),
    inProcessTarget('full'),
    ...(brokers ? [kafkaTarget(brokers)] : []),
  ];

  console.log(`\n## Audit write per request (AuditTrail.recordRequest), Node ${process.version}\n`);
  console.log(
    `At most ${records.toLocaleString('en-GB')} records or ${seconds} s per row, after ${WARM_UP_RECORDS} warm-up records; ` +
      `load average (1/5/15 min) at start: ${loadAverage()}.\n`,
  );
  console.log('| bus | durability | in flight | records | records/s | p50 ms | p90 ms | p99 ms | max ms |');
  console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const target of targets) {
    for (const row of await measure(target, records, seconds)) {
      const { summary } = row;
      const written = row.skipped > 0 ? `${row.written} (time ran out)` : String(row.written);
      console.log(
        `| ${target.adapter} | ${target.durability} | ${row.concurrency} | ${written} | ${Math.round(row.perSecond).toLocaleString('en-GB')} | ` +
          `${formatMs(summary.p50)} | ${formatMs(summary.p90)} | ${formatMs(summary.p99)} | ${formatMs(summary.max)} |`,
      );
    }
  }
  console.log(`\nLoad average (1/5/15 min) at end: ${loadAverage()}.`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
