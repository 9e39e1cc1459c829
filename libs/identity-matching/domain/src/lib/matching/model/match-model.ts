import type { Issue } from '@ilinks/shared/kernel';
import { ValidationError } from '@ilinks/shared/kernel';
import type { ComparedField, ComparisonLevel } from '../comparison-levels';
import { COMPARED_FIELDS, COMPARISON_LEVELS } from '../comparison-levels';

/** The two Fellegi–Sunter probabilities of one comparison level. */
export interface LevelProbabilities {
  /** P(level | the two records are the same person). */
  readonly m: number;
  /** P(level | the two records are different people). */
  readonly u: number;
}

/** m and u for every level of one field. Over the field's levels, m sums to 1 and so does u. */
export type FieldModel<F extends ComparedField = ComparedField> = {
  readonly [L in ComparisonLevel<F>]: LevelProbabilities;
};

/** A Fellegi–Sunter model over {@link ComparisonVector}s (conditional independence between fields). */
export interface MatchModel {
  /** λ: the prior proportion of candidate pairs that are matches. */
  readonly lambda: number;
  readonly fields: { readonly [F in ComparedField]: FieldModel<F> };
}

/** The levels of `field`, strongest agreement first. */
export function levelsOf(field: ComparedField): readonly ComparisonLevel[] {
  return COMPARISON_LEVELS[field];
}

/** m and u of one level of one field. */
export function levelProbabilities(
  model: MatchModel,
  field: ComparedField,
  level: ComparisonLevel,
): LevelProbabilities {
  // The field/level correlation is checked by the types at the call sites that build vectors;
  // here the model is read as the plain table it is.
  const table = model.fields[field] as Readonly<Record<string, LevelProbabilities>>;
  const probabilities = table[level];
  if (probabilities === undefined) {
    throw new ValidationError(`The match model has no level ${field}.${level}`);
  }
  return probabilities;
}

/** Builds a model by asking `probabilitiesOf` for every level of every field. */
export function buildMatchModel(
  lambda: number,
  probabilitiesOf: (field: ComparedField, level: ComparisonLevel) => LevelProbabilities,
): MatchModel {
  const fields = Object.fromEntries(
    COMPARED_FIELDS.map((field) => [
      field,
      Object.fromEntries(levelsOf(field).map((level) => [level, probabilitiesOf(field, level)])),
    ]),
  );
  return { lambda, fields: fields as unknown as MatchModel['fields'] };
}

const SUM_TOLERANCE = 1e-9;

function isOpenProbability(value: number): boolean {
  return Number.isFinite(value) && value > 0 && value < 1;
}

/**
 * What is wrong with a model, if anything: λ and every m and u must lie strictly between 0 and 1
 * (a 0 or 1 would make one level's weight infinite), and m and u must each sum to 1 over a field.
 */
export function matchModelProblems(model: MatchModel): Issue[] {
  const issues: Issue[] = [];
  if (!isOpenProbability(model.lambda)) {
    issues.push({ path: 'lambda', message: 'must lie strictly between 0 and 1' });
  }
  for (const field of COMPARED_FIELDS) {
    const table = (model.fields[field] ?? {}) as Readonly<Record<string, LevelProbabilities | undefined>>;
    let mSum = 0;
    let uSum = 0;
    for (const level of levelsOf(field)) {
      const probabilities = table[level];
      if (probabilities === undefined) {
        issues.push({ path: `fields.${field}.${level}`, message: 'is missing' });
        continue;
      }
      for (const kind of ['m', 'u'] as const) {
        if (!isOpenProbability(probabilities[kind])) {
          issues.push({
            path: `fields.${field}.${level}.${kind}`,
            message: 'must lie strictly between 0 and 1',
          });
        }
      }
      mSum += probabilities.m;
      uSum += probabilities.u;
    }
    if (Math.abs(mSum - 1) > SUM_TOLERANCE)
      issues.push({ path: `fields.${field}`, message: 'm must sum to 1' });
    if (Math.abs(uSum - 1) > SUM_TOLERANCE)
      issues.push({ path: `fields.${field}`, message: 'u must sum to 1' });
  }
  return issues;
}

/** Throws a {@link ValidationError} listing the problems of an invalid model. */
export function assertValidMatchModel(model: MatchModel): void {
  const issues = matchModelProblems(model);
  if (issues.length > 0) throw new ValidationError('The match model is invalid', issues);
}

/** Roughly the number of distinct birth dates among living adults (80 years of days). */
const DAYS_IN_80_YEARS = 365 * 80;

/**
 * Cold-start priors for UK demographics, used until EM (see `estimateModel`) and random-pair u
 * estimation (see `estimateUFromRandomPairs`) have learnt from real data. Reasoning per field:
 *
 * - **name** (family name) and **givenName**: the same person's records agree exactly ~90% of the
 *   time; the rest is typos, nicknames, marriage and swaps. Candidates are not random pairs: blocking
 *   brings together people sharing a surname code or an initial, and whole households, so among them
 *   a family name agrees 1 time in 100 and a first given name 1 in 10. A wholly different given name
 *   is rare for one person (4%) and counts against: sisters sharing a home do not link.
 * - **birthDate**: recorded correctly ~95% of the time; u is 1/(365·80) for exact, with ~30 dates
 *   one digit away and 2 dates a year either side.
 * - **gender**: agrees 98% for the same person (recording errors, changes); 50/50 otherwise.
 * - **postcode**: people move, so exact agreement is only ~75% for the same person; u rises with the
 *   coarseness of the unit (candidate pairs are regional, so area agreement is common). Exact u is
 *   1 in 500: candidates include the whole household, not a random sample of the country. A
 *   one-character typo (overseas postcodes only) is rare either way (1% / 0.1%).
 * - **address**: like postcode, a little less reliable (free text).
 * - **city**: only compared where UK postcodes do not already agree to the district; a town is
 *   shared by many candidates (u 5%), and people move (m 72%).
 * - **phone, email**: often changed, so m is low. A household shares a landline and sometimes an email,
 *   e-mail addresses are made from names, and household members and namesakes are exactly the
 *   candidates blocking brings together, so u is 2.5%, not the chance of two strangers' details
 *   agreeing: otherwise sisters sharing a home and phone scored as one person. That keeps a shared
 *   contact detail (4.3 bits) below what a wholly different given name weighs against (4.4), as
 *   `capContactDetailWeights` requires of trained models.
 *
 * λ = 1% assumes blocking has already narrowed candidates to plausible pairs.
 */
export function defaultMatchModel(): MatchModel {
  const table: {
    readonly [F in ComparedField]: { readonly [L in ComparisonLevel<F>]: readonly [m: number, u: number] };
  } = {
    name: {
      exact: [0.9, 0.01],
      'jaro-winkler-high': [0.04, 0.003],
      phonetic: [0.02, 0.005],
      swapped: [0.005, 0.0001],
      'jaro-winkler-mid': [0.01, 0.01],
      different: [0.025, 0.9719],
    },
    givenName: {
      exact: [0.88, 0.1],
      'jaro-winkler-high': [0.03, 0.005],
      nickname: [0.03, 0.004],
      phonetic: [0.01, 0.005],
      'jaro-winkler-mid': [0.01, 0.02],
      different: [0.04, 0.866],
    },
    birthDate: {
      exact: [0.95, 1 / DAYS_IN_80_YEARS],
      'day-month-swapped': [0.01, 1 / DAYS_IN_80_YEARS],
      'one-digit-typo': [0.025, 30 / DAYS_IN_80_YEARS],
      'year-within-one': [0.01, 2 / DAYS_IN_80_YEARS],
      different: [0.005, 1 - 34 / DAYS_IN_80_YEARS],
    },
    gender: { exact: [0.98, 0.5], different: [0.02, 0.5] },
    postcode: {
      exact: [0.75, 0.002],
      'one-character-typo': [0.01, 0.001],
      sector: [0.03, 0.005],
      district: [0.05, 0.03],
      area: [0.05, 0.15],
      different: [0.11, 0.812],
    },
    address: { high: [0.7, 0.0005], medium: [0.1, 0.005], different: [0.2, 0.9945] },
    city: {
      exact: [0.72, 0.05],
      'jaro-winkler-high': [0.03, 0.005],
      'jaro-winkler-mid': [0.01, 0.01],
      different: [0.24, 0.935],
    },
    phone: { exact: [0.5, 0.025], different: [0.5, 0.975] },
    email: { exact: [0.5, 0.025], different: [0.5, 0.975] },
  };
  return buildMatchModel(0.01, (field, level) => {
    const [m, u] = (table[field] as Readonly<Record<string, readonly [number, number]>>)[level];
    return { m, u };
  });
}
