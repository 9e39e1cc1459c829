import type { Demographics } from '../../local-record.types';
import { normaliseNhsNumber } from '../../nhs-number';
import { parsePostcode } from '../comparisons/normalise';

const SOUNDEX_CODES: Readonly<Record<string, string>> = {
  B: '1',
  F: '1',
  P: '1',
  V: '1',
  C: '2',
  G: '2',
  J: '2',
  K: '2',
  Q: '2',
  S: '2',
  X: '2',
  Z: '2',
  D: '3',
  T: '3',
  L: '4',
  M: '5',
  N: '5',
  R: '6',
};

/** Upper-case A–Z only: accents dropped (é → E), punctuation and spaces removed (O'Brien → OBRIEN). */
function lettersOnly(value: string): string {
  return value
    .normalize('NFD')
    .toUpperCase()
    .replace(/[^A-Z]/g, '');
}

/**
 * American Soundex: the first letter, then the digit codes of the following consonants, with
 * repeats collapsed (also across H and W, but not across vowels), padded or cut to four characters
 * (Robert, Rupert → R163). Returns '' when the name has no letters.
 */
export function familyNameSoundex(name: string): string {
  const letters = lettersOnly(name);
  if (letters === '') return '';
  let code = letters[0];
  let previous = SOUNDEX_CODES[letters[0]] ?? '';
  for (const letter of letters.slice(1)) {
    const digit = SOUNDEX_CODES[letter];
    if (digit !== undefined) {
      if (digit !== previous) code += digit;
      previous = digit;
    } else if (letter !== 'H' && letter !== 'W') {
      previous = '';
    }
    if (code.length === 4) break;
  }
  return code.padEnd(4, '0');
}

function birthYear(birthDate: string): string | undefined {
  return /^\d{4}-\d{2}-\d{2}$/.test(birthDate) ? birthDate.slice(0, 4) : undefined;
}

function initialOf(name: string): string {
  return lettersOnly(name).charAt(0);
}

/** Soundex of a line's letters and its first number, or undefined when it lacks either. */
function houseKey(line: string): string | undefined {
  const number = /\d+/.exec(line)?.[0];
  const street = familyNameSoundex(line);
  return number === undefined || street === '' ? undefined : `${street}-${number}`;
}

/** The two names' Soundex codes in sorted order, or undefined when either name is blank. */
function nameCode(family: string, given: string): string | undefined {
  const codes = [familyNameSoundex(family), familyNameSoundex(given)];
  return codes.includes('') ? undefined : codes.sort().join('-');
}

function postcodeKeyPart(postcode: string): string {
  return postcode.replace(/\s/g, '').toUpperCase();
}

function isPresent(value: string | undefined): value is string {
  return value !== undefined && value !== '';
}

/**
 * The keys under which a record is indexed and its matching candidates looked up, each prefixed by
 * its blocking rule (a candidate shares at least one key):
 * - `nhs:<nhsNumber>` — the NHS number without spaces;
 * - `dob:<birthDate>` — the ISO birth date (this and `sx:` only when it is a well-formed `YYYY-MM-DD`);
 * - `sx:<soundex of family name>-<birth year>` — for each family name, so spelling variants meet;
 * - `pc:<postcode without spaces>-<initial>` — for each postcode, with each first given initial and
 *   each family initial, so a record without a given name still meets its household;
 * - `nm:<soundex>-<soundex>` — for each name, the Soundex codes of the family and first given name in
 *   sorted order, so exchanged names meet too; it holds no date or postcode, so records whose dates
 *   differ or are blank still meet. Two codes keep its blocks small (a given initial instead of the
 *   given name's code gave ~3× the candidate pairs);
 * - `ct:<soundex of town>-<soundex>` — for each address without a valid UK postcode (overseas, or
 *   none), the Soundex code of its town or city (so a mistyped town still meets) with that of each
 *   family name and of each first given name. A UK postcode already places a record far more
 *   precisely than its town, whose blocks would be huge;
 * - `ad:<soundex of the first address line's letters>-<its first number>` — for the same addresses:
 *   a house on a street, still meeting when the street's words are split or joined differently.
 *
 * No key holds a name or street: only Soundex codes and single initials. The NHS number, birth
 * date, postcode and house number do appear; that is acceptable only inside the identity-matching service's own index —
 * never use these keys in logs, event stream names or message keys. The phonetic code is plain
 * Soundex here; it can switch to the shared phonetic function of the comparisons later.
 */
export function blockingKeys(demographics: Demographics): string[] {
  const nhsNumber =
    demographics.nhsNumber === undefined ? undefined : normaliseNhsNumber(demographics.nhsNumber);
  const year = birthYear(demographics.birthDate);
  const familyCodes = demographics.names.map((name) => familyNameSoundex(name.family)).filter(isPresent);
  const givenInitials = demographics.names.map((name) => initialOf(name.given[0] ?? ''));
  const familyInitials = demographics.names.map((name) => initialOf(name.family));
  const initials = [...givenInitials, ...familyInitials].filter(isPresent);
  const nameCodes = demographics.names
    .flatMap((name) => [
      nameCode(name.family, name.given[0] ?? ''),
      nameCode(name.given[0] ?? '', name.family),
    ])
    .filter(isPresent);
  const postcodes = demographics.addresses
    .map((address) => (address.postcode === undefined ? undefined : postcodeKeyPart(address.postcode)))
    .filter(isPresent);
  const nameSoundexes = demographics.names
    .flatMap((name) => [familyNameSoundex(name.family), familyNameSoundex(name.given[0] ?? '')])
    .filter(isPresent);
  const withoutUkPostcode = demographics.addresses.filter(
    (address) => parsePostcode(address.postcode ?? '') === undefined,
  );
  const towns = withoutUkPostcode.map((address) => familyNameSoundex(address.city ?? '')).filter(isPresent);
  const houses = withoutUkPostcode.map((address) => houseKey(address.lines[0] ?? '')).filter(isPresent);
  const keys = [
    ...(isPresent(nhsNumber) ? [`nhs:${nhsNumber}`] : []),
    ...(year === undefined ? [] : [`dob:${demographics.birthDate}`]),
    ...(year === undefined ? [] : familyCodes.map((code) => `sx:${code}-${year}`)),
    ...postcodes.flatMap((postcode) => initials.map((initial) => `pc:${postcode}-${initial}`)),
    ...nameCodes.map((code) => `nm:${code}`),
    ...towns.flatMap((town) => nameSoundexes.map((code) => `ct:${town}-${code}`)),
    ...houses.map((house) => `ad:${house}`),
  ];
  return [...new Set(keys)];
}
