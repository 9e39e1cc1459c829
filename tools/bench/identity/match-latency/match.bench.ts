// $match latency against an identity index of N persons: the service's views are written in bulk
// with the projections' own evolve (no event is replayed), then the service starts on that data
// dir and answers POST /match over loopback HTTP, one at a time for latency and 8 at a time for
// throughput. Then each stage of a match is timed outside HTTP. Prints markdown.
//   node --max-old-space-size=12000 -r ./libs/shared/testing/src/lib/swc-register.js tools/bench/identity/match-latency/match.bench.ts --persons 100000 [--queries 2000] [--seed 42] [--keep]
// `--data-dir DIR` loads the index into DIR once (and keeps it); a later run with the same
// persons and seed reuses it, so the query phase can be measured on an otherwise idle machine.
import 'reflect-metadata';
import type { MatchResponseV1 } from '@ilinks/identity-matching/contracts';
import { localRecordIdFor } from '@ilinks/identity-matching/domain';
import { SqliteReadModelStore } from '@ilinks/platform/read-models';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generatePopulation, type LocalRecordFixture } from '../../../identity-data/generate-population';
import {
  formatMs,
  integerArgument,
  type LatencySummary,
  connectionResetsSoFar,
  postJson,
  runBounded,
  summariseLatencies,
} from './bench-support';
import { type IndexLoadReport, loadIdentityIndex, personIdFor, viewsFileOf } from './identity-index';
import { type MatchQuery, splitQueries } from './match-queries';
import { startIdentityServiceProcess } from './service-process';
import { stageProfiler, type StageTimes } from './match-stages';

/** Share of queries that carry the person's NHS number (when their record has one). */
const NHS_SHARE = 0.25;
const WARM_UP_QUERIES = 100;
const THROUGHPUT_CONCURRENCY = 8;
const MAX_SECONDS_PER_RUN = 300;
/** The generator slows down faster than linearly beyond about this many persons in one call. */
const PERSONS_PER_CHUNK = 100_000;

/**
 * `persons` people in chunks of `PERSONS_PER_CHUNK`, each chunk its own seeded population with
 * person ids and identifier values made unique by a chunk suffix. An NHS number already given to a
 * person of an earlier chunk is dropped from the later chunk's records (they then ask as records
 * without one do), so no two true persons share one.
 */
function generateInChunks(persons: number, seed: number): LocalRecordFixture[] {
  const records: LocalRecordFixture[] = [];
  const nhsOwner = new Map<string, string>();
  for (let chunk = 0; chunk * PERSONS_PER_CHUNK < persons; chunk++) {
    const size = Math.min(PERSONS_PER_CHUNK, persons - chunk * PERSONS_PER_CHUNK);
    for (const record of generatePopulation({ persons: size }, seed + chunk).records) {
      const truePersonId = `${record.truePersonId}-c${chunk}`;
      const { nhsNumber, ...demographics } = record.demographics;
      const owner = nhsNumber === undefined ? undefined : (nhsOwner.get(nhsNumber) ?? truePersonId);
      if (nhsNumber !== undefined && owner === truePersonId) nhsOwner.set(nhsNumber, truePersonId);
      records.push({
        ...record,
        localRecordId: `${record.localRecordId}-c${chunk}`,
        identifier: { ...record.identifier, value: `${record.identifier.value}-c${chunk}` },
        truePersonId,
        demographics: owner === truePersonId ? record.demographics : demographics,
      });
    }
  }
  return records;
}

const log = (line: string): void => console.error(line);

function fileSize(path: string): number {
  return existsSync(path) ? statSync(path).size : 0;
}

function latencyRow(label: string, seconds: number, latency: LatencySummary): string {
  return `| ${label} | ${latency.count} | ${(latency.count / seconds).toFixed(0)} | ${formatMs(latency.p50)} | ${formatMs(latency.p90)} | ${formatMs(latency.p99)} | ${formatMs(latency.max)} |`;
}

function stageRow(label: string, values: readonly number[]): string {
  const latency = summariseLatencies(values);
  return `| ${label} | ${formatMs(latency.mean)} | ${formatMs(latency.p50)} | ${formatMs(latency.p99)} | ${formatMs(latency.max)} |`;
}

function stringArgument(argv: readonly string[], name: string): string | undefined {
  const index = argv.indexOf(name);
  return index >= 0 ? argv[index + 1] : undefined;
}

/** The index in `dataDir`: loaded before for the same persons and seed, or loaded now and remembered. */
async function indexIn(
  dataDir: string,
  indexed: Parameters<typeof loadIdentityIndex>[1],
  identity: { persons: number; seed: number },
  checkEvery: number,
): Promise<IndexLoadReport> {
  const reportFile = join(dataDir, 'load-report.json');
  if (existsSync(reportFile)) {
    const stored = JSON.parse(readFileSync(reportFile, 'utf8')) as typeof identity & {
      report: IndexLoadReport;
    };
    if (stored.persons !== identity.persons || stored.seed !== identity.seed)
      throw new Error(
        `${dataDir} holds ${stored.persons} persons of seed ${stored.seed}; pick another --data-dir`,
      );
    log(`reusing the index loaded before in ${dataDir}`);
    return stored.report;
  }
  log(`loading the index into ${dataDir}…`);
  const report = await loadIdentityIndex(dataDir, indexed, checkEvery, log);
  writeFileSync(reportFile, JSON.stringify({ ...identity, report }));
  return report;
}

/** Which true person each indexed person id stands for: the service's id for its first record. */
function personIdsByTruth(
  indexed: readonly { truePersonId: string; identifier: { system: string; value: string } }[],
) {
  const byTruth = new Map<string, string>();
  for (const record of indexed)
    if (!byTruth.has(record.truePersonId))
      byTruth.set(record.truePersonId, personIdFor(localRecordIdFor(record.identifier)));
  return byTruth;
}

/**
 * The queries, who each stands for, and the index in `dataDir`. A function of its own so that the
 * millions of generated records are garbage once it returns: the query phase then runs without
 * their multi-gigabyte heap (whose collections would pause the client and inflate its latencies).
 */
async function populationAndIndex(
  dataDir: string,
  options: { persons: number; seed: number; queries: number },
  checkEvery: number,
) {
  const started = performance.now();
  log(`generating ${options.persons} persons…`);
  const { indexed, queries } = splitQueries(
    generateInChunks(options.persons, options.seed),
    options.queries + WARM_UP_QUERIES,
    NHS_SHARE,
    options.seed,
  );
  const generateSeconds = (performance.now() - started) / 1000;
  const truth = personIdsByTruth(indexed);
  const load = await indexIn(dataDir, indexed, { persons: options.persons, seed: options.seed }, checkEvery);
  return {
    warmUp: queries.slice(0, WARM_UP_QUERIES),
    measured: queries.slice(WARM_UP_QUERIES),
    truth,
    generateSeconds,
    load,
  };
}

async function main(): Promise<void> {
  const argv = process.argv;
  const personCount = integerArgument(argv, '--persons', 100_000, 1_000_000);
  const queryCount = integerArgument(argv, '--queries', 2000, 10_000);
  const seed = integerArgument(argv, '--seed', 42, 2 ** 32 - 1);
  const keep = argv.includes('--keep');
  // Every blocking entry is checked against the projection's evolve unless told otherwise.
  const checkEvery = integerArgument(argv, '--check-every', 1, 1_000_000);
  const started = performance.now();

  const chosenDir = stringArgument(argv, '--data-dir');
  if (chosenDir) mkdirSync(chosenDir, { recursive: true });
  const dataDir = chosenDir ?? mkdtempSync(join(tmpdir(), 'ilinks-bench-match-'));
  try {
    const { warmUp, measured, truth, generateSeconds, load } = await populationAndIndex(
      dataDir,
      { persons: personCount, seed, queries: queryCount },
      checkEvery,
    );
    const loadSeconds =
      load.seconds.prepare + load.seconds.localRecords + load.seconds.blocking + load.seconds.persons;
    const viewsFile = viewsFileOf(dataDir);
    const indexBytes = fileSize(viewsFile) + fileSize(`${viewsFile}-wal`);

    log('starting the service (its own process) and asking…');
    const service = await startIdentityServiceProcess(dataDir);
    const ask = (query: MatchQuery) => postJson<MatchResponseV1>(`${service.url}/match`, query.request);
    let serial: Awaited<ReturnType<typeof runBounded<MatchQuery, MatchResponseV1>>>;
    let parallel: Awaited<ReturnType<typeof runBounded<MatchQuery, MatchResponseV1>>>;
    try {
      await runBounded(warmUp, 1, MAX_SECONDS_PER_RUN, ask);
      serial = await runBounded(measured, 1, MAX_SECONDS_PER_RUN, ask);
      parallel = await runBounded(measured, THROUGHPUT_CONCURRENCY, MAX_SECONDS_PER_RUN, ask);
    } finally {
      await service.stop();
    }

    log('timing the stages outside HTTP…');
    const store = new SqliteReadModelStore({ filename: viewsFile });
    const stages: StageTimes[] = [];
    try {
      const profile = await stageProfiler(store);
      for (const query of warmUp) await profile(query.request);
      for (const query of measured.slice(0, serial.results.length)) stages.push(await profile(query.request));
    } finally {
      await store.close();
    }

    const answered = serial.results.map((response, index) => ({ response, query: measured[index] }));
    const topIsTrue = answered.filter(
      ({ response, query }) => response.matches[0]?.person.personId === truth.get(query.truePersonId),
    ).length;
    const candidates = summariseLatencies(stages.map((stage) => stage.candidates));
    const withNhs = measured.filter((query) => query.withNhsNumber).length;
    const serialLatency = summariseLatencies(serial.latenciesMs);

    console.log(`\n## $match: ${load.persons.toLocaleString('en-GB')} persons\n`);
    console.log(
      `Index: ${load.persons} persons, ${load.localRecords} local records, ${load.blockingEntries} blocking entries; ` +
        `views.sqlite ${(indexBytes / 2 ** 20).toFixed(0)} MiB. Population generated (seed ${seed}) in ${generateSeconds.toFixed(0)} s; ` +
        `index loaded in ${loadSeconds.toFixed(0)} s (prepare ${load.seconds.prepare.toFixed(0)} s, local records ${load.seconds.localRecords.toFixed(0)} s, ` +
        `blocking ${load.seconds.blocking.toFixed(0)} s, persons ${load.seconds.persons.toFixed(0)} s).`,
    );
    console.log(
      `Queries: ${measured.length} held-out records of indexed persons (${withNhs} with an NHS number), after ${warmUp.length} warm-up queries; ` +
        `candidates per query mean ${candidates.mean.toFixed(0)}, p50 ${candidates.p50}, p99 ${candidates.p99}, max ${candidates.max}; ` +
        `true person ranked first for ${topIsTrue} of ${answered.length} (${((100 * topIsTrue) / Math.max(1, answered.length)).toFixed(1)}%).` +
        (serial.skipped + parallel.skipped > 0
          ? ` Time limit reached: ${serial.skipped} + ${parallel.skipped} queries not sent.`
          : ''),
    );
    console.log('\n| POST /match over HTTP | queries | queries/s | p50 ms | p90 ms | p99 ms | max ms |');
    console.log('|---|---:|---:|---:|---:|---:|---:|');
    console.log(latencyRow('concurrency 1', serial.seconds, serialLatency));
    console.log(
      latencyRow(
        `concurrency ${THROUGHPUT_CONCURRENCY}`,
        parallel.seconds,
        summariseLatencies(parallel.latenciesMs),
      ),
    );
    console.log(`\np99 at concurrency 1: ${formatMs(serialLatency.p99)} ms (target < 50 ms at 1M persons).`);
    if (connectionResetsSoFar() > 0)
      console.log(
        `${connectionResetsSoFar()} requests were sent again after a keep-alive connection reset (timed from the first attempt).`,
      );
    console.log('\n| stage, outside HTTP (same queries) | mean ms | p50 ms | p99 ms | max ms |');
    console.log('|---|---:|---:|---:|---:|');
    console.log(
      stageRow(
        'blocking lookups (find by keyHash, all keys)',
        stages.map((stage) => stage.blockingLookups),
      ),
    );
    console.log(
      stageRow(
        'MatchCandidates.find (lookups + record gets)',
        stages.map((stage) => stage.candidateFind),
      ),
    );
    console.log(
      stageRow(
        'rankCandidatesForMatch (scoring)',
        stages.map((stage) => stage.ranking),
      ),
    );
    console.log(
      stageRow(
        'PersonViews.get per match',
        stages.map((stage) => stage.personViews),
      ),
    );
    console.log(
      stageRow(
        'sum of find + ranking + person views',
        stages.map((stage) => stage.candidateFind + stage.ranking + stage.personViews),
      ),
    );
    const keys = summariseLatencies(stages.map((stage) => stage.keys));
    const tooCommon = stages.reduce((sum, stage) => sum + stage.keysTooCommon, 0);
    const matches = summariseLatencies(stages.map((stage) => stage.matches));
    console.log(
      `\nBlocking keys per query mean ${keys.mean.toFixed(1)} (${tooCommon} keys over the block-size limit in all); matches returned per query mean ${matches.mean.toFixed(1)}. Total ${((performance.now() - started) / 1000).toFixed(0)} s.`,
    );
  } finally {
    if (keep || chosenDir) log(`kept ${dataDir}`);
    else rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
