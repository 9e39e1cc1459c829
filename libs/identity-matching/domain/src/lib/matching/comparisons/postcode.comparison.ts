import type { ComparisonLevel } from '../comparison-levels';
import type { Address } from '../../local-record.types';
import type { ParsedPostcode } from './normalise';
import { parsePostcode } from './normalise';
import { strongestLevel } from './strongest-level';

type PostcodeLevel = ComparisonLevel<'postcode'>;

/**
 * The strongest `postcode` level over every pair of the two records' addresses, or `missing` when
 * either record has no valid UK postcode. Invalid postcodes are ignored rather than counted as
 * different.
 */
export function comparePostcodes(a: readonly Address[], b: readonly Address[]): PostcodeLevel | 'missing' {
  const postcodesA = validPostcodes(a);
  const postcodesB = validPostcodes(b);
  return strongestLevel(
    'postcode',
    postcodesA.flatMap((postcodeA) => postcodesB.map((postcodeB) => comparePostcode(postcodeA, postcodeB))),
  );
}

/** The `postcode` level of two parsed postcodes: the finest part on which they agree. */
export function comparePostcode(a: ParsedPostcode, b: ParsedPostcode): PostcodeLevel {
  if (a.full === b.full) return 'exact';
  if (a.sector === b.sector) return 'sector';
  if (a.district === b.district) return 'district';
  if (a.area === b.area) return 'area';
  return 'different';
}

function validPostcodes(addresses: readonly Address[]): ParsedPostcode[] {
  return addresses.flatMap((address) => {
    const parsed = address.postcode === undefined ? undefined : parsePostcode(address.postcode);
    return parsed ? [parsed] : [];
  });
}
