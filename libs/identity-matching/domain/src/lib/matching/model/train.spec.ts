import { ValidationError } from '@ilinks/shared/kernel';
import type { ComparedField, ComparisonLevel, ComparisonVector } from '../comparison-levels';
import { COMPARED_FIELDS } from '../comparison-levels';
import type { MatchModel } from './match-model';
import {
  buildMatchModel,
  defaultMatchModel,
  levelProbabilities,
  levelsOf,
  matchModelProblems,
} from './match-model';
import { mulberry32 } from './seeded-random';
import { sampleComparisonVectors } from './synthetic-vectors';
import type { RulePairs, TrainOptions } from './train';
import {
  capContactDetailWeights,
  capPartialLevelWeights,
  contactDetailWeightCap,
  estimateRandomMatchProbability,
  trainMatchModel,
} from './train';
import { estimateUFromRandomPairs } from './u-estimation';

/** The strongest level carries `agree` of m, the last level `disagree` of u, the rest shared. */
function shapedModel(lambda: number, agree: number, disagree: number): MatchModel {
  return buildMatchModel(lambda, (field, level) => {
    const levels = levelsOf(field);
    const others = levels.length - 1;
    const index = levels.indexOf(level);
    return {
      m: index === 0 ? agree : (1 - agree) / others,
      u: index === others ? disagree : (1 - disagree) / others,
    };
  });
}

const truth = shapedModel(0.3, 0.85, 0.9);
const start = shapedModel(0.1, 0.6, 0.6);
const options: TrainOptions = { lambda: 0.001, em: { maxIterations: 500, tolerance: 1e-7 }, prior: start };
const population = sampleComparisonVectors(truth, 40_000, mulberry32(7)).map((pair) => pair.vector);
const randomPairs = sampleComparisonVectors({ ...truth, lambda: 0.0001 }, 20_000, mulberry32(8)).map(
  (pair) => pair.vector,
);

/** The pairs a rule blocking on exact agreement of `field` would produce, as a rule for training. */
function blockedOn(field: ComparedField, rule: string): RulePairs {
  const strongest = levelsOf(field)[0];
  return {
    rule,
    blockedFields: [field],
    vectors: population.filter((vector) => vector[field] === strongest),
  };
}

const byBirthDate = blockedOn('birthDate', 'dob');
const byPostcode = blockedOn('postcode', 'pc');

function mOf(model: MatchModel, field: ComparedField, level = levelsOf(field)[0]): number {
  return levelProbabilities(model, field, level).m;
}

describe('trainMatchModel', () => {
  const trained = trainMatchModel([byBirthDate, byPostcode], randomPairs, options);

  it('returns a valid model', () => {
    expect(matchModelProblems(trained.model)).toEqual([]);
  });

  it('recovers the true m of a field from the rule that did not block on it', () => {
    expect(mOf(trained.model, 'birthDate')).toBeCloseTo(mOf(truth, 'birthDate'), 1);
    expect(mOf(trained.model, 'postcode')).toBeCloseTo(mOf(truth, 'postcode'), 1);
  });

  it('recovers the true m of fields no rule blocks on', () => {
    for (const field of ['name', 'address', 'gender'] as const) {
      expect(mOf(trained.model, field)).toBeCloseTo(mOf(truth, field), 1);
    }
  });

  it('takes u from the random pairs, unchanged by EM', () => {
    const u = estimateUFromRandomPairs(randomPairs, { prior: start });
    for (const field of COMPARED_FIELDS) {
      for (const level of levelsOf(field)) {
        const expected = (u[field] as Readonly<Record<string, number>>)[level];
        expect(levelProbabilities(trained.model, field, level).u).toBe(expected);
      }
    }
  });

  it("uses the given λ, not the rules' candidate-pair λs", () => {
    expect(trained.model.lambda).toBe(0.001);
  });

  it('reports each rule run with its pair count and λ', () => {
    expect(trained.perRule.map(({ rule, pairs }) => [rule, pairs])).toEqual([
      ['dob', byBirthDate.vectors.length],
      ['pc', byPostcode.vectors.length],
    ]);
    for (const run of trained.perRule) {
      expect(run.converged).toBe(true);
      expect(run.lambda).toBeGreaterThan(0.3); // blocking on agreement enriches matches
    }
  });

  it('names the rules each field was learnt from', () => {
    expect(trained.mSources.birthDate).toEqual(['pc']);
    expect(trained.mSources.postcode).toEqual(['dob']);
    expect(trained.mSources.name).toEqual(['dob', 'pc']);
  });

  it("averages the rules' m for a field several rules could learn", () => {
    const onlyDob = trainMatchModel([byBirthDate], randomPairs, options).model;
    const onlyPc = trainMatchModel([byPostcode], randomPairs, options).model;
    for (const level of levelsOf('name')) {
      expect(mOf(trained.model, 'name', level)).toBeCloseTo(
        (mOf(onlyDob, 'name', level) + mOf(onlyPc, 'name', level)) / 2,
        12,
      );
    }
  });

  it("keeps the prior's m for a field every rule blocks on", () => {
    const both: RulePairs = { ...byBirthDate, blockedFields: ['birthDate', 'postcode'] };
    const model = trainMatchModel([both], randomPairs, options).model;
    for (const level of levelsOf('postcode')) {
      expect(mOf(model, 'postcode', level)).toBe(mOf(start, 'postcode', level));
    }
  });

  it('without blocked fields, a birth-date rule overstates birth-date agreement among matches', () => {
    // The failure this function exists to avoid: every pair agrees, so EM learns m(exact) ≈ 1.
    const unmasked: RulePairs = { ...byBirthDate, blockedFields: [] };
    const model = trainMatchModel([unmasked], randomPairs, options).model;
    expect(mOf(model, 'birthDate')).toBeGreaterThan(0.99);
    expect(mOf(trained.model, 'birthDate')).toBeLessThan(0.9);
  });

  it('is deterministic', () => {
    expect(trainMatchModel([byBirthDate, byPostcode], randomPairs, options)).toEqual(trained);
  });

  it('defaults the prior to the UK cold-start model', () => {
    const model = trainMatchModel([], [], { lambda: 0.01, em: options.em }).model;
    expect(model).toEqual(defaultMatchModel());
  });

  it.each([0, 1, -0.1, Number.NaN])('refuses λ = %p', (lambda) => {
    expect(() => trainMatchModel([byBirthDate], randomPairs, { ...options, lambda })).toThrow(
      ValidationError,
    );
  });

  it('refuses invalid EM options', () => {
    const em = { maxIterations: 0, tolerance: 1e-6 };
    expect(() => trainMatchModel([byBirthDate], randomPairs, { ...options, em })).toThrow(ValidationError);
  });

  it('leaves the input vectors untouched', () => {
    const vectors: ComparisonVector[] = byBirthDate.vectors.slice(0, 5).map((vector) => ({ ...vector }));
    trainMatchModel([{ ...byBirthDate, vectors }], randomPairs, options);
    expect(vectors).toEqual(byBirthDate.vectors.slice(0, 5));
  });
});

describe('estimateRandomMatchProbability', () => {
  it('divides the expected matching pairs by all pairs', () => {
    // 1,000 records: 499,500 pairs; 300 deterministic pairs at recall 0.6 → 500 matching pairs.
    expect(
      estimateRandomMatchProbability({ recordCount: 1000, deterministicPairs: 300, recall: 0.6 }),
    ).toBeCloseTo(500 / 499_500, 12);
  });

  it('with perfect recall, counts only the deterministic pairs', () => {
    expect(estimateRandomMatchProbability({ recordCount: 5, deterministicPairs: 2, recall: 1 })).toBeCloseTo(
      0.2,
      12,
    );
  });

  it('stays strictly between 0 and 1', () => {
    const none = estimateRandomMatchProbability({ recordCount: 10, deterministicPairs: 0, recall: 1 });
    const all = estimateRandomMatchProbability({ recordCount: 10, deterministicPairs: 45, recall: 0.5 });
    expect(none).toBeGreaterThan(0);
    expect(all).toBeLessThan(1);
  });

  it.each([
    { recordCount: 1, deterministicPairs: 0, recall: 1 },
    { recordCount: 10.5, deterministicPairs: 0, recall: 1 },
    { recordCount: 10, deterministicPairs: -1, recall: 1 },
    { recordCount: 10, deterministicPairs: 1, recall: 0 },
    { recordCount: 10, deterministicPairs: 1, recall: 1.5 },
  ])('refuses %p', (evidence) => {
    expect(() => estimateRandomMatchProbability(evidence)).toThrow(ValidationError);
  });
});

describe('capPartialLevelWeights', () => {
  const weight = (model: MatchModel, level: 'exact' | 'day-month-swapped' | 'one-digit-typo') => {
    const { m, u } = levelProbabilities(model, 'birthDate', level);
    return Math.log2(m / u);
  };
  const base = defaultMatchModel();
  const swapTooStrong = buildMatchModel(base.lambda, (field, level) => {
    const probabilities = levelProbabilities(base, field, level);
    if (field !== 'birthDate') return probabilities;
    if (level === 'day-month-swapped') return { m: probabilities.m, u: 1e-9 };
    if (level === 'different')
      return {
        m: probabilities.m,
        u: probabilities.u + levelProbabilities(base, field, 'day-month-swapped').u - 1e-9,
      };
    return probabilities;
  });
  const capped = capPartialLevelWeights(swapTooStrong);

  it('lowers a partial level that outweighs exact agreement to the exact weight', () => {
    expect(weight(swapTooStrong, 'day-month-swapped')).toBeGreaterThan(weight(swapTooStrong, 'exact'));
    expect(weight(capped, 'day-month-swapped')).toBeCloseTo(weight(capped, 'exact'), 9);
  });

  it('keeps m and the exact level as they were', () => {
    expect(levelProbabilities(capped, 'birthDate', 'day-month-swapped').m).toBe(
      levelProbabilities(swapTooStrong, 'birthDate', 'day-month-swapped').m,
    );
    expect(levelProbabilities(capped, 'birthDate', 'exact')).toEqual(
      levelProbabilities(swapTooStrong, 'birthDate', 'exact'),
    );
  });

  it('leaves levels already weaker than exact alone', () => {
    expect(weight(capped, 'one-digit-typo')).toBe(weight(swapTooStrong, 'one-digit-typo'));
  });

  it('takes the raised u from the disagreement level, so the model stays valid', () => {
    expect(matchModelProblems(capped)).toEqual([]);
    expect(levelProbabilities(capped, 'birthDate', 'different').u).toBeLessThan(
      levelProbabilities(swapTooStrong, 'birthDate', 'different').u,
    );
  });

  it('changes nothing in a model without such a level', () => {
    expect(capPartialLevelWeights(truth)).toEqual(truth);
  });
});

describe('capContactDetailWeights', () => {
  const weight = (model: MatchModel, field: ComparedField, level: ComparisonLevel) => {
    const { m, u } = levelProbabilities(model, field, level);
    return Math.log2(m / u);
  };
  /** The prior, with e-mail u as random pairs measure it (1 in 10⁷: 23 bits) and phone 1 in 10⁵. */
  const base = defaultMatchModel();
  const fromRandomPairs = buildMatchModel(base.lambda, (field, level) => {
    const { m } = levelProbabilities(base, field, level);
    if (field === 'email') return { m, u: level === 'exact' ? 1e-7 : 1 - 1e-7 };
    if (field === 'phone') return { m, u: level === 'exact' ? 1e-5 : 1 - 1e-5 };
    return levelProbabilities(base, field, level);
  });
  const capped = capContactDetailWeights(fromRandomPairs);
  const cap = contactDetailWeightCap(fromRandomPairs);

  it('caps at what a wholly different given name or birth date weighs against, whichever is less', () => {
    const against = Math.min(
      -weight(fromRandomPairs, 'givenName', 'different'),
      -weight(fromRandomPairs, 'birthDate', 'different'),
    );
    expect(cap).toBeCloseTo(against, 12);
    expect(cap).toBeGreaterThan(0);
  });

  it('lowers a shared e-mail or phone that outweighs the cap to the cap', () => {
    expect(weight(fromRandomPairs, 'email', 'exact')).toBeGreaterThan(20);
    expect(weight(capped, 'email', 'exact')).toBeCloseTo(cap, 9);
    expect(weight(capped, 'phone', 'exact')).toBeCloseTo(cap, 9);
  });

  it('lets a shared e-mail never outweigh a wholly different given name or birth date', () => {
    for (const field of ['givenName', 'birthDate'] as const)
      expect(weight(capped, 'email', 'exact') + weight(capped, field, 'different')).toBeLessThanOrEqual(1e-9);
  });

  it('keeps m, and every field but phone and e-mail, as they were', () => {
    expect(levelProbabilities(capped, 'email', 'exact').m).toBe(
      levelProbabilities(fromRandomPairs, 'email', 'exact').m,
    );
    for (const field of COMPARED_FIELDS.filter((name) => name !== 'phone' && name !== 'email'))
      expect(capped.fields[field]).toEqual(fromRandomPairs.fields[field]);
  });

  it('takes the raised u from the disagreement level, so the model stays valid', () => {
    expect(matchModelProblems(capped)).toEqual([]);
    expect(levelProbabilities(capped, 'email', 'different').u).toBeLessThan(
      levelProbabilities(fromRandomPairs, 'email', 'different').u,
    );
  });

  it('leaves contact details already weaker than the cap alone', () => {
    expect(capContactDetailWeights(truth)).toEqual(truth);
  });

  it('changes nothing in the cold-start prior, which respects the cap already', () => {
    expect(capContactDetailWeights(defaultMatchModel())).toEqual(defaultMatchModel());
  });

  it('never caps below 0 bits, even when a different given name counts for a match', () => {
    const inverted = buildMatchModel(base.lambda, (field, level) =>
      field === 'givenName'
        ? { m: level === 'different' ? 0.9 : 0.02, u: level === 'different' ? 0.5 : 0.1 }
        : levelProbabilities(fromRandomPairs, field, level),
    );
    expect(contactDetailWeightCap(inverted)).toBe(0);
    expect(weight(capContactDetailWeights(inverted), 'email', 'exact')).toBeCloseTo(0, 9);
  });

  it('is applied by trainMatchModel', () => {
    const model = trainMatchModel([byBirthDate], randomPairs, {
      ...options,
      prior: fromRandomPairs,
    }).model;
    expect(weight(model, 'email', 'exact')).toBeLessThanOrEqual(contactDetailWeightCap(model) + 1e-9);
  });
});
