import { ValidationError } from '@ilinks/shared/kernel';
import type { Demographics } from '../../local-record.types';
import type { MatchGrade } from '../model/thresholds';
import { matchGrade } from '../model/thresholds';
import type { MatchCandidate, MatchExplanation, ScoringOptions } from './score-candidates';
import { scoreCandidatePersons } from './score-candidates';
import { nhsNumberEvidence } from './decide-match';

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
 * by their best record; a person holding the query's valid NHS number with an agreeing birth date,
 * up to a keying error, scores 1), grades each with its FHIR match grade and ranks them best first, ties by
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
    .map((person): RankedCandidate => {
      const score = nhsNumberEvidence(query, person) === 'confirms' ? 1 : person.best.score;
      return {
        personId: person.personId,
        score,
        grade: matchGrade(score),
        explanation: person.best.explanation,
      };
    })
    .sort((a, b) => b.score - a.score || (a.personId < b.personId ? -1 : a.personId > b.personId ? 1 : 0))
    .filter(({ grade }) => !onlyCertainMatches || grade === 'certain');
  return count === undefined ? ranked : ranked.slice(0, count);
}
