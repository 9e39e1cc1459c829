import { ValidationError } from '@ilinks/shared/kernel';
import type { Demographics } from '../../local-record.types';
import type { MatchGrade } from '../model/thresholds';
import { matchGrade } from '../model/thresholds';
import type { MatchCandidate, MatchExplanation, ScoringOptions } from './score-candidates';
import { scoreCandidatePersons } from './score-candidates';

/** The FHIR `Patient/$match` parameters that shape the result. */
export interface RankForMatchParameters {
  /** The most persons to return (FHIR `count`); all when absent. */
  readonly count?: number;
  /** Keep only `certain` matches (FHIR `onlyCertainMatches`). */
  readonly onlyCertainMatches?: boolean;
}

/** One person in a `$match` result. */
export interface RankedCandidate {
  readonly personId: string;
  /** Posterior probability of the person's best candidate record. */
  readonly score: number;
  readonly grade: MatchGrade;
  readonly explanation: MatchExplanation;
}

/**
 * Scores the candidates against a `$match` query exactly as `decideMatch` does (each person
 * by their best record), grades each with its FHIR match grade and ranks them best first, ties by
 * person id. Throws a `ValidationError` when `count` is not a positive integer.
 */
export function rankCandidatesForMatch(
  query: Demographics,
  candidates: readonly MatchCandidate[],
  options: ScoringOptions,
  parameters: RankForMatchParameters = {},
): RankedCandidate[] {
  const { count, onlyCertainMatches = false } = parameters;
  if (count !== undefined && !(Number.isInteger(count) && count > 0)) {
    throw new ValidationError('count must be a positive integer');
  }
  const ranked = scoreCandidatePersons(query, candidates, options)
    .map(
      ({ personId, best }): RankedCandidate => ({
        personId,
        score: best.score,
        grade: matchGrade(best.score),
        explanation: best.explanation,
      }),
    )
    .filter(({ grade }) => !onlyCertainMatches || grade === 'certain');
  return count === undefined ? ranked : ranked.slice(0, count);
}
