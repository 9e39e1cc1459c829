import type { Demographics } from '../../local-record.types';
import type { ComparisonVector } from '../comparison-levels';
import { compareRecords } from '../comparisons/compare-records';
import type { MatchModel } from '../model/match-model';
import type { FieldWeight, TermFrequency } from '../model/score';
import { scorePair } from '../model/score';

/** A local record already linked to a person, found by blocking as a possible match. */
export interface MatchCandidate {
  readonly localRecordId: string;
  readonly personId: string;
  readonly demographics: Demographics;
}

/**
 * The frequencies of the values a pair agrees on, as {@link scorePair} needs them (e.g. how common
 * the shared family name is). Called once per candidate record; return `undefined` when unknown.
 */
export type TermFrequencyLookup = (
  incoming: Demographics,
  candidate: MatchCandidate,
) => TermFrequency | undefined;

/** How a candidate was scored: per field, the level reached and its weight — never raw values. */
export type MatchExplanation = readonly FieldWeight[];

/** One candidate record compared with and scored against the incoming demographics. */
export interface ScoredRecord {
  readonly candidate: MatchCandidate;
  readonly vector: ComparisonVector;
  /** Posterior probability that the records are the same person. */
  readonly score: number;
  readonly explanation: MatchExplanation;
}

/** A person's best-scoring record, with every candidate record of theirs that was scored. */
export interface ScoredPerson {
  readonly personId: string;
  readonly best: ScoredRecord;
  readonly records: readonly ScoredRecord[];
}

/** What scoring needs: the model and, optionally, term frequencies. */
export interface ScoringOptions {
  readonly model: MatchModel;
  readonly termFrequency?: TermFrequencyLookup;
}

function scoreRecord(
  incoming: Demographics,
  candidate: MatchCandidate,
  options: ScoringOptions,
): ScoredRecord {
  const vector = compareRecords(incoming, candidate.demographics);
  const { probability, perField } = scorePair(
    options.model,
    vector,
    options.termFrequency?.(incoming, candidate),
  );
  return { candidate, vector, score: probability, explanation: perField };
}

function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/** Higher score first; equal scores by record id, so the order never depends on input order. */
function byScoreThenRecordId(a: ScoredRecord, b: ScoredRecord): number {
  return b.score - a.score || compareStrings(a.candidate.localRecordId, b.candidate.localRecordId);
}

/** Higher score first; equal scores by person id, so the order never depends on input order. */
export function byScoreThenPersonId(a: ScoredPerson, b: ScoredPerson): number {
  return b.best.score - a.best.score || compareStrings(a.personId, b.personId);
}

/**
 * Scores every candidate record against `incoming` and groups them by person. A person may hold
 * several candidate records (one per partner); the person counts with their best-scoring record.
 * Returns the persons ranked best first, ties broken by person id.
 */
export function scoreCandidatePersons(
  incoming: Demographics,
  candidates: readonly MatchCandidate[],
  options: ScoringOptions,
): ScoredPerson[] {
  const recordsByPerson = new Map<string, ScoredRecord[]>();
  for (const candidate of candidates) {
    const scored = scoreRecord(incoming, candidate, options);
    recordsByPerson.set(candidate.personId, [...(recordsByPerson.get(candidate.personId) ?? []), scored]);
  }
  return [...recordsByPerson.entries()]
    .map(([personId, records]): ScoredPerson => {
      const ranked = [...records].sort(byScoreThenRecordId);
      return { personId, best: ranked[0], records: ranked };
    })
    .sort(byScoreThenPersonId);
}
