import type { ComparisonLevel } from '../comparison-levels';
import type { Address } from '../../local-record.types';
import { foldToAscii } from './normalise';
import { strongestLevel } from './strongest-level';

/** Token-set similarity from which two addresses count as the same address. */
export const ADDRESS_SIMILARITY_HIGH = 0.8;
/** Token-set similarity from which two addresses are still weak evidence of one person. */
export const ADDRESS_SIMILARITY_MEDIUM = 0.5;

/** Street-type abbreviations written both ways in British addresses. */
const ABBREVIATIONS: Readonly<Record<string, string>> = {
  rd: 'road',
  st: 'street',
  ave: 'avenue',
  av: 'avenue',
  ln: 'lane',
  dr: 'drive',
  cl: 'close',
  ct: 'court',
  cres: 'crescent',
  cresc: 'crescent',
  gdns: 'gardens',
  gro: 'grove',
  gr: 'grove',
  pl: 'place',
  sq: 'square',
  ter: 'terrace',
  terr: 'terrace',
  pk: 'park',
  hse: 'house',
  apt: 'flat',
  apartment: 'flat',
};

type AddressLevel = ComparisonLevel<'address'>;

/**
 * The strongest `address` level over every pair of the two records' addresses, or `missing` when
 * either record has no address lines. Only the lines are compared (postcodes have their own field).
 */
export function compareAddresses(a: readonly Address[], b: readonly Address[]): AddressLevel | 'missing' {
  const tokensA = addressTokenSets(a);
  const tokensB = addressTokenSets(b);
  return strongestLevel(
    'address',
    tokensA.flatMap((tokenA) => tokensB.map((tokenB) => compareAddressTokens(tokenA, tokenB))),
  );
}

/**
 * The normalised tokens of address lines: lower-case ASCII words, punctuation dropped, street-type
 * abbreviations expanded (`Rd` → `road`) and a detached house-number letter joined (`10 A` → `10a`).
 */
export function addressTokens(lines: readonly string[]): ReadonlySet<string> {
  const text = foldToAscii(lines.join(' '))
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .replace(/\b(\d+) ([a-z])\b/g, '$1$2');
  const words = text.split(' ').filter((word) => word.length > 0);
  return new Set(words.map((word) => ABBREVIATIONS[word] ?? word));
}

/**
 * Sørensen–Dice similarity of two token sets: twice the shared tokens over the total, so an
 * address that only adds a locality line to the other still scores high.
 */
export function tokenSetSimilarity(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  const shared = [...a].filter((token) => b.has(token)).length;
  return (2 * shared) / (a.size + b.size);
}

function compareAddressTokens(a: ReadonlySet<string>, b: ReadonlySet<string>): AddressLevel {
  const similarity = tokenSetSimilarity(a, b);
  if (similarity >= ADDRESS_SIMILARITY_HIGH && houseNumbersAgree(a, b)) return 'high';
  if (similarity >= ADDRESS_SIMILARITY_MEDIUM) return 'medium';
  return 'different';
}

/** The tokens holding digits (house and flat numbers) are the same on both sides. */
function houseNumbersAgree(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  const numbersA = [...a].filter(hasDigit);
  const numbersB = [...b].filter(hasDigit);
  return numbersA.length === numbersB.length && numbersA.every((token) => b.has(token));
}

function hasDigit(token: string): boolean {
  return /\d/.test(token);
}

function addressTokenSets(addresses: readonly Address[]): ReadonlySet<string>[] {
  return addresses.map((address) => addressTokens(address.lines)).filter((tokens) => tokens.size > 0);
}
