import type { Demographics } from '../../local-record.types';
import { normaliseNhsNumber } from '../../nhs-number';

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
 * - `pc:<postcode without spaces>-<first initial>` — for each postcode and each first given initial.
 *
 * No key holds a name: only its Soundex code and a single initial. The NHS number, birth date and
 * postcode do appear; that is acceptable only inside the identity-matching service's own index —
 * never use these keys in logs, event stream names or message keys. The phonetic code is plain
 * Soundex here; it can switch to the shared phonetic function of the comparisons later.
 */
export function blockingKeys(demographics: Demographics): string[] {
  const nhsNumber =
    demographics.nhsNumber === undefined ? undefined : normaliseNhsNumber(demographics.nhsNumber);
  const year = birthYear(demographics.birthDate);
  const familyCodes = demographics.names.map((name) => familyNameSoundex(name.family)).filter(isPresent);
  const initials = demographics.names
    .map((name) => lettersOnly(name.given[0] ?? '').charAt(0))
    .filter(isPresent);
  const postcodes = demographics.addresses
    .map((address) => (address.postcode === undefined ? undefined : postcodeKeyPart(address.postcode)))
    .filter(isPresent);
  const keys = [
    ...(isPresent(nhsNumber) ? [`nhs:${nhsNumber}`] : []),
    ...(year === undefined ? [] : [`dob:${demographics.birthDate}`]),
    ...(year === undefined ? [] : familyCodes.map((code) => `sx:${code}-${year}`)),
    ...postcodes.flatMap((postcode) => initials.map((initial) => `pc:${postcode}-${initial}`)),
  ];
  return [...new Set(keys)];
}
