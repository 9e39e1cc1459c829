// Latency figures and bounded load runs shared by the benchmarks under tools/bench.

/** An integer command-line option `name N`, checked against its range. */
export function integerArgument(
  argv: readonly string[],
  name: string,
  fallback: number,
  max: number,
): number {
  const index = argv.indexOf(name);
  const value = index >= 0 ? Number(argv[index + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1 || value > max)
    throw new Error(`${name} takes an integer, 1 <= N <= ${max}`);
  return value;
}

/** The value at percentile `p` (0–100) of ascending `sorted` values (nearest rank); NaN when empty. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

/** Latency figures of one run, in milliseconds. */
export interface LatencySummary {
  readonly count: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly max: number;
  readonly mean: number;
}

export function summariseLatencies(latenciesMs: readonly number[]): LatencySummary {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  const total = sorted.reduce((sum, value) => sum + value, 0);
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? Number.NaN,
    mean: sorted.length === 0 ? Number.NaN : total / sorted.length,
  };
}

/** What a bounded run did: each item's latency, and how long the whole run took. */
export interface BoundedRun<R> {
  readonly results: R[];
  readonly latenciesMs: number[];
  readonly seconds: number;
  /** Items not started because the time ran out. */
  readonly skipped: number;
}

/**
 * Runs `work` over `items` with at most `concurrency` in flight, starting nothing after
 * `maxSeconds`: a load that stops by itself, bounded in count and in time.
 */
export async function runBounded<T, R>(
  items: readonly T[],
  concurrency: number,
  maxSeconds: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<BoundedRun<R>> {
  const started = performance.now();
  const deadline = started + maxSeconds * 1000;
  const results: R[] = [];
  const latenciesMs: number[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length && performance.now() < deadline) {
      const index = next++;
      const before = performance.now();
      results.push(await work(items[index], index));
      latenciesMs.push(performance.now() - before);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  return {
    results,
    latenciesMs,
    seconds: (performance.now() - started) / 1000,
    skipped: items.length - next,
  };
}

/** Milliseconds as printed in benchmark tables: two decimals below 10 ms, one above. */
export const formatMs = (value: number): string => value.toFixed(value < 10 ? 2 : 1);
