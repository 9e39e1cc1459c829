import { bestThreshold, pairKey, pairwiseQuality } from './pairwise-quality';

describe('pairKey', () => {
  it('sorts the two ids for deduplication', () => {
    expect(pairKey('b', 'a', false)).toBe('a|b');
    expect(pairKey('a', 'b', false)).toBe('a|b');
  });

  it('keeps (A, B) order for linkage', () => {
    expect(pairKey('b', 'a', true)).toBe('b|a');
  });
});

describe('pairwiseQuality', () => {
  const truth = new Set(['a|b', 'c|d', 'e|f', 'g|h']);

  it('scores the links against every true pair', () => {
    const quality = pairwiseQuality(['a|b', 'c|d', 'x|y'], truth);
    expect(quality.precision).toBeCloseTo(2 / 3);
    expect(quality.recall).toBeCloseTo(2 / 4);
    expect(quality.f1).toBeCloseTo((2 * (2 / 3) * (1 / 2)) / (2 / 3 + 1 / 2));
  });

  it('counts a repeated link once', () => {
    expect(pairwiseQuality(['a|b', 'a|b'], truth).precision).toBe(1);
  });

  it('has precision 1, recall 0 and F1 0 with no link', () => {
    expect(pairwiseQuality([], truth)).toEqual({ precision: 1, recall: 0, f1: 0 });
  });

  it('has F1 0 when every link is wrong', () => {
    expect(pairwiseQuality(['x|y'], truth)).toEqual({ precision: 0, recall: 0, f1: 0 });
  });
});

describe('bestThreshold', () => {
  it('picks the cut with the highest F1', () => {
    const best = bestThreshold([0.9, 0.8, 0.3, 0.2], [true, true, false, false], 3);
    expect(best.threshold).toBe(0.8);
    expect(best.precision).toBe(1);
    expect(best.recall).toBeCloseTo(2 / 3);
  });

  it('goes lower when that gains more recall than it loses precision', () => {
    const best = bestThreshold([0.9, 0.5, 0.4, 0.3], [true, false, true, true], 3);
    expect(best.threshold).toBe(0.3);
    expect(best.f1).toBeCloseTo((2 * 0.75 * 1) / 1.75);
  });

  it('never splits tied scores', () => {
    const best = bestThreshold([0.7, 0.7, 0.1], [true, false, false], 1);
    expect(best.threshold).toBe(0.7);
    expect(best.precision).toBe(0.5);
  });

  it('reports F1 0 at an infinite threshold when no candidate is true', () => {
    expect(bestThreshold([0.9], [false], 2)).toEqual({
      threshold: Number.POSITIVE_INFINITY,
      precision: 1,
      recall: 0,
      f1: 0,
    });
  });

  it('does not depend on the order the candidates come in', () => {
    const scores = [0.2, 0.9, 0.3, 0.8];
    const isTrue = [true, true, false, true];
    expect(bestThreshold(scores, isTrue, 3)).toEqual(
      bestThreshold([0.9, 0.8, 0.3, 0.2], [true, true, false, true], 3),
    );
  });
});
