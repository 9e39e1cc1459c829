import { ValidationError } from '@ilinks/shared/kernel';
import type { Demographics } from '../../local-record.types';
import { isValidNhsNumber, normaliseNhsNumber } from '../../nhs-number';
import type { ComparedField, ComparisonVector } from '../comparison-levels';
import { compareRecords } from '../comparisons/compare-records';
import { DEFAULT_MAX_BLOCK_SIZE, findCandidatePairs, pairIndices } from './candidate-pairs';
import type { EstimateOptions } from './em';
import type { MatchModel } from './match-model';
import { defaultMatchModel } from './match-model';
import { priorWeight, probabilityFromWeight, scorePair } from './score';
import { mulberry32 } from './seeded-random';
import type { TermFrequencyTables } from './term-frequency';
import { buildTermFrequencyTables, emptyTermFrequencyTables } from './term-frequency';
import type { RulePairs, RuleTraining } from './train';
import { estimateRandomMatchProbability, trainMatchModel } from './train';

/** Fewer records than this give too few pairs to learn from: the prior is kept (cold start). */
export const COLD_START_MIN_RECORDS = 200;

/** Default number of random record pairs u is estimated from. */
export const DEFAULT_RANDOM_PAIRS = 100_000;

/** Default EM settings of {@link trainMatchModelFromRecords}. */
export const DEFAULT_EM_OPTIONS: Omit<EstimateOptions, 'fixedU'> = { maxIterations: 200, tolerance: 1e-6 };

/**
 * Fields each blocking rule (see `blockingKeys`) makes agree, left out of that rule's EM run: `sx:`
 * is a phonetic family name and birth year, `pc:` a postcode (and so, largely, an address and a
 * town) and an initial, `nm:` the phonetic family and given names, `ct:` a town and one phonetic name, `ad:` a house on a street. A rule not listed blocks on
 * nothing.
 */
export const BLOCKED_FIELDS_BY_RULE: Readonly<Record<string, readonly ComparedField[]>> = {
  nhs: [],
  dob: ['birthDate'],
  sx: ['name', 'birthDate'],
  pc: ['postcode', 'address', 'city'],
  nm: ['name', 'givenName'],
  ct: ['city', 'name', 'givenName'],
  ad: ['address'],
};

/** Options for {@link trainMatchModelFromRecords}. */
export interface TrainFromRecordsOptions {
  /** Random pairs to estimate u from (default 100 000), capped by the number of distinct pairs. */
  readonly randomPairs?: number;
  /** Seed of the random-pair draw (default 1): the same records and seed give the same model. */
  readonly seed?: number;
  /** EM settings per blocking rule (default 200 iterations, tolerance 1e-6). */
  readonly em?: Omit<EstimateOptions, 'fixedU'>;
  /** The cold-start model, and where m starts from (default `defaultMatchModel()`). */
  readonly prior?: MatchModel;
  /** Blocks larger than this are skipped when forming candidate pairs (default 500). */
  readonly maxBlockSize?: number;
  /** Below this many records the prior is returned as is (default {@link COLD_START_MIN_RECORDS}). */
  readonly minRecords?: number;
}

/** A model trained from records, with what is needed to use and explain it. */
export interface TrainedModel {
  readonly model: MatchModel;
  /** The model's λ: the probability that two records drawn at random are the same person. */
  readonly lambda: number;
  /** Each blocking rule's EM run (empty on cold start). */
  readonly perRule: readonly RuleTraining[];
  /** Distinct candidate pairs blocking produced. */
  readonly candidatePairs: number;
  /** Records trained on. */
  readonly records: number;
  /** Term frequencies to score with (see `termFrequencyFor`); empty on cold start. */
  readonly termFrequencies: TermFrequencyTables;
  /** True when there was too little to learn from and `model` is the prior unchanged. */
  readonly coldStart: boolean;
}

function validNhsNumberOf(demographics: Demographics): string | undefined {
  const nhsNumber = demographics.nhsNumber;
  const normalised = nhsNumber === undefined ? undefined : normaliseNhsNumber(nhsNumber);
  return normalised !== undefined && isValidNhsNumber(normalised) ? normalised : undefined;
}

/**
 * λ for random pairs, Splink-style, without labels: pairs with equal valid NHS numbers scaled up by
 * that rule's recall, estimated as the share of records holding a valid NHS number, squared.
 * `undefined` when no pair shares a valid NHS number.
 */
function randomMatchProbability(
  records: readonly Demographics[],
  nhsPairs: Iterable<number>,
): number | undefined {
  const n = records.length;
  const nhsNumbers = records.map(validNhsNumberOf);
  let deterministicPairs = 0;
  for (const id of nhsPairs) {
    const [i, j] = pairIndices(id, n);
    if (nhsNumbers[i] !== undefined && nhsNumbers[i] === nhsNumbers[j]) deterministicPairs += 1;
  }
  if (deterministicPairs === 0) return undefined;
  const withNhsNumber = nhsNumbers.filter((nhsNumber) => nhsNumber !== undefined).length / n;
  return estimateRandomMatchProbability({ recordCount: n, deterministicPairs, recall: withNhsNumber ** 2 });
}

/** Iterations and tolerance of {@link estimateLambdaFromCandidates}. */
const LAMBDA_ITERATIONS = 50;
const LAMBDA_TOLERANCE = 1e-4;

/**
 * λ for random pairs estimated from the model itself when no identifier says which pairs match: the
 * expected number of matches among the candidate pairs (the sum of their posteriors), over all
 * n(n − 1)/2 pairs, iterated to a fixed point from `initial` — EM on λ alone, with m and u held.
 * Blocking proposes nearly every true pair, and pairs it never proposes are near-certain non-matches,
 * so the candidates carry the whole estimate. Assuming one duplicate per record instead (1/(n − 1))
 * made probabilities far too low wherever duplicates are commoner (FEBRL: best thresholds 0.01–0.1).
 * `matchWeights` are the candidates' summed log2(m/u); the result is clamped into (0, 1).
 */
export function estimateLambdaFromCandidates(
  matchWeights: readonly number[],
  recordCount: number,
  initial: number,
): number {
  const allPairs = (recordCount * (recordCount - 1)) / 2;
  const clamp = (value: number): number =>
    Math.min(Math.max(value, 1 / (allPairs + 1)), allPairs / (allPairs + 1));
  let lambda = clamp(initial);
  for (let iteration = 0; iteration < LAMBDA_ITERATIONS; iteration++) {
    const prior = priorWeight(lambda);
    const expectedMatches = matchWeights.reduce(
      (total, weight) => total + probabilityFromWeight(prior + weight),
      0,
    );
    const next = clamp(expectedMatches / allPairs);
    const converged = Math.abs(next - lambda) <= LAMBDA_TOLERANCE * lambda;
    lambda = next;
    if (converged) break;
  }
  return lambda;
}

function randomPairVectors(
  records: readonly Demographics[],
  count: number,
  seed: number,
): ComparisonVector[] {
  const random = mulberry32(seed);
  const index = (): number => Math.floor(random() * records.length);
  const vectors: ComparisonVector[] = [];
  while (vectors.length < count) {
    const [i, j] = [index(), index()];
    if (i !== j) vectors.push(compareRecords(records[i], records[j]));
  }
  return vectors;
}

function assertNonNegativeInteger(value: number, name: string): void {
  if (!Number.isInteger(value) || value < 0)
    throw new ValidationError(`${name} must be a non-negative integer`);
}

/**
 * Trains a Fellegi–Sunter model from unlabelled records, the way Splink does:
 * 1. blocking (see `findCandidatePairs`; blocks larger than `maxBlockSize` are skipped) gives the
 *    candidate pairs, grouped by rule;
 * 2. u from `randomPairs` record pairs drawn with a seeded generator, m by EM per blocking rule with
 *    the rule's own fields left out (see `trainMatchModel`);
 * 3. λ from pairs sharing a valid NHS number (see `estimateRandomMatchProbability`), or without any,
 *    from the model's own expected matches among the candidates (see {@link estimateLambdaFromCandidates});
 * 4. term frequencies of family names and postcodes.
 * Cold start: with fewer than `minRecords` records or no candidate pair, returns the prior unchanged
 * with `coldStart: true`. Deterministic for given records and seed. Throws a `ValidationError` on
 * invalid options.
 */
export function trainMatchModelFromRecords(
  records: readonly Demographics[],
  options: TrainFromRecordsOptions = {},
): TrainedModel {
  const prior = options.prior ?? defaultMatchModel();
  const randomPairs = options.randomPairs ?? DEFAULT_RANDOM_PAIRS;
  const maxBlockSize = options.maxBlockSize ?? DEFAULT_MAX_BLOCK_SIZE;
  const minRecords = options.minRecords ?? COLD_START_MIN_RECORDS;
  assertNonNegativeInteger(randomPairs, 'randomPairs');
  assertNonNegativeInteger(maxBlockSize, 'maxBlockSize');
  assertNonNegativeInteger(minRecords, 'minRecords');
  const n = records.length;
  const candidates = n < Math.max(minRecords, 2) ? undefined : findCandidatePairs(records, maxBlockSize);
  if (candidates === undefined || candidates.pairs.length === 0) {
    return {
      model: prior,
      lambda: prior.lambda,
      perRule: [],
      candidatePairs: candidates?.pairs.length ?? 0,
      records: n,
      termFrequencies: emptyTermFrequencyTables(),
      coldStart: true,
    };
  }
  const vectorOf = new Map<number, ComparisonVector>();
  for (const id of candidates.pairs) {
    const [i, j] = pairIndices(id, n);
    vectorOf.set(id, compareRecords(records[i], records[j]));
  }
  const pairsByRule: RulePairs[] = [...candidates.byRule]
    .filter(([, ids]) => ids.size > 0)
    .map(([rule, ids]) => ({
      rule,
      blockedFields: BLOCKED_FIELDS_BY_RULE[rule] ?? [],
      vectors: [...ids].map((id) => vectorOf.get(id) as ComparisonVector),
    }));
  const fromNhsNumbers = randomMatchProbability(records, candidates.byRule.get('nhs') ?? []);
  const allPairs = (n * (n - 1)) / 2;
  const trained = trainMatchModel(
    pairsByRule,
    randomPairVectors(records, Math.min(randomPairs, allPairs), options.seed ?? 1),
    { lambda: fromNhsNumbers ?? 1 / (n - 1), em: options.em ?? DEFAULT_EM_OPTIONS, prior },
  );
  const lambda =
    fromNhsNumbers ??
    estimateLambdaFromCandidates(
      [...vectorOf.values()].map((vector) => scorePair(trained.model, vector).matchWeight),
      n,
      1 / (n - 1),
    );
  return {
    model: { ...trained.model, lambda },
    lambda,
    perRule: trained.perRule,
    candidatePairs: candidates.pairs.length,
    records: n,
    termFrequencies: buildTermFrequencyTables(records),
    coldStart: false,
  };
}
