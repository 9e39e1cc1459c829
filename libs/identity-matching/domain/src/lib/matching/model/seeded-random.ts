/** A deterministic source of numbers in [0, 1). */
export type RandomSource = () => number;

/**
 * Mulberry32: a tiny seeded pseudo-random generator, for reproducible synthetic data in tests and
 * simulations. Not for anything security-related. The same seed always yields the same sequence.
 */
export function mulberry32(seed: number): RandomSource {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
