import { niceTicks } from './chart-ticks';

describe('niceTicks', () => {
  it('covers potassium values on half-unit steps', () => {
    expect(niceTicks(3.5, 6.8)).toEqual({ values: [3, 4, 5, 6, 7], decimals: 0 });
  });

  it('covers HbA1c values on round steps', () => {
    expect(niceTicks(20, 85.8).values).toEqual([20, 40, 60, 80, 100]);
  });

  it('prints decimals for steps below one', () => {
    const ticks = niceTicks(4.1, 4.4);
    expect(ticks.decimals).toBeGreaterThan(0);
    expect(ticks.values[0]).toBeLessThanOrEqual(4.1);
    expect(ticks.values[ticks.values.length - 1]).toBeGreaterThanOrEqual(4.4);
  });

  it('pads a flat series by 10 %', () => {
    const ticks = niceTicks(48, 48);
    expect(ticks.values[0]).toBeLessThan(48);
    expect(ticks.values[ticks.values.length - 1]).toBeGreaterThan(48);
  });

  it('pads a flat series of zeros by 1', () => {
    expect(niceTicks(0, 0).values).toContain(0);
    expect(niceTicks(0, 0).values.length).toBeGreaterThanOrEqual(3);
  });

  it('gives 3 to 6 evenly spaced, float-noise-free ticks covering any range', () => {
    for (let i = 1; i <= 400; i += 1) {
      const min = ((i * 37) % 101) / 7 - 5;
      const max = min + ((i * 53) % 997) / (i % 5 === 0 ? 1000 : 3);
      const { values, decimals } = niceTicks(min, max);
      expect(values.length).toBeGreaterThanOrEqual(3);
      expect(values.length).toBeLessThanOrEqual(6);
      expect(values[0]).toBeLessThanOrEqual(min);
      expect(values[values.length - 1]).toBeGreaterThanOrEqual(max);
      for (const value of values) expect(Number(value.toFixed(decimals))).toBe(value);
      const steps = values.slice(1).map((value, index) => value - values[index]);
      for (const step of steps) expect(step).toBeCloseTo(steps[0], 9);
    }
  });
});
