/**
 * Two ids a person decided belong to different people: two person ids, or a local record id and a
 * person id. Order does not matter.
 */
export type KnownDifferentPair = readonly [string, string];

/** True when a human decided that `a` and `b` are different people, in either order. */
export function isKnownDifferent(pairs: readonly KnownDifferentPair[], a: string, b: string): boolean {
  return pairs.some(([first, second]) => (first === a && second === b) || (first === b && second === a));
}
