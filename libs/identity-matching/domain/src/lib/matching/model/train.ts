import { ValidationError } from '@ilinks/shared/kernel';
import type { ComparedField, ComparisonLevel, ComparisonVector } from '../comparison-levels';
import { COMPARED_FIELDS } from '../comparison-levels';
import type { EstimateOptions } from './em';
import { estimateModel } from './em';
import type { MatchModel } from './match-model';
import { buildMatchModel, defaultMatchModel, levelProbabilities, levelsOf } from './match-model';
import { estimateUFromRandomPairs, withUProbabilities } from './u-estimation';

/** The candidate pairs one blocking rule produced, and the fields that rule makes agree. */
export interface RulePairs {
  /** A name for the rule, e.g. the blocking-key prefix (`dob`). */
  readonly rule: string;
  /**
   * Fields whose agreement the rule forces or strongly favours (e.g. `birthDate` for a birth-date
   * rule): their levels among these pairs say nothing about m, so they are left out of this rule's EM.
   */
  readonly blockedFields: readonly ComparedField[];
  readonly vectors: readonly ComparisonVector[];
}

/** Options for {@link trainMatchModel}. */
export interface TrainOptions {
  /**
   * The prior probability that two records drawn at random are the same person — the λ of the
   * returned model, on the scale of random pairs because u comes from random pairs (see
   * {@link estimateRandomMatchProbability}).
   */
  readonly lambda: number;
  /** EM settings for each rule's run (`fixedU` is always on). */
  readonly em: Omit<EstimateOptions, 'fixedU'>;
  /** Where m starts from, and what a field no rule can learn keeps (default `defaultMatchModel()`). */
  readonly prior?: MatchModel;
  /** Smoothing of the random-pair u estimates, in pseudo-observations (default 1). */
  readonly uPseudoCount?: number;
}

/** What one rule's EM run found. */
export interface RuleTraining {
  readonly rule: string;
  /** Share of this rule's candidate pairs that EM takes for matches. */
  readonly lambda: number;
  readonly pairs: number;
  readonly iterations: number;
  readonly converged: boolean;
}

/** The outcome of {@link trainMatchModel}. */
export interface TrainResult {
  readonly model: MatchModel;
  readonly perRule: readonly RuleTraining[];
  /** For each field, the rules whose EM runs its m was averaged from (empty: kept from the prior). */
  readonly mSources: { readonly [F in ComparedField]: readonly string[] };
}

function withoutFields(vector: ComparisonVector, fields: readonly ComparedField[]): ComparisonVector {
  if (fields.length === 0) return vector;
  const masked: Record<string, string> = { ...vector };
  for (const field of fields) masked[field] = 'missing';
  return masked as unknown as ComparisonVector;
}

function isOpenProbability(value: number): boolean {
  return Number.isFinite(value) && value > 0 && value < 1;
}

/**
 * The same model with no partial-agreement level weighing more than the field's exact (first)
 * level: a level's u is raised to `m · u_exact / m_exact` where needed, and the mass taken from the
 * field's last (disagreement) level so u still sums to 1. Rare levels (a day–month swap) are seen a
 * handful of times among random pairs, if at all, so their u estimate is mostly the prior and their
 * weight can come out absurd (24 bits, against 13 for an exact date); agreeing partly can never be
 * stronger evidence than agreeing fully.
 */
export function capPartialLevelWeights(model: MatchModel): MatchModel {
  const capped = new Map<string, number>();
  for (const field of COMPARED_FIELDS) {
    const levels = levelsOf(field);
    const exact = levelProbabilities(model, field, levels[0]);
    let raised = 0;
    for (const level of levels.slice(1, -1)) {
      const { m, u } = levelProbabilities(model, field, level);
      const floor = (m * exact.u) / exact.m;
      if (u < floor) {
        capped.set(`${field}.${level}`, floor);
        raised += floor - u;
      }
    }
    const last = levels[levels.length - 1];
    if (raised > 0) capped.set(`${field}.${last}`, levelProbabilities(model, field, last).u - raised);
  }
  return buildMatchModel(model.lambda, (field, level) => {
    const { m, u } = levelProbabilities(model, field, level);
    return { m, u: capped.get(`${field}.${level}`) ?? u };
  });
}

/** Contact details a household shares (a landline, a family e-mail address). */
export const CONTACT_DETAIL_FIELDS: readonly ComparedField[] = ['phone', 'email'];

/** Fields whose wholly different value a shared contact detail may never outweigh. */
const IDENTIFYING_FIELDS: readonly ComparedField[] = ['givenName', 'birthDate'];

function levelWeight(model: MatchModel, field: ComparedField, level: ComparisonLevel): number {
  const { m, u } = levelProbabilities(model, field, level);
  return Math.log2(m / u);
}

/**
 * The most a contact-detail agreement may weigh, in bits: what a wholly different given name or
 * birth date weighs against, whichever is less (never below 0).
 */
export function contactDetailWeightCap(model: MatchModel): number {
  const against = IDENTIFYING_FIELDS.map((field) => {
    const levels = levelsOf(field);
    return -levelWeight(model, field, levels[levels.length - 1]);
  });
  return Math.max(0, Math.min(...against));
}

/**
 * The same model with no contact-detail agreement (see {@link CONTACT_DETAIL_FIELDS}) weighing more
 * than {@link contactDetailWeightCap}: the exact level's u is raised to `m · 2^-cap` where needed, the
 * mass taken from the field's disagreement level so u still sums to 1.
 *
 * Fellegi–Sunter assumes fields independent given match status, and contact details break that
 * exactly where it matters: twins, siblings and spouses share a landline or an e-mail, and e-mail
 * addresses are made from names, so people sharing a name share one far more often than strangers.
 * u from random pairs (about 1 in 10⁷ for an e-mail: 23 bits) measures strangers; among the
 * candidates blocking brings together it is orders of magnitude higher. Capped, a shared contact
 * detail can tip a close call but never outweigh a wholly different first name or birth date.
 */
export function capContactDetailWeights(model: MatchModel): MatchModel {
  const cap = contactDetailWeightCap(model);
  const capped = new Map<string, number>();
  for (const field of CONTACT_DETAIL_FIELDS) {
    const levels = levelsOf(field);
    const last = levels[levels.length - 1];
    let raised = 0;
    for (const level of levels.slice(0, -1)) {
      const { m, u } = levelProbabilities(model, field, level);
      const floor = m * 2 ** -cap;
      if (u < floor) {
        capped.set(`${field}.${level}`, floor);
        raised += floor - u;
      }
    }
    if (raised > 0) capped.set(`${field}.${last}`, levelProbabilities(model, field, last).u - raised);
  }
  return buildMatchModel(model.lambda, (field, level) => {
    const { m, u } = levelProbabilities(model, field, level);
    return { m, u: capped.get(`${field}.${level}`) ?? u };
  });
}

/**
 * Trains a Fellegi–Sunter model the way Splink does, without labels:
 * 1. u from comparisons of random record pairs (`estimateUFromRandomPairs`), then held fixed;
 * 2. for each blocking rule, EM (`estimateModel`, `fixedU`) on that rule's candidate pairs with the
 *    rule's blocked fields left out — they agree by construction, so among these pairs they would
 *    make every pair look like a match;
 * 3. each field's m is the plain average of the runs of the rules that did not block on it (a field
 *    every rule blocks on keeps the prior's m);
 * 4. λ is `options.lambda`, a random-pair prior: the per-rule λs only describe each rule's candidate
 *    pairs and are reported, not used;
 * 5. no partial-agreement level may outweigh its field's exact level (see {@link capPartialLevelWeights}),
 *    and no shared contact detail a wholly different given name or birth date (see
 *    {@link capContactDetailWeights}).
 * Deterministic. Throws a `ValidationError` when λ is not strictly between 0 and 1, or when EM's
 * options or the prior are invalid.
 */
export function trainMatchModel(
  pairsByRule: readonly RulePairs[],
  randomPairVectors: readonly ComparisonVector[],
  options: TrainOptions,
): TrainResult {
  if (!isOpenProbability(options.lambda))
    throw new ValidationError('lambda must lie strictly between 0 and 1');
  const prior = options.prior ?? defaultMatchModel();
  const u = estimateUFromRandomPairs(randomPairVectors, { prior, pseudoCount: options.uPseudoCount });
  const initial = withUProbabilities(prior, u);
  const runs = pairsByRule.map((rule) => ({
    rule,
    result: estimateModel(
      rule.vectors.map((vector) => withoutFields(vector, rule.blockedFields)),
      initial,
      { ...options.em, fixedU: true },
    ),
  }));
  const sourcesOf = (field: ComparedField): typeof runs =>
    runs.filter(({ rule }) => !rule.blockedFields.includes(field));
  const learned = buildMatchModel(options.lambda, (field, level) => {
    const sources = sourcesOf(field);
    const m =
      sources.length === 0
        ? levelProbabilities(prior, field, level).m
        : sources.reduce((total, { result }) => total + levelProbabilities(result.model, field, level).m, 0) /
          sources.length;
    return { m, u: levelProbabilities(initial, field, level).u };
  });
  const model = capContactDetailWeights(capPartialLevelWeights(learned));
  const mSources = Object.fromEntries(
    COMPARED_FIELDS.map((field) => [field, sourcesOf(field).map(({ rule }) => rule.rule)]),
  ) as unknown as TrainResult['mSources'];
  return {
    model,
    perRule: runs.map(({ rule, result }) => ({
      rule: rule.rule,
      lambda: result.model.lambda,
      pairs: rule.vectors.length,
      iterations: result.iterations,
      converged: result.converged,
    })),
    mSources,
  };
}

/** Inputs of {@link estimateRandomMatchProbability}. */
export interface DeterministicRuleEvidence {
  /** Number of records linked over. */
  readonly recordCount: number;
  /** Pairs a near-certain deterministic rule links (e.g. equal valid NHS numbers). */
  readonly deterministicPairs: number;
  /**
   * The share of all true matching pairs that rule finds, in (0, 1]. Not known without labels; for
   * an identifier rule, the share of records holding a valid identifier, squared, is a reasonable
   * estimate (both records of a pair must hold it).
   */
  readonly recall: number;
}

/**
 * Splink's "probability two random records match": the deterministic rule's pair count scaled up by
 * its recall gives the expected number of matching pairs, divided by all n(n−1)/2 pairs. Clamped
 * into (0, 1). Throws a `ValidationError` on fewer than two records or a recall outside (0, 1].
 */
export function estimateRandomMatchProbability(evidence: DeterministicRuleEvidence): number {
  const { recordCount, deterministicPairs, recall } = evidence;
  if (!Number.isInteger(recordCount) || recordCount < 2)
    throw new ValidationError('recordCount must be an integer of at least 2');
  if (!(recall > 0 && recall <= 1)) throw new ValidationError('recall must lie in (0, 1]');
  if (!(deterministicPairs >= 0 && Number.isFinite(deterministicPairs)))
    throw new ValidationError('deterministicPairs must be a non-negative number');
  const allPairs = (recordCount * (recordCount - 1)) / 2;
  const probability = deterministicPairs / recall / allPairs;
  // Neither 0 nor 1 is a usable prior: both make the posterior ignore the evidence.
  return Math.min(Math.max(probability, 1 / (allPairs + 1)), allPairs / (allPairs + 1));
}
