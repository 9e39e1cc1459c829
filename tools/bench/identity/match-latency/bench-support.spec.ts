import { integerArgument, percentile, runBounded, summariseLatencies } from './bench-support';

describe('percentile', () => {
  it('is NaN for no values', () => {
    expect(percentile([], 50)).toBeNaN();
  });
  it('takes the nearest rank', () => {
    const values = Array.from({ length: 100 }, (_, index) => index + 1);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile(values, 100)).toBe(100);
  });
  it('gives the only value for any percentile', () => {
    expect(percentile([7], 1)).toBe(7);
    expect(percentile([7], 99)).toBe(7);
  });
});

describe('summariseLatencies', () => {
  it('sorts before taking percentiles', () => {
    const summary = summariseLatencies([5, 1, 3, 2, 4]);
    expect(summary).toMatchObject({ count: 5, p50: 3, max: 5, mean: 3 });
  });
});

describe('integerArgument', () => {
  it('reads the value after the option', () => {
    expect(integerArgument(['--persons', '1000'], '--persons', 5, 10_000)).toBe(1000);
  });
  it('falls back when the option is absent', () => {
    expect(integerArgument([], '--persons', 5, 10_000)).toBe(5);
  });
  it.each(['0', '1.5', 'x', '10001'])('refuses %s', (value) => {
    expect(() => integerArgument(['--persons', value], '--persons', 5, 10_000)).toThrow('--persons');
  });
});

describe('runBounded', () => {
  it('runs every item once and keeps one latency per item', async () => {
    const seen: number[] = [];
    const run = await runBounded([1, 2, 3, 4, 5], 2, 60, async (item) => {
      seen.push(item);
      return item * 2;
    });
    expect(seen.sort()).toEqual([1, 2, 3, 4, 5]);
    expect(run.results.sort((a, b) => a - b)).toEqual([2, 4, 6, 8, 10]);
    expect(run.latenciesMs).toHaveLength(5);
    expect(run.skipped).toBe(0);
  });
  it('never has more than the concurrency in flight', async () => {
    let inFlight = 0;
    let most = 0;
    await runBounded(
      Array.from({ length: 20 }, (_, index) => index),
      3,
      60,
      async () => {
        most = Math.max(most, ++inFlight);
        await new Promise((resolve) => setImmediate(resolve));
        inFlight -= 1;
      },
    );
    expect(most).toBe(3);
  });
  it('starts nothing once the time is up', async () => {
    const run = await runBounded([1, 2, 3], 1, 0, async (item) => item);
    expect(run.results).toEqual([]);
    expect(run.skipped).toBe(3);
  });
});
