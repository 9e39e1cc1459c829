import type { Demographics } from '../../local-record.types';
import { verifiedNhsNumber } from '../../person/golden-record';
import type { ComparisonLevel } from '../comparison-levels';
import type { MatchDecision, MatchGrade, MatchThresholds } from '../model/thresholds';
import { classify, matchGrade } from '../model/thresholds';
import type { KnownDifferentPair } from './known-different';
import { isKnownDifferent } from './known-different';
import type { MatchCandidate, MatchExplanation, ScoredPerson, ScoringOptions } from './score-candidates';
import { scoreCandidatePersons } from './score-candidates';

/** The local record being matched. */
export interface IncomingRecord {
  readonly localRecordId: string;
  /** The person the record is linked to now, when it is re-matched (e.g. after an update). */
  readonly personId?: string;
  readonly demographics: Demographics;
}

/** What {@link decideMatch} needs besides the records. */
export interface DecideMatchOptions extends ScoringOptions {
  /** Probability thresholds; see `DEFAULT_PROBABILITY_THRESHOLDS`. */
  readonly thresholds: MatchThresholds;
  /** Pairs a human decided are different people; those candidates are never proposed again. */
  readonly knownDifferent: readonly KnownDifferentPair[];
}

/** Link the incoming record to an existing person. */
export interface LinkDecision {
  readonly outcome: 'link';
  readonly personId: string;
  readonly method: 'nhs-number' | 'probabilistic';
  /** 1 for an NHS number link; otherwise the posterior probability. */
  readonly score: number;
  readonly grade: MatchGrade;
  readonly explanation: MatchExplanation;
}

/** Why a candidate is put in front of a reviewer. */
export type ReviewReason =
  /** The same NHS number is held by more than one candidate person. */
  | 'nhs-number-shared-by-several-persons'
  /** The NHS number agrees but the birth date differs beyond a keying error. */
  | 'nhs-number-agrees-birth-date-conflicts'
  /** The NHS number agrees but a birth date is missing or malformed, so nothing confirms it. */
  | 'nhs-number-agrees-birth-date-missing'
  /** Both records hold valid NHS numbers, and they differ. */
  | 'nhs-number-differs'
  /** Another person also scores at or above the link threshold. */
  | 'several-persons-above-link-threshold'
  | 'score-at-or-above-link-threshold'
  | 'score-at-or-above-review-threshold'
  | 'score-below-review-threshold';

/** One person a reviewer should consider. */
export interface ReviewCandidate {
  readonly personId: string;
  readonly score: number;
  readonly grade: MatchGrade;
  readonly explanation: MatchExplanation;
  readonly reasons: readonly ReviewReason[];
}

/** A human must decide; candidates are ranked best first. */
export interface ReviewDecision {
  readonly outcome: 'review';
  readonly candidates: readonly ReviewCandidate[];
}

/** No candidate is good enough: the record starts a new person. */
export interface NewPersonDecision {
  readonly outcome: 'new-person';
  /** The best candidate's probability, when there was a candidate. */
  readonly bestScore?: number;
  readonly explanation?: MatchExplanation;
}

export type MatchingDecision = LinkDecision | ReviewDecision | NewPersonDecision;

/** Birth-date levels a keying error explains, which therefore confirm an agreeing NHS number. */
const CONFIRMING_BIRTH_DATE_LEVELS: ReadonlySet<ComparisonLevel<'birthDate'> | 'missing'> = new Set([
  'exact',
  'day-month-swapped',
  'one-digit-typo',
]);

/** Reasons that send the decision to review whatever the scores. */
const CONFLICTING_REASONS: ReadonlySet<ReviewReason> = new Set([
  'nhs-number-shared-by-several-persons',
  'nhs-number-agrees-birth-date-conflicts',
  'nhs-number-agrees-birth-date-missing',
  'several-persons-above-link-threshold',
]);

const SCORE_BAND_REASONS: { readonly [D in MatchDecision]: ReviewReason } = {
  link: 'score-at-or-above-link-threshold',
  review: 'score-at-or-above-review-threshold',
  'new-person': 'score-below-review-threshold',
};

function validNhsNumbersOf(person: ScoredPerson): string[] {
  return person.records
    .map(({ candidate }) => verifiedNhsNumber(candidate.demographics))
    .filter((nhsNumber): nhsNumber is string => nhsNumber !== undefined);
}

function holdsNhsNumber(person: ScoredPerson, nhsNumber: string | undefined): boolean {
  return nhsNumber !== undefined && validNhsNumbersOf(person).includes(nhsNumber);
}

/** Whether the person's records holding the NHS number also agree on birth date, up to keying errors. */
function birthDateEvidence(person: ScoredPerson, nhsNumber: string): 'confirms' | 'conflicts' | 'missing' {
  const levels = person.records
    .filter(({ candidate }) => verifiedNhsNumber(candidate.demographics) === nhsNumber)
    .map(({ vector }) => vector.birthDate);
  if (levels.some((level) => CONFIRMING_BIRTH_DATE_LEVELS.has(level))) return 'confirms';
  return levels.includes('missing') ? 'missing' : 'conflicts';
}

/**
 * Whether the person holds the (valid) NHS number of `demographics` with a birth date that agrees up
 * to a keying error: the evidence that links deterministically. `none` when either side has no
 * valid NHS number or the person does not hold it.
 */
export function nhsNumberEvidence(
  demographics: Demographics,
  person: ScoredPerson,
): 'confirms' | 'conflicts' | 'missing' | 'none' {
  const nhsNumber = verifiedNhsNumber(demographics);
  if (nhsNumber === undefined || !holdsNhsNumber(person, nhsNumber)) return 'none';
  return birthDateEvidence(person, nhsNumber);
}

interface DecisionContext {
  readonly nhsNumber: string | undefined;
  readonly holderCount: number;
  /** Only without an NHS number holder: then two strong matches would be a guess. */
  readonly severalAboveLink: boolean;
  readonly thresholds: MatchThresholds;
}

function nhsNumberReasons(person: ScoredPerson, context: DecisionContext): ReviewReason[] {
  const { nhsNumber } = context;
  const held = validNhsNumbersOf(person);
  if (nhsNumber === undefined || held.length === 0) return [];
  if (!held.includes(nhsNumber)) return ['nhs-number-differs'];
  const reasons: ReviewReason[] = [];
  if (context.holderCount > 1) reasons.push('nhs-number-shared-by-several-persons');
  const birthDate = birthDateEvidence(person, nhsNumber);
  if (birthDate === 'conflicts') reasons.push('nhs-number-agrees-birth-date-conflicts');
  if (birthDate === 'missing') reasons.push('nhs-number-agrees-birth-date-missing');
  return reasons;
}

interface AssessedPerson {
  readonly person: ScoredPerson;
  readonly band: MatchDecision;
  readonly reasons: readonly ReviewReason[];
  /** True when this person's evidence conflicts, so no automatic link may be made. */
  readonly conflicting: boolean;
}

function assess(person: ScoredPerson, context: DecisionContext): AssessedPerson {
  const band = classify(person.best.score, context.thresholds);
  const several: ReviewReason[] =
    context.severalAboveLink && band === 'link' ? ['several-persons-above-link-threshold'] : [];
  const reasons = [...nhsNumberReasons(person, context), ...several, SCORE_BAND_REASONS[band]];
  const conflicting =
    reasons.some((reason) => CONFLICTING_REASONS.has(reason)) ||
    (band === 'link' && reasons.includes('nhs-number-differs'));
  return { person, band, reasons, conflicting };
}

function isExcluded(
  incoming: IncomingRecord,
  personId: string,
  knownDifferent: readonly KnownDifferentPair[],
) {
  return (
    isKnownDifferent(knownDifferent, incoming.localRecordId, personId) ||
    (incoming.personId !== undefined && isKnownDifferent(knownDifferent, incoming.personId, personId))
  );
}

function reviewOf(assessed: readonly AssessedPerson[]): ReviewDecision {
  return {
    outcome: 'review',
    candidates: assessed
      .filter(({ band, conflicting }) => conflicting || band !== 'new-person')
      .map(({ person, reasons }) => ({
        personId: person.personId,
        score: person.best.score,
        grade: matchGrade(person.best.score),
        explanation: person.best.explanation,
        reasons,
      })),
  };
}

/**
 * Decides what to do with an incoming local record, given the candidate records blocking found:
 *
 * 1. A valid NHS number (Modulus 11) held by exactly one candidate person whose birth date agrees,
 *    exactly or up to a keying error (day/month swapped, one digit), links by `nhs-number`.
 * 2. Conflicting evidence never links: the same NHS number with a birth date no keying error
 *    explains, the same NHS number held by several persons, or a strong probabilistic match whose
 *    valid NHS number differs — all go to review.
 * 3. Otherwise each person is scored by their best candidate record (pairs a human marked as
 *    different people are left out) and the best is classified: link `probabilistic`, review
 *    (every person at or above the review threshold, ranked) or new person. Two persons at or
 *    above the link threshold go to review rather than a guess.
 *
 * Pure and deterministic: the order of `candidates` does not matter; ties are broken by person id.
 * Explanations carry field levels and weights, never the demographics themselves.
 */
export function decideMatch(
  incoming: IncomingRecord,
  candidates: readonly MatchCandidate[],
  options: DecideMatchOptions,
): MatchingDecision {
  const eligible = candidates.filter(
    ({ personId }) => !isExcluded(incoming, personId, options.knownDifferent),
  );
  const persons = scoreCandidatePersons(incoming.demographics, eligible, options);
  const nhsNumber = verifiedNhsNumber(incoming.demographics);
  const holders = persons.filter((person) => holdsNhsNumber(person, nhsNumber));
  const severalAboveLink =
    holders.length === 0 &&
    persons.filter((person) => classify(person.best.score, options.thresholds) === 'link').length > 1;
  const context: DecisionContext = {
    nhsNumber,
    holderCount: holders.length,
    severalAboveLink,
    thresholds: options.thresholds,
  };
  const assessed = persons.map((person) => assess(person, context));

  if (assessed.some(({ conflicting }) => conflicting)) return reviewOf(assessed);
  if (holders.length === 1) {
    const [holder] = holders;
    return {
      outcome: 'link',
      personId: holder.personId,
      method: 'nhs-number',
      score: 1,
      grade: 'certain',
      explanation: holder.best.explanation,
    };
  }
  const [best] = assessed;
  if (best === undefined) return { outcome: 'new-person' };
  switch (best.band) {
    case 'link':
      return {
        outcome: 'link',
        personId: best.person.personId,
        method: 'probabilistic',
        score: best.person.best.score,
        grade: matchGrade(best.person.best.score),
        explanation: best.person.best.explanation,
      };
    case 'review':
      return reviewOf(assessed);
    case 'new-person':
      return {
        outcome: 'new-person',
        bestScore: best.person.best.score,
        explanation: best.person.best.explanation,
      };
    default: {
      const unexpected: never = best.band;
      return unexpected;
    }
  }
}
