// Registration throughput: the identity service on a fresh data dir, synthetic partner records
// POSTed to /local-records over loopback HTTP with bounded concurrency; each one is registered,
// matched against what came before and linked (or queued for review). Prints markdown.
//   node -r ./libs/shared/testing/src/lib/swc-register.js tools/bench/identity/match-latency/register.bench.ts [--records 5000] [--concurrency 8] [--seconds 600] [--seed 42]
import 'reflect-metadata';
import type { RegisterLocalRecordResponseV1 } from '@ilinks/identity-matching/contracts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generatePopulation } from '../../../identity-data/generate-population';
import {
  formatMs,
  integerArgument,
  postJson,
  runBounded,
  startIdentityService,
  summariseLatencies,
} from './bench-support';

/** The generator gives each person 2.0 records on average (1–4 at 40/30/20/10%). */
const RECORDS_PER_PERSON = 2;

async function main(): Promise<void> {
  const argv = process.argv;
  const recordCount = integerArgument(argv, '--records', 5000, 100_000);
  const concurrency = integerArgument(argv, '--concurrency', 8, 64);
  const maxSeconds = integerArgument(argv, '--seconds', 600, 1800);
  const seed = integerArgument(argv, '--seed', 42, 2 ** 32 - 1);

  const persons = Math.ceil(recordCount / RECORDS_PER_PERSON);
  const records = generatePopulation({ persons }, seed).records.slice(0, recordCount);
  const organisations = new Set(records.map((record) => record.organisation)).size;

  const dataDir = mkdtempSync(join(tmpdir(), 'ilinks-bench-register-'));
  const service = await startIdentityService(dataDir);
  try {
    const run = await runBounded(records, concurrency, maxSeconds, (record, index) =>
      postJson<RegisterLocalRecordResponseV1>(
        `${service.url}/local-records`,
        {
          organisation: record.organisation,
          identifier: record.identifier,
          demographics: record.demographics,
        },
        { 'idempotency-key': `bench-register-${seed}-${index}` },
      ),
    );
    const outcomes = new Map<string, number>();
    for (const result of run.results)
      outcomes.set(result.link.outcome, (outcomes.get(result.link.outcome) ?? 0) + 1);
    const latency = summariseLatencies(run.latenciesMs);
    const personsCreated = new Set(run.results.map((result) => result.personId)).size;

    console.log(`\n## Registration: ${run.results.length} records, concurrency ${concurrency}\n`);
    console.log(
      `Population: ${persons} persons (seed ${seed}), ${records.length} records at ${organisations} organisations, generator's default error rates.` +
        (run.skipped > 0 ? ` Time limit reached: ${run.skipped} records not sent.` : ''),
    );
    console.log('\n| records | concurrency | s | records/s | p50 ms | p90 ms | p99 ms | max ms |');
    console.log('|---:|---:|---:|---:|---:|---:|---:|---:|');
    console.log(
      `| ${latency.count} | ${concurrency} | ${run.seconds.toFixed(1)} | ${(latency.count / run.seconds).toFixed(0)} | ${formatMs(latency.p50)} | ${formatMs(latency.p90)} | ${formatMs(latency.p99)} | ${formatMs(latency.max)} |`,
    );
    console.log('\n| link outcome | records |');
    console.log('|---|---:|');
    for (const [outcome, count] of [...outcomes].sort(([a], [b]) => a.localeCompare(b)))
      console.log(`| ${outcome} | ${count} |`);
    console.log(
      `\nPersons at the end: ${personsCreated} (true persons sent: ${new Set(records.slice(0, run.results.length).map((record) => record.truePersonId)).size}).`,
    );
  } finally {
    await service.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
