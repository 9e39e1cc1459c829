const MAX_TICKS = 6;

/** Tick values on round steps (1, 2, 2.5 or 5 × 10ⁿ) and the decimals to print them with. */
export interface Ticks {
  readonly values: readonly number[];
  readonly decimals: number;
}

/** 3–6 round tick values covering `min`–`max` (a flat series is padded by 10 %, or 1 around 0). */
export function niceTicks(min: number, max: number): Ticks {
  const padding = min === max ? Math.abs(min) * 0.1 || 1 : 0;
  const low = min - padding;
  const high = max + padding;
  // Start from a step far too small and take the first that needs at most MAX_TICKS ticks: the
  // one before needed more, which keeps this one at 3 or more (consecutive steps differ at most 2×).
  for (let exponent = Math.floor(Math.log10((high - low) / MAX_TICKS)) - 1; ; exponent += 1) {
    for (const mantissa of [1, 2, 2.5, 5]) {
      const step = mantissa * 10 ** exponent;
      const first = Math.floor(low / step + 1e-9);
      const last = Math.ceil(high / step - 1e-9);
      if (last - first + 1 <= MAX_TICKS) {
        const decimals = Math.max(0, -exponent + (mantissa === 2.5 ? 1 : 0));
        const values = Array.from({ length: last - first + 1 }, (_, index) =>
          Number(((first + index) * step).toFixed(decimals)),
        );
        return { values, decimals };
      }
    }
  }
}
