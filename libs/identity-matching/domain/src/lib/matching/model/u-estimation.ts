import type { ComparedField, ComparisonLevel, ComparisonVector } from '../comparison-levels';
import { COMPARED_FIELDS } from '../comparison-levels';
import type { MatchModel } from './match-model';
import { buildMatchModel, defaultMatchModel, levelProbabilities, levelsOf } from './match-model';

/** u probabilities per field and level. Over a field's levels they sum to 1. */
export type UProbabilities = {
  readonly [F in ComparedField]: { readonly [L in ComparisonLevel<F>]: number };
};

/** Options for {@link estimateUFromRandomPairs}. */
export interface UEstimationOptions {
  /** Where u starts from and where unobserved fields stay (default: `defaultMatchModel()`). */
  readonly prior?: MatchModel;
  /** Smoothing strength in pseudo-observations distributed as the prior's u (default 1). */
  readonly pseudoCount?: number;
}

/** Reads one level's u from a {@link UProbabilities} table. */
export function uOf(u: UProbabilities, field: ComparedField, level: ComparisonLevel): number {
  return (u[field] as Readonly<Record<string, number>>)[level];
}

/**
 * Estimates u from comparisons of randomly drawn pairs of records — the standard way to fix u
 * before EM (then run `estimateModel` with `fixedU: true`). Random pairs are overwhelmingly
 * non-matches (in n records only ~1 in n pairs is the same person), so the share of pairs reaching
 * each level is, to a very good approximation, P(level | different people). Draw the pairs from
 * all records, not from blocked candidates, which are biased towards agreement.
 *
 * Each u is (count + pseudoCount · prior u) / (observed pairs + pseudoCount): never 0 or 1, and a
 * field never observed keeps the prior's values. `missing` comparisons are left out.
 */
export function estimateUFromRandomPairs(
  vectors: readonly ComparisonVector[],
  options: UEstimationOptions = {},
): UProbabilities {
  const prior = options.prior ?? defaultMatchModel();
  const pseudoCount = options.pseudoCount ?? 1;
  const entries = COMPARED_FIELDS.map((field) => {
    const observed = vectors.map((vector) => vector[field]).filter((level) => level !== 'missing');
    const levels = levelsOf(field).map((level) => {
      const count = observed.filter((candidate) => candidate === level).length;
      const priorU = levelProbabilities(prior, field, level).u;
      return [level, (count + pseudoCount * priorU) / (observed.length + pseudoCount)] as const;
    });
    return [field, Object.fromEntries(levels)] as const;
  });
  return Object.fromEntries(entries) as unknown as UProbabilities;
}

/** The same model with its u probabilities replaced. */
export function withUProbabilities(model: MatchModel, u: UProbabilities): MatchModel {
  return buildMatchModel(model.lambda, (field, level) => ({
    m: levelProbabilities(model, field, level).m,
    u: uOf(u, field, level),
  }));
}
