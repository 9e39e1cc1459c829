import type { ComparisonLevel } from '../comparison-levels';

interface CalendarDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  /** `YYYYMMDD`, for digit-by-digit comparison. */
  readonly digits: string;
}

/**
 * The `birthDate` level of two ISO dates (`YYYY-MM-DD`), or `missing` when either is absent or not
 * a date of that shape. Levels, strongest first: exact; day and month exchanged (`03/04` ↔ `04/03`,
 * same year); one digit different or two adjacent digits transposed; same day and month a year
 * apart (which catches `1999` ↔ `2000`); otherwise different.
 */
export function compareBirthDates(
  a: string | undefined,
  b: string | undefined,
): ComparisonLevel<'birthDate'> | 'missing' {
  const dateA = parseIsoDate(a);
  const dateB = parseIsoDate(b);
  if (!dateA || !dateB) return 'missing';
  if (dateA.digits === dateB.digits) return 'exact';
  if (dateA.year === dateB.year && dateA.day === dateB.month && dateA.month === dateB.day)
    return 'day-month-swapped';
  if (isOneDigitTypo(dateA.digits, dateB.digits)) return 'one-digit-typo';
  if (dateA.day === dateB.day && dateA.month === dateB.month && Math.abs(dateA.year - dateB.year) === 1) {
    return 'year-within-one';
  }
  return 'different';
}

function parseIsoDate(value: string | undefined): CalendarDate | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value?.trim() ?? '');
  if (!match) return undefined;
  const [, year, month, day] = match;
  return { year: Number(year), month: Number(month), day: Number(day), digits: year + month + day };
}

/** Same length, and either exactly one position differs or two adjacent positions are swapped. */
function isOneDigitTypo(a: string, b: string): boolean {
  const differing = [...a].map((_, index) => index).filter((index) => a[index] !== b[index]);
  if (differing.length === 1) return true;
  if (differing.length !== 2) return false;
  const [first, second] = differing;
  return second === first + 1 && a[first] === b[second] && a[second] === b[first];
}
