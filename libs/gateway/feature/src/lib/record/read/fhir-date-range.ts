/** A span of time `[start, end)` in epoch milliseconds: what a FHIR date at its precision means. */
export interface InstantRange {
  readonly start: number;
  readonly end: number;
}

const DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const ENGLAND = 'Europe/London';

/**
 * The range a FHIR date or dateTime covers at its precision: `2025` is the whole year, `2025-03`
 * the month, `2025-03-01` the day, `…T10:00Z` the minute, `…T10:00:00Z` the second. Dates without a
 * time are days in England (the server's time zone, as FHIR search asks); a time must carry its
 * zone. `undefined` when the text is not one of these or names an impossible date.
 */
export function fhirDateRange(text: string): InstantRange | undefined {
  const date = DATE.exec(text);
  if (date) return dateRange(date);
  const dateTime = DATE_TIME.exec(text);
  return dateTime ? dateTimeRange(dateTime) : undefined;
}

/**
 * The range of an item's stored date: a FHIR date or dateTime, else any instant `Date.parse`
 * reads (one millisecond wide); `undefined` when it is neither.
 */
export function storedDateRange(text: string | undefined): InstantRange | undefined {
  if (text === undefined) return undefined;
  const range = fhirDateRange(text);
  if (range) return range;
  const instant = Date.parse(text);
  return Number.isFinite(instant) ? { start: instant, end: instant + 1 } : undefined;
}

function dateRange(match: RegExpExecArray): InstantRange | undefined {
  const year = Number(match[1]);
  const month = match[2] === undefined ? undefined : Number(match[2]);
  const day = match[3] === undefined ? undefined : Number(match[3]);
  if (month !== undefined && (month < 1 || month > 12)) return undefined;
  if (month !== undefined && day !== undefined && !isDayOfMonth(year, month, day)) return undefined;
  const start = midnightInEngland(year, month ?? 1, day ?? 1);
  const end =
    month === undefined
      ? midnightInEngland(year + 1, 1, 1)
      : day === undefined
        ? midnightInEngland(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1)
        : midnightInEngland(year, month, day + 1);
  return { start, end };
}

function dateTimeRange(match: RegExpExecArray): InstantRange | undefined {
  const [, year, month, day, hour, minute, second, fraction, zone] = match;
  if (!isDayOfMonth(Number(year), Number(month), Number(day))) return undefined;
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second ?? 0) > 59) return undefined;
  const start = Date.parse(
    `${year}-${month}-${day}T${hour}:${minute}:${second ?? '00'}${(fraction ?? '').slice(0, 4)}${zone}`,
  );
  if (!Number.isFinite(start)) return undefined;
  const width = fraction !== undefined ? 1 : second !== undefined ? 1000 : 60_000;
  return { start, end: start + width };
}

function isDayOfMonth(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Days already placed in England's clock, by their UTC midnight: finding one asks `Intl` twice. */
const midnights = new Map<number, number>();
const MIDNIGHTS_KEPT = 10_000;

/** The instant a day starts in England (midnight is never skipped: clocks change at 01:00 UTC). */
function midnightInEngland(year: number, month: number, day: number): number {
  const asIfUtc = Date.UTC(year, month - 1, day);
  let midnight = midnights.get(asIfUtc);
  if (midnight === undefined) {
    const guess = asIfUtc - offsetInEngland(asIfUtc);
    midnight = asIfUtc - offsetInEngland(guess);
    if (midnights.size >= MIDNIGHTS_KEPT) midnights.clear();
    midnights.set(asIfUtc, midnight);
  }
  return midnight;
}

const ENGLAND_CLOCK = new Intl.DateTimeFormat('en-GB', {
  timeZone: ENGLAND,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** How far England's clocks are ahead of UTC at `instant` (0 or one hour), in milliseconds. */
function offsetInEngland(instant: number): number {
  const parts = Object.fromEntries(
    ENGLAND_CLOCK.formatToParts(new Date(instant)).map((part) => [part.type, part.value]),
  );
  const wallClock = Date.UTC(
    Number(parts['year']),
    Number(parts['month']) - 1,
    Number(parts['day']),
    Number(parts['hour']),
    Number(parts['minute']),
    Number(parts['second']),
  );
  return wallClock - Math.floor(instant / 1000) * 1000;
}
