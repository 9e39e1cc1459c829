import type { Random } from './seeded-random';

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

const isLetter = (character: string): boolean => /[a-z]/i.test(character);

/**
 * The name with one keying slip: a letter substituted, dropped, doubled in, or two neighbours
 * swapped. The first letter is left alone: it is the one people check, and blocking relies on it.
 */
export function typoName(name: string, random: Random): string {
  for (let attempt = 0; attempt < 10; attempt++) {
    const candidate = applyOneSlip(name, random);
    if (candidate !== name && candidate.length >= 2) return candidate;
  }
  return `${name}${random.pick([...LETTERS])}`;
}

function applyOneSlip(name: string, random: Random): string {
  const letterPositions = [...name]
    .map((_, index) => index)
    .filter((index) => index > 0 && isLetter(name[index]));
  if (letterPositions.length === 0) return name;
  const at = random.pick(letterPositions);
  const letter = random.pick([...LETTERS]);
  switch (random.int(0, 3)) {
    case 0:
      return `${name.slice(0, at)}${letter}${name.slice(at + 1)}`;
    case 1:
      return `${name.slice(0, at)}${name.slice(at + 1)}`;
    case 2:
      return `${name.slice(0, at)}${letter}${name.slice(at)}`;
    default:
      if (at + 1 < name.length) return `${name.slice(0, at)}${name[at + 1]}${name[at]}${name.slice(at + 2)}`;
      return at > 1 ? `${name.slice(0, at - 1)}${name[at]}${name[at - 1]}` : name;
  }
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when `value` is a real calendar date written `YYYY-MM-DD`. */
export function isIsoCalendarDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The earliest birth date the partners' validation accepts. */
const EARLIEST_BIRTH_DATE = '1880-01-01';

const plausibleBirthDate = (value: string, referenceDate: string): boolean =>
  isIsoCalendarDate(value) && value >= EARLIEST_BIRTH_DATE && value <= referenceDate;

/** Day and month exchanged (US order, or a form filled in the wrong way), when that is still a date. */
export function swapDayAndMonth(birthDate: string): string | undefined {
  const [year, month, day] = birthDate.split('-');
  if (day === month || Number(day) > 12) return undefined;
  return `${year}-${day}-${month}`;
}

// Century digits are left alone: nobody keys 2975 for 1975 and then gets it past validation.
const TYPO_POSITIONS = [2, 3, 5, 6, 8, 9];

/** One digit of the date keyed wrong, giving another plausible date; `undefined` if none was found. */
export function typoDateDigit(birthDate: string, referenceDate: string, random: Random): string | undefined {
  for (let attempt = 0; attempt < 20; attempt++) {
    const at = random.pick(TYPO_POSITIONS);
    const digit = String(random.int(0, 9));
    const candidate = `${birthDate.slice(0, at)}${digit}${birthDate.slice(at + 1)}`;
    if (candidate !== birthDate && plausibleBirthDate(candidate, referenceDate)) return candidate;
  }
  return undefined;
}

/** The same day and month a year out, later unless that is in the future; `undefined` for 29 February. */
export function shiftYearByOne(birthDate: string, referenceDate: string, random: Random): string | undefined {
  const year = Number(birthDate.slice(0, 4));
  const rest = birthDate.slice(4);
  const later = `${year + 1}${rest}`;
  const earlier = `${year - 1}${rest}`;
  const preferred = random.chance(0.5) && plausibleBirthDate(later, referenceDate) ? later : earlier;
  return plausibleBirthDate(preferred, referenceDate) ? preferred : undefined;
}
