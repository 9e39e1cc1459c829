import type { ComparedField, ComparisonLevel } from '../comparison-levels';
import { COMPARISON_LEVELS } from '../comparison-levels';

/**
 * The strongest of several levels of one field (the earliest in {@link COMPARISON_LEVELS}), or
 * `missing` when there are none — used where records hold several names, addresses or contacts.
 */
export function strongestLevel<F extends ComparedField>(
  field: F,
  levels: readonly ComparisonLevel<F>[],
): ComparisonLevel<F> | 'missing' {
  const order: readonly ComparisonLevel<F>[] = COMPARISON_LEVELS[field];
  if (levels.length === 0) return 'missing';
  return levels.reduce((best, level) => (order.indexOf(level) < order.indexOf(best) ? level : best));
}
