import type { ComparisonLevel } from '../comparison-levels';
import { COMPARISON_LEVELS } from '../comparison-levels';
import type { PersonName } from '../../local-record.types';
import { jaroWinkler } from './jaro-winkler';
import { areNicknames } from './nicknames';
import { nameKey } from './normalise';
import { soundAlike } from './phonetic';

/** Jaro–Winkler similarity from which two names count as the same name mistyped. */
export const NAME_SIMILARITY_HIGH = 0.94;
/** Jaro–Winkler similarity from which two names are still weak evidence of one person. */
export const NAME_SIMILARITY_MID = 0.85;

type FamilyNameLevel = ComparisonLevel<'name'>;
type GivenNameLevel = ComparisonLevel<'givenName'>;

/** A name reduced to what is compared: family name and first given name, as {@link nameKey}s ('' when blank). */
export interface ComparableName {
  readonly family: string;
  readonly given: string;
}

/** The levels two records reach on the family name (`name`) and the first given name (`givenName`). */
export interface NameLevels {
  readonly name: FamilyNameLevel | 'missing';
  readonly givenName: GivenNameLevel | 'missing';
}

const MISSING_NAMES: NameLevels = { name: 'missing', givenName: 'missing' };

/**
 * The best-agreeing pair of the two records' names, compared field by field (see {@link compareName}).
 * Every name counts, whatever its use (official, usual, maiden, old, nickname), so a change of family
 * name on marriage is matched through the old name. Only the first given name is compared. A part
 * blank on either side is `missing` without losing the other part: a record without a given name
 * still agrees on its family name.
 */
export function compareNames(a: readonly PersonName[], b: readonly PersonName[]): NameLevels {
  const namesA = comparableNames(a);
  const namesB = comparableNames(b);
  const levels = namesA.flatMap((nameA) => namesB.map((nameB) => compareName(nameA, nameB)));
  return levels.reduce<NameLevels>(
    (best, candidate) => (disagreement(candidate) < disagreement(best) ? candidate : best),
    MISSING_NAMES,
  );
}

/**
 * The levels of one pair of names. Family and given names are compared separately, each taking the
 * first level (strongest first) whose rule holds, as the comments of `COMPARISON_LEVELS` define them.
 * When the family names do not agree but the names cross-agree (family ~ given and given ~ family,
 * one at least `jaro-winkler-high` and the other at least `jaro-winkler-mid`, so a typo in each still
 * counts), the family name is `swapped`
 * and the given name `missing`: the exchange is one piece of evidence, not two.
 */
export function compareName(a: ComparableName, b: ComparableName): NameLevels {
  const name = isBlankEither(a.family, b.family) ? 'missing' : compareFamilyNames(a.family, b.family);
  if (name !== 'exact' && name !== 'jaro-winkler-high' && areSwapped(a, b)) {
    return { name: 'swapped', givenName: 'missing' };
  }
  const givenName = isBlankEither(a.given, b.given) ? 'missing' : compareGivenNames(a.given, b.given);
  return { name, givenName };
}

/** The `name` level of two non-blank family name keys, without the swap (see {@link compareName}). */
export function compareFamilyNames(a: string, b: string): Exclude<FamilyNameLevel, 'swapped'> {
  if (a === b) return 'exact';
  const similarity = jaroWinkler(a, b);
  if (similarity >= NAME_SIMILARITY_HIGH) return 'jaro-winkler-high';
  if (soundAlike(a, b)) return 'phonetic';
  if (similarity >= NAME_SIMILARITY_MID) return 'jaro-winkler-mid';
  return 'different';
}

/** The `givenName` level of two non-blank given name keys. */
export function compareGivenNames(a: string, b: string): GivenNameLevel {
  if (a === b) return 'exact';
  const similarity = jaroWinkler(a, b);
  if (similarity >= NAME_SIMILARITY_HIGH) return 'jaro-winkler-high';
  if (areNicknames(a, b)) return 'nickname';
  if (soundAlike(a, b)) return 'phonetic';
  if (similarity >= NAME_SIMILARITY_MID) return 'jaro-winkler-mid';
  return 'different';
}

function areSwapped(a: ComparableName, b: ComparableName): boolean {
  if ([a.family, a.given, b.family, b.given].some((part) => part === '')) return false;
  const crossed = [jaroWinkler(a.family, b.given), jaroWinkler(a.given, b.family)];
  return (
    crossed.every((similarity) => similarity >= NAME_SIMILARITY_MID) &&
    crossed.some((similarity) => similarity >= NAME_SIMILARITY_HIGH)
  );
}

function isBlankEither(a: string, b: string): boolean {
  return a === '' || b === '';
}

/** Position in the field's levels (0 strongest); `missing` ranks below `different`. */
function rank(levels: readonly string[], level: string): number {
  const index = levels.indexOf(level);
  return index < 0 ? levels.length : index;
}

function disagreement(levels: NameLevels): number {
  return rank(COMPARISON_LEVELS.name, levels.name) + rank(COMPARISON_LEVELS.givenName, levels.givenName);
}

function comparableNames(names: readonly PersonName[]): ComparableName[] {
  return names
    .map((name) => ({ family: nameKey(name.family), given: nameKey(name.given[0] ?? '') }))
    .filter((name) => name.family.length > 0 || name.given.length > 0);
}
