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

function initialOf(name: string): string {
  return lettersOnly(name).charAt(0);
}

/** Soundex of one name and initial of the other, or undefined when either is blank. */
function nameCode(coded: string, initialled: string): string | undefined {
  const code = familyNameSoundex(coded);
  const initial = initialOf(initialled);
  return code === '' || initial === '' ? undefined : `${code}-${initial}`;
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
 * - `nm:<soundex of family name>-<first given initial>` — for each name, and the same with given and
 *   family exchanged, so exchanged names meet: the only keys without a birth date or postcode, so
 *   records whose dates differ or are blank still meet (a block as common as Smith + J grows with
 *   the population; candidate search skips blocks beyond its cap).
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
  const keys = [
    ...(isPresent(nhsNumber) ? [`nhs:${nhsNumber}`] : []),
    ...(year === undefined ? [] : [`dob:${demographics.birthDate}`]),
    ...(year === undefined ? [] : familyCodes.map((code) => `sx:${code}-${year}`)),
    ...postcodes.flatMap((postcode) => initials.map((initial) => `pc:${postcode}-${initial}`)),
    ...nameCodes.map((code) => `nm:${code}`),
  ];
  return [...new Set(keys)];
}
