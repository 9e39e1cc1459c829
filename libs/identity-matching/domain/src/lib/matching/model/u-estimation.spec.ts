import { COMPARED_FIELDS } from '../comparison-levels';
import { defaultMatchModel, levelProbabilities, levelsOf, matchModelProblems } from './match-model';
import { mulberry32 } from './seeded-random';
import { sampleComparisonVectors } from './synthetic-vectors';
import { FULL_DISAGREEMENT, vectorOf } from './test-vectors';
import { estimateUFromRandomPairs, uOf, withUProbabilities } from './u-estimation';

const prior = defaultMatchModel();

describe('estimateUFromRandomPairs', () => {
  it('is the share of pairs reaching each level', () => {
    const vectors = [
      vectorOf({ gender: 'exact' }),
      vectorOf({ gender: 'exact' }),
      vectorOf({ gender: 'exact' }),
      vectorOf({ gender: 'different' }),
    ];
    const u = estimateUFromRandomPairs(vectors, { pseudoCount: 1e-9 });
    expect(u.gender.exact).toBeCloseTo(0.75, 6);
    expect(u.gender.different).toBeCloseTo(0.25, 6);
  });

  it('leaves missing comparisons out', () => {
    const vectors = [vectorOf({ phone: 'exact' }), vectorOf({ phone: 'different' }), vectorOf({})];
    expect(estimateUFromRandomPairs(vectors, { pseudoCount: 1e-9 }).phone.exact).toBeCloseTo(0.5, 6);
  });

  it('keeps the prior u for a field never observed', () => {
    const u = estimateUFromRandomPairs([vectorOf({ gender: 'exact' })]);
    expect(u.email).toEqual({ exact: prior.fields.email.exact.u, different: prior.fields.email.different.u });
  });

  it('never gives 0 or 1, even when every pair disagrees', () => {
    const u = estimateUFromRandomPairs(Array.from({ length: 10_000 }, () => FULL_DISAGREEMENT));
    for (const field of COMPARED_FIELDS) {
      for (const level of levelsOf(field)) {
        expect(uOf(u, field, level)).toBeGreaterThan(0);
        expect(uOf(u, field, level)).toBeLessThan(1);
      }
    }
  });

  it.each(COMPARED_FIELDS)('sums to 1 over the levels of %s', (field) => {
    const u = estimateUFromRandomPairs([vectorOf({ [field]: levelsOf(field)[0] })]);
    expect(levelsOf(field).reduce((total, level) => total + uOf(u, field, level), 0)).toBeCloseTo(1, 12);
  });

  it('recovers u from pairs that are almost all non-matches', () => {
    const model = { ...prior, lambda: 0.0001 };
    const vectors = sampleComparisonVectors(model, 20_000, mulberry32(11)).map((pair) => pair.vector);
    const u = estimateUFromRandomPairs(vectors);
    expect(u.gender.exact).toBeCloseTo(0.5, 1);
    expect(Math.abs(u.postcode.area - levelProbabilities(model, 'postcode', 'area').u)).toBeLessThan(0.01);
  });

  it('uses the given prior', () => {
    const custom = withUProbabilities(prior, {
      ...estimateUFromRandomPairs([]),
      gender: { exact: 0.3, different: 0.7 },
    });
    expect(estimateUFromRandomPairs([], { prior: custom }).gender).toEqual({ exact: 0.3, different: 0.7 });
  });
});

describe('withUProbabilities', () => {
  const u = estimateUFromRandomPairs([vectorOf({ gender: 'exact' }), vectorOf({ gender: 'different' })]);
  const model = withUProbabilities(prior, u);

  it('replaces u', () => {
    expect(levelProbabilities(model, 'gender', 'exact').u).toBe(u.gender.exact);
  });

  it('keeps m and λ', () => {
    expect(levelProbabilities(model, 'name', 'exact').m).toBe(levelProbabilities(prior, 'name', 'exact').m);
    expect(model.lambda).toBe(prior.lambda);
  });

  it('yields a valid model', () => {
    expect(matchModelProblems(model)).toEqual([]);
  });
});
