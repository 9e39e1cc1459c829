/** Courtesy titles and honorifics that say nothing about who a person is. */
const TITLES = new Set([
  'mr',
  'mrs',
  'ms',
  'miss',
  'mx',
  'dr',
  'prof',
  'professor',
  'rev',
  'revd',
  'sir',
  'dame',
  'lady',
  'lord',
]);

/** Letters that Unicode decomposition does not split into a base letter plus an accent. */
const UNDECOMPOSABLE_LETTERS: Readonly<Record<string, string>> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
};

/** Lower-cases and folds accented letters to plain ASCII (`Zoë` → `zoe`, `Łukasz` → `lukasz`). */
export function foldToAscii(value: string): string {
  return value
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[ßæœøłđðþı]/g, (letter) => UNDECOMPOSABLE_LETTERS[letter] ?? letter);
}

/**
 * Normalises a family or given name for comparison: lower-case ASCII, apostrophes dropped
 * (`O'Brien` → `obrien`), hyphens and other punctuation as spaces (`Smith-Jones` → `smith jones`),
 * titles removed (`Dr`, `Mrs`), and a detached `Mc`/`Mac` joined to what follows (`Mc Donald` →
 * `mcdonald`) so that the prefix is kept rather than lost.
 */
export function normaliseName(value: string): string {
  const words = foldToAscii(value)
    .replace(/['’‘`]/g, '')
    .replace(/[^a-z]+/g, ' ')
    .trim()
    .split(' ')
    .filter((word) => word.length > 0);
  const withoutTitles = words.filter((word) => !TITLES.has(word));
  return joinDetachedMacPrefixes(withoutTitles.length > 0 ? withoutTitles : words).join(' ');
}

/**
 * A name as a single comparison key: {@link normaliseName} without spaces, so that `Smith-Jones`,
 * `Smith Jones` and `SMITHJONES` agree, as do `Anne-Marie` and `Annemarie`.
 */
export function nameKey(value: string): string {
  return normaliseName(value).replace(/ /g, '');
}

function joinDetachedMacPrefixes(words: readonly string[]): string[] {
  const joined: string[] = [];
  for (let index = 0; index < words.length; index++) {
    const word = words[index];
    const next = words[index + 1];
    if ((word === 'mc' || word === 'mac') && next !== undefined) {
      joined.push(word + next);
      index++;
    } else {
      joined.push(word);
    }
  }
  return joined;
}

/** The parts of a UK postcode, from coarsest to finest. */
export interface ParsedPostcode {
  /** Postcode area: the leading letters (`L`, `CH`, `EC`). */
  readonly area: string;
  /** Outward code (`L8`, `CH41`, `EC1A`). */
  readonly district: string;
  /** Outward code and the inward digit (`L8 1`). */
  readonly sector: string;
  /** The whole postcode, upper case with one space (`L8 1AB`). */
  readonly full: string;
}

// Outward: 1–2 letters, a digit, then an optional digit or letter; inward: a digit and two letters.
const POSTCODE_PATTERN = /^([A-Z]{1,2})([0-9][0-9A-Z]?)([0-9])([A-Z]{2})$/;

/**
 * Parses a UK postcode in any case and spacing (`l81ab`, ` EC1A 1BB`) into area, district, sector
 * and full postcode; `undefined` when it does not have the shape of a UK postcode.
 */
export function parsePostcode(value: string): ParsedPostcode | undefined {
  const match = POSTCODE_PATTERN.exec(value.toUpperCase().replace(/\s+/g, ''));
  if (!match) return undefined;
  const [, area, districtRest, sectorDigit, unit] = match;
  const district = area + districtRest;
  return { area, district, sector: `${district} ${sectorDigit}`, full: `${district} ${sectorDigit}${unit}` };
}

/** A UK postcode in its canonical form (`l81ab` → `L8 1AB`), or `undefined` when invalid. */
export function normalisePostcode(value: string): string | undefined {
  return parsePostcode(value)?.full;
}

/**
 * Normalises a phone number to digits in UK national form, so `+44 7700 900123`,
 * `+44 (0)7700 900123`, `0044 7700 900123` and `07700 900123` all become `07700900123`.
 * Other international numbers keep their country code as `+<digits>`. `undefined` when no digits.
 */
export function normalisePhone(value: string): string | undefined {
  const trimmed = value.trim().replace(/\(0\)/g, '');
  const digits = trimmed.replace(/\D/g, '');
  if (digits.length === 0) return undefined;
  const international = trimmed.startsWith('+')
    ? digits
    : digits.startsWith('00')
      ? digits.slice(2)
      : undefined;
  if (international === undefined) return digits;
  return international.startsWith('44') ? `0${international.slice(2)}` : `+${international}`;
}

/** Trims and lower-cases an email address; `undefined` when blank. */
export function normaliseEmail(value: string): string | undefined {
  const normalised = value.trim().toLowerCase();
  return normalised.length > 0 ? normalised : undefined;
}
