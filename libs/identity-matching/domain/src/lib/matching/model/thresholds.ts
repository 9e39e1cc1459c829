import { ValidationError } from '@ilinks/shared/kernel';

/** What to do with a candidate pair. */
export type MatchDecision = 'link' | 'review' | 'new-person';

/**
 * Cut-offs for {@link classify}, both in the same unit as the score classified (a probability, or a
 * match weight in bits). `link` must not be below `review`.
 */
export interface MatchThresholds {
  readonly link: number;
  readonly review: number;
}

/**
 * Default probability thresholds: link automatically only when near-certain (a wrong link merges
 * two people's care records, far worse than a missed one); send anything better than even to a
 * person for review.
 */
export const DEFAULT_PROBABILITY_THRESHOLDS: MatchThresholds = { link: 0.99, review: 0.5 };

/**
 * Classifies a score (probability or match weight, in the thresholds' unit): at or above `link` →
 * `link`; at or above `review` → `review`; otherwise `new-person`. Throws a `ValidationError` when
 * `link` < `review` or a value is not a number.
 */
export function classify(score: number, thresholds: MatchThresholds): MatchDecision {
  if (Number.isNaN(score) || Number.isNaN(thresholds.link) || Number.isNaN(thresholds.review)) {
    throw new ValidationError('Scores and thresholds must be numbers');
  }
  if (thresholds.link < thresholds.review)
    throw new ValidationError('The link threshold is below the review threshold');
  if (score >= thresholds.link) return 'link';
  if (score >= thresholds.review) return 'review';
  return 'new-person';
}

/** FHIR `match-grade` codes (http://terminology.hl7.org/CodeSystem/match-grade), as returned by `$match`. */
export type MatchGrade = 'certain' | 'probable' | 'possible' | 'certainly-not';

/** Lowest probability for each grade above `certainly-not`. */
export const MATCH_GRADE_CUT_OFFS = { certain: 0.99, probable: 0.9, possible: 0.5 } as const;

/**
 * The FHIR match grade of a posterior probability: ≥ 0.99 `certain`, ≥ 0.9 `probable`,
 * ≥ 0.5 `possible`, below that `certainly-not` (FHIR uses it for "not a match"). Throws a
 * `ValidationError` when the probability is outside [0, 1].
 */
export function matchGrade(probability: number): MatchGrade {
  if (!(probability >= 0 && probability <= 1)) throw new ValidationError('A probability must lie in [0, 1]');
  if (probability >= MATCH_GRADE_CUT_OFFS.certain) return 'certain';
  if (probability >= MATCH_GRADE_CUT_OFFS.probable) return 'probable';
  if (probability >= MATCH_GRADE_CUT_OFFS.possible) return 'possible';
  return 'certainly-not';
}
