import type { ComparisonLevel } from '../comparison-levels';
import type { Address } from '../../local-record.types';
import { jaroWinkler } from './jaro-winkler';
import { NAME_SIMILARITY_HIGH, NAME_SIMILARITY_MID } from './name.comparison';
import { nameKey } from './normalise';
import { strongestLevel } from './strongest-level';

type CityLevel = ComparisonLevel<'city'>;

/**
 * The strongest `city` level over every pair of the two records' towns or cities, or `missing` when
 * either record has none. Compared as name keys (letters only, case, accents and spaces ignored).
 */
export function compareCities(a: readonly Address[], b: readonly Address[]): CityLevel | 'missing' {
  const citiesA = cityKeys(a);
  const citiesB = cityKeys(b);
  return strongestLevel(
    'city',
    citiesA.flatMap((cityA) => citiesB.map((cityB) => compareCity(cityA, cityB))),
  );
}

/** The `city` level of two non-blank city keys. */
export function compareCity(a: string, b: string): CityLevel {
  if (a === b) return 'exact';
  const similarity = jaroWinkler(a, b);
  if (similarity >= NAME_SIMILARITY_HIGH) return 'jaro-winkler-high';
  return similarity >= NAME_SIMILARITY_MID ? 'jaro-winkler-mid' : 'different';
}

function cityKeys(addresses: readonly Address[]): string[] {
  return addresses.map((address) => nameKey(address.city ?? '')).filter((city) => city.length > 0);
}
