import { fhirDateRange, storedDateRange } from './fhir-date-range';

const at = (iso: string): number => Date.parse(iso);

describe('fhirDateRange', () => {
  it('reads a year as the whole year in England', () => {
    expect(fhirDateRange('2025')).toEqual({
      start: at('2025-01-01T00:00:00Z'),
      end: at('2026-01-01T00:00:00Z'),
    });
  });

  it('reads a month, crossing into British Summer Time', () => {
    expect(fhirDateRange('2025-03')).toEqual({
      start: at('2025-03-01T00:00:00Z'),
      end: at('2025-03-31T23:00:00Z'),
    });
  });

  it('reads December up to the next new year', () => {
    expect(fhirDateRange('2024-12')?.end).toBe(at('2025-01-01T00:00:00Z'));
  });

  it('reads a summer day as midnight to midnight British Summer Time', () => {
    expect(fhirDateRange('2025-07-01')).toEqual({
      start: at('2025-06-30T23:00:00Z'),
      end: at('2025-07-01T23:00:00Z'),
    });
  });

  it('reads the same day the same again, however many other days were read between', () => {
    const summer = fhirDateRange('2025-07-01');
    for (let day = 0; day < 20_000; day++)
      fhirDateRange(new Date(Date.UTC(1990, 0, 1 + day)).toISOString().slice(0, 10));
    expect(fhirDateRange('2025-07-01')).toEqual(summer);
    expect(fhirDateRange('2025-01-01')).toEqual({
      start: at('2025-01-01T00:00:00Z'),
      end: at('2025-01-02T00:00:00Z'),
    });
  });

  it('reads the day the clocks go back as 25 hours', () => {
    const range = fhirDateRange('2025-10-26');
    expect(range && (range.end - range.start) / 3_600_000).toBe(25);
  });

  it('reads a time to the minute, the second or the millisecond', () => {
    expect(fhirDateRange('2025-03-01T10:00Z')).toEqual({
      start: at('2025-03-01T10:00:00Z'),
      end: at('2025-03-01T10:01:00Z'),
    });
    expect(fhirDateRange('2025-03-01T10:00:30+01:00')).toEqual({
      start: at('2025-03-01T09:00:30Z'),
      end: at('2025-03-01T09:00:31Z'),
    });
    expect(fhirDateRange('2025-03-01T10:00:30.250Z')).toEqual({
      start: at('2025-03-01T10:00:30.250Z'),
      end: at('2025-03-01T10:00:30.251Z'),
    });
  });

  it.each([
    '',
    '25',
    '2025-13',
    '2025-02-30',
    '2025-3-1',
    '2025-03-01T10:00',
    '2025-03-01T25:00Z',
    '2025-03-01T10:61Z',
    '2025-03-01 10:00Z',
    'yesterday',
  ])('refuses %p', (text) => {
    expect(fhirDateRange(text)).toBeUndefined();
  });

  it('accepts 29 February in a leap year only', () => {
    expect(fhirDateRange('2024-02-29')).toBeDefined();
    expect(fhirDateRange('2025-02-29')).toBeUndefined();
  });
});

describe('storedDateRange', () => {
  it('reads a FHIR date at its precision', () => {
    expect(storedDateRange('2025')?.start).toBe(at('2025-01-01T00:00:00Z'));
  });

  it('reads any other instant as one millisecond', () => {
    expect(storedDateRange('2025-03-01T10:00:00.000+0000')).toEqual({
      start: at('2025-03-01T10:00:00Z'),
      end: at('2025-03-01T10:00:00Z') + 1,
    });
  });

  it('has no range for nothing or nonsense', () => {
    expect(storedDateRange(undefined)).toBeUndefined();
    expect(storedDateRange('soon')).toBeUndefined();
  });
});
