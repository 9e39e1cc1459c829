import type { ComparisonLevel } from '../comparison-levels';
import type { PersonName } from '../../local-record.types';
import { jaroWinkler } from './jaro-winkler';
import { areNicknames } from './nicknames';
import { nameKey } from './normalise';
import { soundAlike } from './phonetic';
import { strongestLevel } from './strongest-level';

/** Jaro–Winkler similarity from which two names count as the same name mistyped. */
export const NAME_SIMILARITY_HIGH = 0.94;
/** Jaro–Winkler similarity from which two names are still weak evidence of one person. */
export const NAME_SIMILARITY_MID = 0.85;

type NameLevel = ComparisonLevel<'name'>;

/** A name reduced to what is compared: family name and first given name, as {@link nameKey}s. */
export interface ComparableName {
  readonly family: string;
  readonly given: string;
}

/**
 * The strongest `name` level reached by any pair of the two records' names, or `missing` when
 * either record has no name with both a family and a given name. Every name counts, whatever its
 * use (official, usual, maiden, old, nickname), so a change of family name on marriage is matched
 * through the old name. Only the first given name is compared.
 */
export function compareNames(a: readonly PersonName[], b: readonly PersonName[]): NameLevel | 'missing' {
  const namesA = comparableNames(a);
  const namesB = comparableNames(b);
  const levels = namesA.flatMap((nameA) => namesB.map((nameB) => compareName(nameA, nameB)));
  return strongestLevel('name', levels);
}

/**
 * The `name` level of one pair of names, taking the first level (strongest first) whose rule holds,
 * exactly as the comments of `COMPARISON_LEVELS.name` define them.
 */
export function compareName(a: ComparableName, b: ComparableName): NameLevel {
  const familySimilarity = jaroWinkler(a.family, b.family);
  const givenSimilarity = jaroWinkler(a.given, b.given);
  const familyEqual = a.family === b.family;
  const givenEqual = a.given === b.given;
  const familyClose = familyEqual || familySimilarity >= NAME_SIMILARITY_HIGH;

  if (familyEqual && givenEqual) return 'exact';
  if (familySimilarity >= NAME_SIMILARITY_HIGH && givenSimilarity >= NAME_SIMILARITY_HIGH)
    return 'jaro-winkler-high';
  if (familyClose && areNicknames(a.given, b.given)) return 'nickname';
  if (soundAlike(a.family, b.family) && soundAlike(a.given, b.given)) return 'phonetic';
  if (a.family === b.given && a.given === b.family) return 'swapped';
  if (familyClose) return 'family-only';
  if (givenEqual) return 'given-only';
  if (familySimilarity >= NAME_SIMILARITY_MID && givenSimilarity >= NAME_SIMILARITY_MID)
    return 'jaro-winkler-mid';
  return 'different';
}

function comparableNames(names: readonly PersonName[]): ComparableName[] {
  return names
    .map((name) => ({ family: nameKey(name.family), given: nameKey(name.given[0] ?? '') }))
    .filter((name) => name.family.length > 0 && name.given.length > 0);
}
