import type { ComparedField, ComparisonLevel, ComparisonVector } from '../comparison-levels';
import { COMPARED_FIELDS } from '../comparison-levels';
import type { MatchModel } from './match-model';
import { levelProbabilities, levelsOf } from './match-model';
import type { RandomSource } from './seeded-random';

/** A comparison vector together with whether it was drawn as a match. */
export interface LabelledVector {
  readonly isMatch: boolean;
  readonly vector: ComparisonVector;
}

/** Options for {@link sampleComparisonVectors}. */
export interface SampleOptions {
  /** Per field, the probability that the field is `missing` (default 0). */
  readonly missingRate?: Partial<Record<ComparedField, number>>;
}

function drawLevel(
  model: MatchModel,
  field: ComparedField,
  isMatch: boolean,
  random: RandomSource,
): ComparisonLevel {
  const levels = levelsOf(field);
  let remaining = random();
  for (const level of levels) {
    const { m, u } = levelProbabilities(model, field, level);
    remaining -= isMatch ? m : u;
    if (remaining < 0) return level;
  }
  return levels[levels.length - 1];
}

/**
 * Draws `count` comparison vectors from a model, as the model assumes they arise: a pair is a match
 * with probability λ, then each field's level is drawn independently from m (match) or u (not).
 * For testing estimation; deterministic for a seeded `random`.
 */
export function sampleComparisonVectors(
  model: MatchModel,
  count: number,
  random: RandomSource,
  options: SampleOptions = {},
): LabelledVector[] {
  return Array.from({ length: count }, () => {
    const isMatch = random() < model.lambda;
    const entries = COMPARED_FIELDS.map((field) => {
      const missing = random() < (options.missingRate?.[field] ?? 0);
      return [field, missing ? 'missing' : drawLevel(model, field, isMatch, random)] as const;
    });
    return { isMatch, vector: Object.fromEntries(entries) as unknown as ComparisonVector };
  });
}
