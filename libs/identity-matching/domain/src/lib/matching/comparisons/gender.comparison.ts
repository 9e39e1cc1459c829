import type { ComparisonLevel } from '../comparison-levels';
import type { Gender } from '../../local-record.types';

/**
 * The `gender` level of two recorded genders. `unknown` on either side is `missing`: it records
 * that nothing is known, so it is no evidence either way. `other` is a recorded value like any
 * other: `other` ~ `other` is exact, `other` ~ `male`/`female` is different.
 */
export function compareGenders(
  a: Gender | undefined,
  b: Gender | undefined,
): ComparisonLevel<'gender'> | 'missing' {
  if (a === undefined || b === undefined || a === 'unknown' || b === 'unknown') return 'missing';
  return a === b ? 'exact' : 'different';
}
