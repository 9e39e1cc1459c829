import { ValidationError } from '@ilinks/shared/kernel';
import { COMPARED_FIELDS } from '../comparison-levels';
import type { ComparisonVector } from '../comparison-levels';
import { defaultMatchModel, levelProbabilities } from './match-model';
import { priorWeight, probabilityFromWeight, scorePair } from './score';
import { FULL_AGREEMENT, FULL_DISAGREEMENT, vectorOf } from './test-vectors';

const model = defaultMatchModel();
const weightOf = (field: 'name' | 'postcode' | 'gender', level: 'exact' | 'different') => {
  const { m, u } = levelProbabilities(model, field, level);
  return Math.log2(m / u);
};

function bayesPosterior(vector: ComparisonVector): number {
  let match = model.lambda;
  let nonMatch = 1 - model.lambda;
  for (const field of COMPARED_FIELDS) {
    const level = vector[field];
    if (level === 'missing') continue;
    match *= levelProbabilities(model, field, level).m;
    nonMatch *= levelProbabilities(model, field, level).u;
  }
  return match / (match + nonMatch);
}

describe('priorWeight', () => {
  it('is 0 for even odds', () => {
    expect(priorWeight(0.5)).toBe(0);
  });

  it('is negative when matches are rare', () => {
    expect(priorWeight(0.01)).toBeCloseTo(Math.log2(0.01 / 0.99), 12);
  });
});

describe('probabilityFromWeight', () => {
  it('maps 0 bits to one half', () => {
    expect(probabilityFromWeight(0)).toBe(0.5);
  });

  it('maps 1 bit to two thirds', () => {
    expect(probabilityFromWeight(1)).toBeCloseTo(2 / 3, 12);
  });

  it('saturates without NaN for huge weights', () => {
    expect(probabilityFromWeight(5000)).toBe(1);
    expect(probabilityFromWeight(-5000)).toBe(0);
  });
});

describe('scorePair', () => {
  it('gives an all-missing vector no evidence: weight 0 and probability λ', () => {
    const score = scorePair(model, vectorOf({}));
    expect(score.matchWeight).toBe(0);
    expect(score.probability).toBeCloseTo(model.lambda, 12);
  });

  it('lists every field in contract order, missing ones with weight 0', () => {
    const score = scorePair(model, vectorOf({ gender: 'exact' }));
    expect(score.perField.map((entry) => entry.field)).toEqual(COMPARED_FIELDS);
    expect(score.perField.find((entry) => entry.field === 'name')).toEqual({
      field: 'name',
      level: 'missing',
      weight: 0,
    });
  });

  it('weighs a level as log2(m/u)', () => {
    const score = scorePair(model, vectorOf({ name: 'exact' }));
    expect(score.perField[0]).toEqual({ field: 'name', level: 'exact', weight: weightOf('name', 'exact') });
  });

  it('totals the field weights', () => {
    const score = scorePair(model, vectorOf({ name: 'exact', gender: 'different' }));
    expect(score.matchWeight).toBeCloseTo(weightOf('name', 'exact') + weightOf('gender', 'different'), 12);
  });

  it.each([
    ['full agreement', FULL_AGREEMENT],
    ['full disagreement', FULL_DISAGREEMENT],
    ['a mix', vectorOf({ givenName: 'nickname', birthDate: 'day-month-swapped', postcode: 'sector' })],
  ])('agrees with Bayes’ rule for %s', (_, vector) => {
    expect(scorePair(model, vector).probability).toBeCloseTo(bayesPosterior(vector), 12);
  });

  it('is near-certain on full agreement', () => {
    expect(scorePair(model, FULL_AGREEMENT).probability).toBeGreaterThan(0.9999);
  });

  it('is near-impossible on full disagreement', () => {
    expect(scorePair(model, FULL_DISAGREEMENT).probability).toBeLessThan(1e-6);
  });

  it('ranks exact name agreement above a Jaro–Winkler near-miss', () => {
    const exact = scorePair(model, vectorOf({ name: 'exact' })).matchWeight;
    const near = scorePair(model, vectorOf({ name: 'jaro-winkler-mid' })).matchWeight;
    expect(exact).toBeGreaterThan(near);
  });
});

describe('scorePair with term frequencies', () => {
  const nameWeight = (termFrequency: number) =>
    scorePair(model, vectorOf({ name: 'exact' }), { name: termFrequency }).perField[0].weight;

  it('replaces u by the frequency of the agreeing name: log2(m/tf)', () => {
    expect(nameWeight(0.01)).toBeCloseTo(Math.log2(levelProbabilities(model, 'name', 'exact').m / 0.01), 12);
  });

  it('counts agreeing on a common name less than on a rare one', () => {
    expect(nameWeight(0.01)).toBeLessThan(nameWeight(0.000001));
  });

  it('changes nothing when the frequency equals the average u', () => {
    expect(nameWeight(levelProbabilities(model, 'name', 'exact').u)).toBeCloseTo(
      weightOf('name', 'exact'),
      12,
    );
  });

  it('adjusts exact postcode agreement too', () => {
    const weight = scorePair(model, vectorOf({ postcode: 'exact' }), { postcode: 0.1 }).perField[4].weight;
    expect(weight).toBeCloseTo(Math.log2(0.75 / 0.1), 12);
  });

  it('adjusts relative to a given baseline: log2(m/u) + log2(baseline/tf)', () => {
    const weight = scorePair(model, vectorOf({ name: 'exact' }), { name: 0.02, baseline: { name: 0.005 } })
      .perField[0].weight;
    expect(weight).toBeCloseTo(weightOf('name', 'exact') - 2, 12);
  });

  it('changes nothing when the frequency equals the baseline', () => {
    const weight = scorePair(model, vectorOf({ name: 'exact' }), { name: 0.005, baseline: { name: 0.005 } })
      .perField[0].weight;
    expect(weight).toBeCloseTo(weightOf('name', 'exact'), 12);
  });

  it('refuses a baseline outside (0, 1]', () => {
    expect(() => scorePair(model, vectorOf({ name: 'exact' }), { name: 0.1, baseline: { name: 0 } })).toThrow(
      ValidationError,
    );
  });

  it('leaves non-exact levels alone', () => {
    const plain = scorePair(model, vectorOf({ name: 'phonetic', postcode: 'sector' }));
    const adjusted = scorePair(model, vectorOf({ name: 'phonetic', postcode: 'sector' }), {
      name: 0.5,
      postcode: 0.5,
    });
    expect(adjusted).toEqual(plain);
  });

  it('leaves a field without a given frequency alone', () => {
    const plain = scorePair(model, vectorOf({ name: 'exact', postcode: 'exact' }));
    const adjusted = scorePair(model, vectorOf({ name: 'exact', postcode: 'exact' }), { name: 0.002 });
    expect(adjusted.perField[4]).toEqual(plain.perField[4]);
  });

  it('moves the posterior with the weight', () => {
    const common = scorePair(model, vectorOf({ name: 'exact' }), { name: 0.02 }).probability;
    const rare = scorePair(model, vectorOf({ name: 'exact' }), { name: 0.00001 }).probability;
    expect(rare).toBeGreaterThan(common);
  });

  it.each([0, -0.1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('refuses a frequency of %s', (frequency) => {
    expect(() => scorePair(model, vectorOf({ name: 'exact' }), { name: frequency })).toThrow(ValidationError);
  });

  it('accepts a frequency of 1 (everyone shares the value)', () => {
    expect(nameWeight(1)).toBeCloseTo(Math.log2(levelProbabilities(model, 'name', 'exact').m), 12);
  });
});
