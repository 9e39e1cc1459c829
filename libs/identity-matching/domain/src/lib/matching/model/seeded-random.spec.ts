import { mulberry32 } from './seeded-random';

const take = (count: number, random: () => number) => Array.from({ length: count }, () => random());

describe('mulberry32', () => {
  it('repeats the same sequence for the same seed', () => {
    expect(take(5, mulberry32(7))).toEqual(take(5, mulberry32(7)));
  });

  it('gives a different sequence for another seed', () => {
    expect(take(5, mulberry32(7))).not.toEqual(take(5, mulberry32(8)));
  });

  it('stays within [0, 1)', () => {
    const values = take(10_000, mulberry32(1));
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
  });

  it('averages about one half', () => {
    const values = take(10_000, mulberry32(2));
    expect(values.reduce((total, value) => total + value, 0) / values.length).toBeCloseTo(0.5, 1);
  });

  it('accepts seed 0', () => {
    expect(new Set(take(100, mulberry32(0))).size).toBe(100);
  });
});
