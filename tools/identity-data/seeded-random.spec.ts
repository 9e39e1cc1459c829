import { createRandom, mulberry32 } from './seeded-random';

const draws = (seed: number, count: number): number[] => {
  const next = mulberry32(seed);
  return Array.from({ length: count }, () => next());
};

describe('mulberry32', () => {
  it('repeats the same sequence for the same seed', () => {
    expect(draws(42, 5)).toEqual(draws(42, 5));
  });

  it('gives a different sequence for another seed', () => {
    expect(draws(42, 5)).not.toEqual(draws(43, 5));
  });

  it('stays in [0, 1)', () => {
    expect(draws(7, 1000).every((value) => value >= 0 && value < 1)).toBe(true);
  });
});

describe('createRandom', () => {
  it('int covers both bounds and nothing outside them', () => {
    const random = createRandom(1);
    const seen = new Set(Array.from({ length: 500 }, () => random.int(3, 6)));
    expect([...seen].sort()).toEqual([3, 4, 5, 6]);
  });

  it('pick refuses an empty list', () => {
    expect(() => createRandom(1).pick([])).toThrow();
  });

  it('weightedPick never picks a zero weight', () => {
    const random = createRandom(2);
    const picks = Array.from({ length: 300 }, () =>
      random.weightedPick([
        ['a', 1],
        ['b', 0],
      ]),
    );
    expect(picks.every((pick) => pick === 'a')).toBe(true);
  });

  it('weightedPick follows the weights roughly', () => {
    const random = createRandom(3);
    const picks = Array.from({ length: 4000 }, () =>
      random.weightedPick([
        ['common', 3],
        ['rare', 1],
      ]),
    );
    const share = picks.filter((pick) => pick === 'common').length / picks.length;
    expect(share).toBeGreaterThan(0.7);
    expect(share).toBeLessThan(0.8);
  });

  it('chance(0) is never true and chance(1) always is', () => {
    const random = createRandom(4);
    expect(Array.from({ length: 100 }, () => random.chance(0)).some(Boolean)).toBe(false);
    expect(Array.from({ length: 100 }, () => random.chance(1)).every(Boolean)).toBe(true);
  });

  it('shuffle keeps every item and leaves the input alone', () => {
    const input = [1, 2, 3, 4, 5, 6];
    const shuffled = createRandom(5).shuffle(input);
    expect([...shuffled].sort()).toEqual(input);
    expect(input).toEqual([1, 2, 3, 4, 5, 6]);
  });
});
