import type { ComparisonLevel } from '../comparison-levels';
import type { Address } from '../../local-record.types';
import type { ParsedPostcode } from './normalise';
import { parsePostcode } from './normalise';
import { strongestLevel } from './strongest-level';

type PostcodeLevel = ComparisonLevel<'postcode'>;

/**
 * The strongest `postcode` level over every pair of the two records' addresses. UK postcodes are
 * graded (see {@link comparePostcode}). When neither record holds a valid UK postcode but both hold
 * some postcode (an overseas address), those are compared as written, ignoring case and spaces:
 * `exact`, `one-character-typo` (see {@link isOneCharacterTypo}) or `different`. Otherwise `missing`: a malformed postcode facing a valid one is ignored
 * rather than counted as different.
 */
export function comparePostcodes(a: readonly Address[], b: readonly Address[]): PostcodeLevel | 'missing' {
  const postcodesA = validPostcodes(a);
  const postcodesB = validPostcodes(b);
  if (postcodesA.length === 0 && postcodesB.length === 0) return compareOtherPostcodes(a, b);
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

/** Both records hold at least one valid UK postcode, so a `postcode` level is a graded UK one. */
export function bothHaveUkPostcodes(a: readonly Address[], b: readonly Address[]): boolean {
  return validPostcodes(a).length > 0 && validPostcodes(b).length > 0;
}

function compareOtherPostcodes(a: readonly Address[], b: readonly Address[]): PostcodeLevel | 'missing' {
  const postcodesA = writtenPostcodes(a);
  const postcodesB = writtenPostcodes(b);
  if (postcodesA.length === 0 || postcodesB.length === 0) return 'missing';
  if (postcodesA.some((postcode) => postcodesB.includes(postcode))) return 'exact';
  const typo = postcodesA.some((postcodeA) =>
    postcodesB.some((postcodeB) => isOneCharacterTypo(postcodeA, postcodeB)),
  );
  return typo ? 'one-character-typo' : 'different';
}

/**
 * Two different strings of one length that differ in exactly one position, or by one exchange of
 * two adjacent characters (4127 ~ 4217): the commonest keying slips.
 */
export function isOneCharacterTypo(a: string, b: string): boolean {
  if (a.length !== b.length || a === b) return false;
  const differing = [...a].flatMap((character, index) => (character === b[index] ? [] : [index]));
  if (differing.length === 1) return true;
  const [first, second] = differing;
  return differing.length === 2 && second === first + 1 && a[first] === b[second] && a[second] === b[first];
}

function writtenPostcodes(addresses: readonly Address[]): string[] {
  return addresses
    .map((address) => (address.postcode ?? '').toUpperCase().replace(/[^A-Z0-9]/g, ''))
    .filter((postcode) => postcode.length > 0);
}
