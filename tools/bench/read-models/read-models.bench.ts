/*
 * Read-model store benchmark: upsert throughput and indexed-find latency, on SQLite and, when
 * MONGODB_URL is set, on the MongoDB-wire server it names (FerretDB locally).
 *
 *   node -r ./libs/shared/testing/src/lib/swc-register.js tools/bench/read-models/read-models.bench.ts
 *
 * Each measurement is bounded by time (BENCH_SECONDS, default 10) and by a count, so a run stays
 * short on a small machine (four rows per store: about 40 s each). Operations run one at a time:
 * the figures are per-operation latency as a single projection worker sees it.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mongoose from 'mongoose';
import {
  MongoReadModelStore,
  SqliteReadModelStore,
  type CollectionSpec,
  type ReadModelStore,
} from '@ilinks/platform/read-models';

const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 10);
const DOCUMENTS = 2_000;
const POSTCODES = 200; // about 10 documents per postcode
const MAX_UPSERTS = 200_000;
const MAX_FINDS = 100_000;
const FIND_PAGE = 20;

type Summary = { name: string; postcode: string; age: number; visits: number; address: { town: string } };

const spec: CollectionSpec = {
  name: 'bench_person_summary_v1',
  indexes: [{ fields: ['postcode'] }, { fields: ['age'] }, { fields: ['address.town'] }],
};

interface Measurement {
  readonly store: string;
  readonly operation: string;
  readonly documents: number;
  readonly count: number;
  readonly seconds: number;
  readonly latenciesMs: number[];
}

function summaryFor(n: number, visits: number): Summary {
  return {
    name: `person ${n}`,
    postcode: `PC${n % POSTCODES}`,
    age: n % 97,
    visits,
    address: { town: `town ${n % 50}` },
  };
}

async function measure(
  operation: string,
  store: string,
  documents: number,
  maxCount: number,
  step: (i: number) => Promise<unknown>,
): Promise<Measurement> {
  const latenciesMs: number[] = [];
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(Math.round(SECONDS * 1e9));
  let i = 0;
  for (; i < maxCount; i++) {
    const before = process.hrtime.bigint();
    if (before >= deadline) break;
    await step(i);
    latenciesMs.push(Number(process.hrtime.bigint() - before) / 1e6);
  }
  const measurement = {
    store,
    operation,
    documents,
    count: i,
    seconds: Number(process.hrtime.bigint() - start) / 1e9,
    latenciesMs,
  };
  console.error(`  ${store}: ${operation}: ${i} ops in ${measurement.seconds.toFixed(1)} s`);
  return measurement;
}

async function benchStore(label: string, store: ReadModelStore): Promise<Measurement[]> {
  const collection = await store.collection<Summary>(spec);
  await collection.clear();
  const id = (n: number): string => `person-${n}`;
  const guard = (n: number, version: number) => ({ source: `person-stream-${n}`, version });

  // Inserts until the data set is complete or time runs out: a slow store gets a smaller set,
  // and the table says how large.
  const inserts = await measure('upsert: new document', label, 0, DOCUMENTS, (n) =>
    collection.upsert(id(n), summaryFor(n, 0), guard(n, 0)),
  );
  const documents = inserts.count;
  const updates = await measure('upsert: newer version', label, documents, MAX_UPSERTS, (i) => {
    const n = i % documents;
    const version = 1 + Math.floor(i / documents);
    return collection.upsert(id(n), summaryFor(n, version), guard(n, version));
  });
  const replays = await measure('upsert: stale replay', label, documents, MAX_UPSERTS, async (i) => {
    const n = i % documents;
    if ((await collection.upsert(id(n), summaryFor(n, 0), guard(n, 0))) !== 'stale')
      throw new Error('a replay was written');
  });
  const postcodes = Math.min(POSTCODES, documents);
  const finds = await measure(
    `find: equality on index, page ≤${FIND_PAGE}`,
    label,
    documents,
    MAX_FINDS,
    async (i) => {
      const page = await collection.find({
        where: { postcode: `PC${(i * 7919) % postcodes}` },
        limit: FIND_PAGE,
      });
      if (page.items.length === 0) throw new Error('benchmark data missing');
    },
  );
  await collection.clear();
  return [{ ...inserts, documents }, updates, replays, finds];
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

function table(measurements: readonly Measurement[]): string {
  const rows = measurements.map((m) => {
    const sorted = [...m.latenciesMs].sort((a, b) => a - b);
    return `| ${m.store} | ${m.operation} | ${m.documents} | ${m.count} | ${m.seconds.toFixed(1)} | ${Math.round(m.count / m.seconds)} | ${percentile(sorted, 50).toFixed(3)} | ${percentile(sorted, 99).toFixed(3)} |`;
  });
  return [
    '| store | operation | docs | ops | s | ops/s | p50 ms | p99 ms |',
    '|---|---|---:|---:|---:|---:|---:|---:|',
    ...rows,
  ].join('\n');
}

async function main(): Promise<void> {
  const measurements: Measurement[] = [];

  const directory = mkdtempSync(join(tmpdir(), 'ilinks-bench-read-models-'));
  try {
    const sqlite = new SqliteReadModelStore({ filename: join(directory, 'bench.sqlite') });
    measurements.push(...(await benchStore('SQLite (file, WAL)', sqlite)));
    await sqlite.close();
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }

  const url = process.env['MONGODB_URL'];
  if (url === undefined || url === '') {
    console.log(
      'MONGODB_URL not set: MongoDB-wire run skipped (bash infra/local/start.sh; set -a; source .infra/env; set +a)',
    );
  } else {
    const dbName = `ilinks_bench_${randomBytes(4).toString('hex')}`;
    const mongo = await MongoReadModelStore.connect({ url, dbName });
    try {
      measurements.push(...(await benchStore('MongoDB wire (MONGODB_URL)', mongo)));
    } finally {
      await mongo.close();
      const connection = await mongoose.createConnection(url, { dbName }).asPromise();
      await connection.dropDatabase();
      await connection.close();
    }
  }

  console.log(
    `\nRead-model stores: up to ${DOCUMENTS} documents, ${POSTCODES} postcodes, ≤${SECONDS} s per row, one operation at a time\n`,
  );
  console.log(table(measurements));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
