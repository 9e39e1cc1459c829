import { ValidationError } from '@ilinks/shared/kernel';
import type { ComparedField, ComparisonLevel, ComparisonVector } from '../comparison-levels';
import { COMPARED_FIELDS } from '../comparison-levels';
import type { MatchModel } from './match-model';
import { levelProbabilities } from './match-model';

/**
 * How common the agreeing value is: the fraction of records holding that family name, or that
 * postcode. Used only when the pair agrees exactly on the field.
 */
export interface TermFrequency {
  readonly name?: number;
  readonly postcode?: number;
  /**
   * The average frequency of an agreeing value (Σ share², the chance two random records share a
   * value), per field. When given for a field, its adjustment is relative: `log2(baseline/tf)` is
   * added to the level's weight. A trained model's u for exact agreement is measured among random
   * pairs; against the table's own baseline the adjustment leaves the level's average weight where
   * training put it, whatever the two estimates' small differences of scale.
   */
  readonly baseline?: { readonly name?: number; readonly postcode?: number };
}

/** One field's contribution to a pair's score. */
export interface FieldWeight {
  readonly field: ComparedField;
  readonly level: ComparisonLevel | 'missing';
  /** log2(m/u), term-frequency adjusted where it applies; 0 when `missing`. */
  readonly weight: number;
}

/** The Fellegi–Sunter score of one candidate pair. */
export interface PairScore {
  /** Sum of the field weights: log2 of the Bayes factor, excluding the prior λ. */
  readonly matchWeight: number;
  /** Posterior probability that the pair is a match, given λ and the evidence. */
  readonly probability: number;
  readonly perField: readonly FieldWeight[];
}

/** The prior λ as a log2 odds, the starting point of the posterior. */
export function priorWeight(lambda: number): number {
  return Math.log2(lambda / (1 - lambda));
}

/** Turns a total log2 odds into a probability without overflowing for large weights. */
export function probabilityFromWeight(log2Odds: number): number {
  return 1 / (1 + 2 ** -log2Odds);
}

function checkedFrequency(field: ComparedField, frequency: number | undefined): number | undefined {
  if (frequency !== undefined && !(Number.isFinite(frequency) && frequency > 0 && frequency <= 1)) {
    throw new ValidationError(`The term frequency of ${field} must lie in (0, 1]`);
  }
  return frequency;
}

/** The weight to add for the agreeing value's frequency; 0 when none applies. */
function termFrequencyAdjustment(
  field: ComparedField,
  u: number,
  termFrequency: TermFrequency | undefined,
): number {
  if (field !== 'name' && field !== 'postcode') return 0;
  const frequency = checkedFrequency(field, termFrequency?.[field]);
  if (frequency === undefined) return 0;
  const baseline = checkedFrequency(field, termFrequency?.baseline?.[field]);
  // Splink-style: the level's u is an average over all values; the agreeing value's own frequency
  // replaces it, i.e. weight = log2(m/u) + log2(u/tf) = log2(m/tf) — or, against a given baseline,
  // log2(m/u) + log2(baseline/tf), which leaves the level's average weight where training put it.
  return Math.log2((baseline ?? u) / frequency);
}

function fieldWeight(
  model: MatchModel,
  field: ComparedField,
  level: ComparisonLevel | 'missing',
  termFrequency: TermFrequency | undefined,
): number {
  if (level === 'missing') return 0;
  const { m, u } = levelProbabilities(model, field, level);
  const adjustment = level === 'exact' ? termFrequencyAdjustment(field, u, termFrequency) : 0;
  return Math.log2(m / u) + adjustment;
}

/**
 * Scores one comparison vector against a model. Each field contributes log2(m/u) for the level
 * reached (`missing` contributes 0); the posterior is `1 / (1 + 2^-(log2(λ/(1-λ)) + matchWeight))`.
 *
 * Term-frequency adjustment: when the pair agrees exactly on `name` or `postcode` and the frequency
 * `tf` of the agreeing value is given, the weight becomes `log2(m/u) + log2(u/tf)` (= log2(m/tf)),
 * so agreeing on "Smith" counts less than agreeing on "Featherstonehaugh". With a `baseline` for the
 * field, the adjustment is `log2(baseline/tf)` instead (see {@link TermFrequency}).
 * Throws a `ValidationError` when a given frequency is not in (0, 1].
 */
export function scorePair(
  model: MatchModel,
  vector: ComparisonVector,
  termFrequency?: TermFrequency,
): PairScore {
  const perField = COMPARED_FIELDS.map((field): FieldWeight => {
    const level = vector[field];
    return { field, level, weight: fieldWeight(model, field, level, termFrequency) };
  });
  const matchWeight = perField.reduce((total, { weight }) => total + weight, 0);
  return {
    matchWeight,
    probability: probabilityFromWeight(priorWeight(model.lambda) + matchWeight),
    perField,
  };
}
