import { ValidationError } from '@ilinks/shared/kernel';
import type { ComparisonVector } from '../comparison-levels';
import { COMPARED_FIELDS } from '../comparison-levels';
import type { MatchModel } from './match-model';
import { assertValidMatchModel, buildMatchModel, levelProbabilities, levelsOf } from './match-model';

/** Options for {@link estimateModel}. */
export interface EstimateOptions {
  /** Stop after this many EM iterations even if not converged (at least 1). */
  readonly maxIterations: number;
  /** Converged when no parameter (λ, any m, any u) moves by more than this in one iteration. */
  readonly tolerance: number;
  /** Keep u as given in the initial model (e.g. from `estimateUFromRandomPairs`); learn only m and λ. */
  readonly fixedU?: boolean;
  /**
   * Smoothing strength, in pseudo-observations (default 1): each estimate is pulled towards the
   * initial model as if that many extra pairs had been seen distributed exactly as it says.
   */
  readonly pseudoCount?: number;
}

/** The outcome of {@link estimateModel}. */
export interface EstimateResult {
  readonly model: MatchModel;
  readonly iterations: number;
  readonly converged: boolean;
  /** Natural-log likelihood of the vectors under the returned model. */
  readonly logLikelihood: number;
}

interface Posterior {
  /** P(match | vector) under the model. */
  readonly matchProbability: number;
  /** ln P(vector) under the model. */
  readonly logLikelihood: number;
}

function posteriorOf(model: MatchModel, vector: ComparisonVector): Posterior {
  let logMatch = Math.log(model.lambda);
  let logNonMatch = Math.log(1 - model.lambda);
  for (const field of COMPARED_FIELDS) {
    const level = vector[field];
    if (level === 'missing') continue;
    const { m, u } = levelProbabilities(model, field, level);
    logMatch += Math.log(m);
    logNonMatch += Math.log(u);
  }
  // Log-sum-exp: products of many small probabilities would underflow.
  const largest = Math.max(logMatch, logNonMatch);
  const logEvidence = largest + Math.log(Math.exp(logMatch - largest) + Math.exp(logNonMatch - largest));
  return { matchProbability: Math.exp(logMatch - logEvidence), logLikelihood: logEvidence };
}

/** Natural-log likelihood of `vectors` under `model` (mixture of the match and non-match classes). */
export function logLikelihoodOf(model: MatchModel, vectors: readonly ComparisonVector[]): number {
  return vectors.reduce((total, vector) => total + posteriorOf(model, vector).logLikelihood, 0);
}

/** Expected counts of each level among matches and among non-matches, and their per-field totals. */
interface ExpectedCounts {
  readonly match: Map<string, number>;
  readonly nonMatch: Map<string, number>;
  readonly matchTotal: Map<string, number>;
  readonly nonMatchTotal: Map<string, number>;
  readonly matchSum: number;
}

function add(counts: Map<string, number>, key: string, amount: number): void {
  counts.set(key, (counts.get(key) ?? 0) + amount);
}

/** Identical vectors, counted once: candidate pairs repeat a few thousand patterns at most. */
interface Pattern {
  readonly vector: ComparisonVector;
  readonly count: number;
}

function patternsOf(vectors: readonly ComparisonVector[]): Pattern[] {
  const patterns = new Map<string, { vector: ComparisonVector; count: number }>();
  for (const vector of vectors) {
    const key = COMPARED_FIELDS.map((field) => vector[field]).join('|');
    const pattern = patterns.get(key);
    if (pattern === undefined) patterns.set(key, { vector, count: 1 });
    else pattern.count += 1;
  }
  return [...patterns.values()];
}

function expectedCounts(model: MatchModel, patterns: readonly Pattern[]): ExpectedCounts {
  const match = new Map<string, number>();
  const nonMatch = new Map<string, number>();
  const matchTotal = new Map<string, number>();
  const nonMatchTotal = new Map<string, number>();
  let matchSum = 0;
  for (const { vector, count } of patterns) {
    const matches = count * posteriorOf(model, vector).matchProbability;
    const nonMatches = count - matches;
    matchSum += matches;
    for (const field of COMPARED_FIELDS) {
      const level = vector[field];
      if (level === 'missing') continue;
      add(match, `${field}.${level}`, matches);
      add(nonMatch, `${field}.${level}`, nonMatches);
      add(matchTotal, field, matches);
      add(nonMatchTotal, field, nonMatches);
    }
  }
  return { match, nonMatch, matchTotal, nonMatchTotal, matchSum };
}

/**
 * The M-step as a posterior mode under a Dirichlet prior centred on the initial model: every
 * estimate is (expected count + pseudoCount · initial value) / (expected total + pseudoCount).
 * Because initial values are strictly inside (0, 1), so are the estimates — no level ever gets an
 * infinite weight — and a field never observed keeps its initial values.
 */
function maximise(
  counts: ExpectedCounts,
  vectorCount: number,
  initial: MatchModel,
  pseudoCount: number,
  fixedU: boolean,
): MatchModel {
  const smoothed = (count: number, total: number, prior: number): number =>
    (count + pseudoCount * prior) / (total + pseudoCount);
  return buildMatchModel(smoothed(counts.matchSum, vectorCount, initial.lambda), (field, level) => {
    const prior = levelProbabilities(initial, field, level);
    const key = `${field}.${level}`;
    return {
      m: smoothed(counts.match.get(key) ?? 0, counts.matchTotal.get(field) ?? 0, prior.m),
      u: fixedU
        ? prior.u
        : smoothed(counts.nonMatch.get(key) ?? 0, counts.nonMatchTotal.get(field) ?? 0, prior.u),
    };
  });
}

function largestChange(before: MatchModel, after: MatchModel): number {
  let largest = Math.abs(after.lambda - before.lambda);
  for (const field of COMPARED_FIELDS) {
    for (const level of levelsOf(field)) {
      const previous = levelProbabilities(before, field, level);
      const next = levelProbabilities(after, field, level);
      largest = Math.max(largest, Math.abs(next.m - previous.m), Math.abs(next.u - previous.u));
    }
  }
  return largest;
}

function assertValidOptions(options: EstimateOptions): void {
  if (!Number.isInteger(options.maxIterations) || options.maxIterations < 1) {
    throw new ValidationError('maxIterations must be a positive integer');
  }
  if (!(options.tolerance > 0)) throw new ValidationError('tolerance must be positive');
  if (
    options.pseudoCount !== undefined &&
    !(options.pseudoCount > 0 && Number.isFinite(options.pseudoCount))
  ) {
    throw new ValidationError('pseudoCount must be a positive number');
  }
}

/**
 * Learns m, u and λ from unlabelled candidate pairs by expectation–maximisation (Fellegi–Sunter
 * with conditional independence). `missing` levels are left out of their field's counts.
 * Deterministic: the same inputs always give the same model. Smoothing keeps every probability
 * strictly inside (0, 1); see `pseudoCount`. Throws a `ValidationError` on an invalid initial model
 * or options.
 */
export function estimateModel(
  vectors: readonly ComparisonVector[],
  initial: MatchModel,
  options: EstimateOptions,
): EstimateResult {
  assertValidMatchModel(initial);
  assertValidOptions(options);
  const pseudoCount = options.pseudoCount ?? 1;
  const patterns = patternsOf(vectors);
  let model = initial;
  let iterations = 0;
  let converged = false;
  while (!converged && iterations < options.maxIterations) {
    const next = maximise(
      expectedCounts(model, patterns),
      vectors.length,
      initial,
      pseudoCount,
      options.fixedU ?? false,
    );
    converged = largestChange(model, next) < options.tolerance;
    model = next;
    iterations += 1;
  }
  return { model, iterations, converged, logLikelihood: logLikelihoodOf(model, vectors) };
}
