import { COMPARED_FIELDS } from '../comparison-levels';
import { defaultMatchModel, levelProbabilities } from './match-model';
import { mulberry32 } from './seeded-random';
import { sampleComparisonVectors } from './synthetic-vectors';

const model = { ...defaultMatchModel(), lambda: 0.3 };

describe('sampleComparisonVectors', () => {
  it('draws the requested number of vectors, each with every field', () => {
    const sample = sampleComparisonVectors(model, 25, mulberry32(1));
    expect(sample).toHaveLength(25);
    for (const { vector } of sample) expect(Object.keys(vector)).toEqual(COMPARED_FIELDS);
  });

  it('is deterministic for a seed', () => {
    expect(sampleComparisonVectors(model, 50, mulberry32(3))).toEqual(
      sampleComparisonVectors(model, 50, mulberry32(3)),
    );
  });

  it('draws matches in proportion λ', () => {
    const sample = sampleComparisonVectors(model, 10_000, mulberry32(4));
    expect(sample.filter((pair) => pair.isMatch).length / sample.length).toBeCloseTo(0.3, 1);
  });

  it('draws levels of matches from m', () => {
    const matches = sampleComparisonVectors(model, 10_000, mulberry32(5)).filter((pair) => pair.isMatch);
    const share = matches.filter((pair) => pair.vector.birthDate === 'exact').length / matches.length;
    expect(share).toBeCloseTo(levelProbabilities(model, 'birthDate', 'exact').m, 1);
  });

  it('draws levels of non-matches from u', () => {
    const nonMatches = sampleComparisonVectors(model, 10_000, mulberry32(6)).filter((pair) => !pair.isMatch);
    const share = nonMatches.filter((pair) => pair.vector.gender === 'exact').length / nonMatches.length;
    expect(share).toBeCloseTo(0.5, 1);
  });

  it('leaves a field missing at the requested rate', () => {
    const sample = sampleComparisonVectors(model, 1_000, mulberry32(7), {
      missingRate: { email: 1, phone: 0 },
    });
    expect(sample.every((pair) => pair.vector.email === 'missing')).toBe(true);
    expect(sample.some((pair) => pair.vector.phone === 'missing')).toBe(false);
  });
});
