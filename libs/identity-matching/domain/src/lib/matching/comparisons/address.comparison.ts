import type { ComparisonLevel } from '../comparison-levels';
import type { Address } from '../../local-record.types';
import { foldToAscii } from './normalise';
import { strongestLevel } from './strongest-level';

/** Token-set similarity from which two addresses count as the same address. */
export const ADDRESS_SIMILARITY_HIGH = 0.8;
/** Token-set similarity from which two addresses are still weak evidence of one person. */
export const ADDRESS_SIMILARITY_MEDIUM = 0.5;

/** Letters the shorter address needs for containment to count (a street name and its type). */
export const MIN_CONTAINED_LETTERS = 8;

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

/** The normalised form of one address's lines that comparisons read. */
export interface ComparableAddress {
  /** Word tokens (see {@link addressTokens}). */
  readonly tokens: ReadonlySet<string>;
  /** The letters of the words, in order, without spaces: "narrany street" and "narranystreet" agree. */
  readonly letters: string;
}

/**
 * The strongest `address` level over every pair of the two records' addresses, or `missing` when
 * either record has no address lines. Only the lines are compared (postcode and city have their own
 * fields).
 */
export function compareAddresses(a: readonly Address[], b: readonly Address[]): AddressLevel | 'missing' {
  const addressesA = comparableAddresses(a);
  const addressesB = comparableAddresses(b);
  return strongestLevel(
    'address',
    addressesA.flatMap((addressA) => addressesB.map((addressB) => compareAddress(addressA, addressB))),
  );
}

/** Address lines reduced to what {@link compareAddress} reads. */
export function comparableAddress(lines: readonly string[]): ComparableAddress {
  const tokens = addressTokens(lines);
  return { tokens, letters: [...tokens].filter((token) => !hasDigit(token)).join('') };
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

/**
 * Sørensen–Dice similarity of the letter pairs (bigrams, counted with repeats) of two strings: robust
 * to a typo, and to spaces inserted or deleted once the spaces are removed.
 */
export function bigramSimilarity(a: string, b: string): number {
  if (a.length < 2 || b.length < 2) return a === b ? 1 : 0;
  const counts = new Map<string, number>();
  for (let index = 0; index < a.length - 1; index++) {
    const bigram = a.slice(index, index + 2);
    counts.set(bigram, (counts.get(bigram) ?? 0) + 1);
  }
  let shared = 0;
  for (let index = 0; index < b.length - 1; index++) {
    const bigram = b.slice(index, index + 2);
    const left = counts.get(bigram) ?? 0;
    if (left > 0) {
      shared += 1;
      counts.set(bigram, left - 1);
    }
  }
  return (2 * shared) / (a.length - 1 + b.length - 1);
}

/**
 * Overlap coefficient of the letter pairs of two strings: shared pairs over the shorter string's, so
 * an address is like itself with a locality line added ("smiths road" ~ "smit hs road gungahlin").
 * 0 when the shorter has fewer than {@link MIN_CONTAINED_LETTERS} letters: a short string is
 * contained in too much.
 */
export function bigramContainment(a: string, b: string): number {
  const shorter = Math.min(a.length, b.length);
  if (shorter < MIN_CONTAINED_LETTERS) return 0;
  return (bigramSimilarity(a, b) * (a.length - 1 + b.length - 1)) / 2 / (shorter - 1);
}

/**
 * The `address` level of two addresses: the best of word-set similarity and letter-pair similarity
 * or containment, and for `high` the house numbers must agree (a side without any number does not
 * contradict the other).
 */
export function compareAddress(a: ComparableAddress, b: ComparableAddress): AddressLevel {
  const similarity = Math.max(
    tokenSetSimilarity(a.tokens, b.tokens),
    bigramSimilarity(a.letters, b.letters),
    bigramContainment(a.letters, b.letters),
  );
  if (similarity >= ADDRESS_SIMILARITY_HIGH && houseNumbersAgree(a.tokens, b.tokens)) return 'high';
  if (similarity >= ADDRESS_SIMILARITY_MEDIUM) return 'medium';
  return 'different';
}

/** The tokens holding digits (house and flat numbers) are the same on both sides, or absent from one. */
function houseNumbersAgree(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  const numbersA = [...a].filter(hasDigit);
  const numbersB = [...b].filter(hasDigit);
  if (numbersA.length === 0 || numbersB.length === 0) return true;
  return numbersA.length === numbersB.length && numbersA.every((token) => b.has(token));
}

function hasDigit(token: string): boolean {
  return /\d/.test(token);
}

function comparableAddresses(addresses: readonly Address[]): ComparableAddress[] {
  return addresses
    .map((address) => comparableAddress(address.lines))
    .filter((address) => address.tokens.size > 0);
}
