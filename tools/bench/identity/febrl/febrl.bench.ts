// Our identity matcher on the FEBRL data written by export_febrl.py, scored like python_tools.py:
// blockingKeys → compareRecords → trainMatchModelFromRecords (no labels) → scorePair → link at
// probability ≥ 0.99 (our default) and at the best threshold → pairwise precision/recall/F1 of the
// linked pairs against all true pairs. Demographics only: soc_sec_id is not exported, no NHS number.
// Prints a markdown table, then the learned weights and where missed and wrong links come from.
//   node -r ./libs/shared/testing/src/lib/swc-register.js tools/bench/identity/febrl/febrl.bench.ts [--datasets febrl1,febrl4]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  COMPARED_FIELDS,
  compareRecords,
  type ComparisonVector,
  DEFAULT_PROBABILITY_THRESHOLDS,
  type Demographics,
  findCandidatePairs,
  type MatchModel,
  pairIndices,
  scorePair,
  termFrequencyFor,
  trainMatchModelFromRecords,
} from '@ilinks/identity-matching/domain';
import { febrlDemographics, parseFebrlCsv } from './src/febrl-records';
import { bestThreshold, pairKey, pairwiseQuality } from './src/pairwise-quality';

const DATA = join(__dirname, 'data');
const DATASETS = ['febrl1', 'febrl2', 'febrl3', 'febrl4'] as const;
const SEED = 42;
const LINK = DEFAULT_PROBABILITY_THRESHOLDS.link;

interface Dataset {
  readonly name: string;
  readonly ids: readonly string[];
  /** For linkage, how many of `ids` come from file A (the rest are B); undefined for deduplication. */
  readonly sizeA?: number;
  readonly rows: ReturnType<typeof parseFebrlCsv>;
  readonly truth: ReadonlySet<string>;
}

function readRows(file: string): ReturnType<typeof parseFebrlCsv> {
  return parseFebrlCsv(readFileSync(join(DATA, `${file}.csv`), 'utf8'));
}

function readTruth(name: string, ordered: boolean): Set<string> {
  const [, ...lines] = readFileSync(join(DATA, `${name}_true_pairs.csv`), 'utf8').split(/\r?\n/);
  return new Set(
    lines
      .filter((line) => line.length > 0)
      .map((line) => pairKey(...(line.split(',') as [string, string]), ordered)),
  );
}

function loadDataset(name: string): Dataset {
  if (name !== 'febrl4') {
    const rows = readRows(name);
    return { name, rows, ids: rows.map((row) => row.rec_id), truth: readTruth(name, false) };
  }
  const [a, b] = [readRows('febrl4a'), readRows('febrl4b')];
  const rows = [...a, ...b];
  return { name, rows, ids: rows.map((row) => row.rec_id), sizeA: a.length, truth: readTruth(name, true) };
}

interface Run {
  readonly candidates: number;
  readonly completeness: number;
  readonly seconds: number;
  readonly keys: readonly string[];
  readonly vectors: readonly ComparisonVector[];
  readonly plain: readonly number[];
  readonly withTf: readonly number[];
  readonly model: MatchModel;
  readonly lambda: number;
}

/**
 * Our pipeline on one dataset. Linkage (FEBRL4) is deduplication of A ∪ B keeping only A × B
 * candidates: the service has one pool of records, and A and B hold no duplicates of their own.
 */
function runOurs(dataset: Dataset): Run {
  const started = performance.now();
  const records: Demographics[] = dataset.rows.map((row) => febrlDemographics(row));
  const n = records.length;
  const sizeA = dataset.sizeA;
  const pairs = findCandidatePairs(records).pairs.filter((pair) => {
    const [i, j] = pairIndices(pair, n);
    return sizeA === undefined || (i < sizeA && j >= sizeA);
  });
  const trained = trainMatchModelFromRecords(records, { seed: SEED });
  const vectors: ComparisonVector[] = [];
  const plain: number[] = [];
  const withTf: number[] = [];
  const keys = pairs.map((pair) => {
    const [i, j] = pairIndices(pair, n);
    const vector = compareRecords(records[i], records[j]);
    vectors.push(vector);
    plain.push(scorePair(trained.model, vector).probability);
    const frequency = termFrequencyFor(trained.termFrequencies, records[i], records[j]);
    withTf.push(scorePair(trained.model, vector, frequency).probability);
    return pairKey(dataset.ids[i], dataset.ids[j], sizeA !== undefined);
  });
  const seconds = (performance.now() - started) / 1000;
  const completeness = keys.filter((key) => dataset.truth.has(key)).length / dataset.truth.size;
  return {
    candidates: keys.length,
    completeness,
    seconds,
    keys,
    vectors,
    plain,
    withTf,
    model: trained.model,
    lambda: trained.lambda,
  };
}

function fixed(value: number): string {
  return value.toFixed(4);
}

function printRows(dataset: Dataset, run: Run): void {
  const isTrue = run.keys.map((key) => dataset.truth.has(key));
  for (const [label, scores] of [
    ['FS', run.plain],
    ['FS + TF', run.withTf],
  ] as const) {
    const linked = run.keys.filter((_, index) => scores[index] >= LINK);
    const atDefault = pairwiseQuality(linked, dataset.truth);
    const best = bestThreshold(scores, isTrue, dataset.truth.size);
    const prefix = `| ${dataset.name} | iLINKS ${label}`;
    const common = `${run.candidates.toLocaleString('en-GB')} | ${fixed(run.completeness)}`;
    console.log(
      `${prefix}, P ≥ ${LINK} | ${common} | ${fixed(atDefault.precision)} | ${fixed(atDefault.recall)} | ` +
        `${fixed(atDefault.f1)} | ${run.seconds.toFixed(1)} s | |`,
    );
    console.log(
      `${prefix}, best threshold (chosen on truth) | ${common} | ${fixed(best.precision)} | ${fixed(best.recall)} | ` +
        `${fixed(best.f1)} | ${run.seconds.toFixed(1)} s | P ≥ ${best.threshold.toPrecision(3)} |`,
    );
  }
}

function printModel(run: Run): void {
  console.log(`λ ${run.lambda.toExponential(3)}; weights log2(m/u):`);
  for (const field of COMPARED_FIELDS) {
    const levels = Object.entries(
      run.model.fields[field] as Readonly<Record<string, { m: number; u: number }>>,
    );
    console.log(
      `- ${field}: ${levels.map(([level, { m, u }]) => `${level} ${Math.log2(m / u).toFixed(1)}`).join(', ')}`,
    );
  }
}

function increment(counts: Map<string, number>, key: string): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

function top(counts: ReadonlyMap<string, number>, count: number): string {
  return [...counts]
    .sort((x, y) => y[1] - x[1])
    .slice(0, count)
    .map(([key, value]) => `${value} × ${key}`)
    .join('; ');
}

/** Where the default (FS + TF, P ≥ 0.99) misses true pairs and makes wrong links. */
function printBreakdown(dataset: Dataset, run: Run): void {
  const indexOf = new Map(run.keys.map((key, index) => [key, index]));
  const missedLevels = new Map<string, number>();
  const missedVectors = new Map<string, number>();
  const trueLevels = new Map<string, number>();
  let notBlocked = 0;
  let missed = 0;
  for (const key of dataset.truth) {
    const index = indexOf.get(key);
    if (index === undefined) {
      notBlocked += 1;
      continue;
    }
    const vector = run.vectors[index];
    for (const field of COMPARED_FIELDS) increment(trueLevels, `${field}=${vector[field]}`);
    if (run.withTf[index] >= LINK) continue;
    missed += 1;
    const weak = COMPARED_FIELDS.filter((field) => !['exact', 'high', 'missing'].includes(vector[field]));
    for (const field of weak) increment(missedLevels, `${field}=${vector[field]}`);
    increment(missedVectors, COMPARED_FIELDS.map((field) => `${field}=${vector[field]}`).join(' '));
  }
  const wrong = new Map<string, number>();
  let wrongLinks = 0;
  run.keys.forEach((key, index) => {
    if (run.withTf[index] < LINK || dataset.truth.has(key)) return;
    wrongLinks += 1;
    const vector = run.vectors[index];
    increment(wrong, COMPARED_FIELDS.map((field) => `${field}=${vector[field]}`).join(' '));
  });
  const share = (field: string, level: string): string =>
    `${(((trueLevels.get(`${field}=${level}`) ?? 0) / (dataset.truth.size - notBlocked)) * 100).toFixed(1)}%`;
  console.log(
    `\n### ${dataset.name}: FS + TF at P ≥ ${LINK}\n\n` +
      `True pairs ${dataset.truth.size}: not blocked ${notBlocked}, blocked but below ${LINK} ${missed}. ` +
      `Among blocked true pairs: birthDate exact ${share('birthDate', 'exact')}, day-month-swapped ` +
      `${share('birthDate', 'day-month-swapped')}, one-digit-typo ${share('birthDate', 'one-digit-typo')}, ` +
      `different ${share('birthDate', 'different')}, missing ${share('birthDate', 'missing')}; name exact ` +
      `${share('name', 'exact')}, missing ${share('name', 'missing')}; address high ${share('address', 'high')}, ` +
      `medium ${share('address', 'medium')}, different ${share('address', 'different')}.\n`,
  );
  console.log(`Weak levels among missed pairs: ${top(missedLevels, 10)}.\n`);
  console.log(`Commonest vectors among missed pairs: ${top(missedVectors, 5)}.\n`);
  console.log(`Wrong links ${wrongLinks}; commonest vectors: ${top(wrong, 5)}.\n`);
  printModel(run);
}

function selectedDatasets(): string[] {
  const index = process.argv.indexOf('--datasets');
  const names = index >= 0 ? (process.argv[index + 1] ?? '').split(',') : [...DATASETS];
  const unknown = names.filter((name) => !(DATASETS as readonly string[]).includes(name));
  if (unknown.length > 0) throw new Error(`--datasets takes a comma list of ${DATASETS.join(', ')}`);
  return names;
}

function main(): void {
  const runs: [Dataset, Run][] = [];
  for (const name of selectedDatasets()) {
    const dataset = loadDataset(name);
    runs.push([dataset, runOurs(dataset)]);
  }
  console.log(`\n## FEBRL: iLINKS identity matcher (trainMatchModelFromRecords, seed ${SEED})\n`);
  console.log(
    '| dataset | tool / classifier | candidate pairs | pair completeness | precision | recall | F1 | time | note |',
  );
  console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
  for (const [dataset, run] of runs) printRows(dataset, run);
  for (const [dataset, run] of runs) printBreakdown(dataset, run);
}

main();
