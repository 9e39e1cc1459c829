import { compareBirthDates } from './birth-date.comparison';

describe('compareBirthDates', () => {
  it.each([
    ['exact', '1980-03-04', '1980-03-04'],
    ['day-month-swapped', '1980-03-04', '1980-04-03'],
    ['day-month-swapped', '1980-12-11', '1980-11-12'],
    ['one-digit-typo', '1980-03-04', '1980-03-05'],
    ['one-digit-typo', '1980-03-04', '1981-03-04'],
    ['one-digit-typo', '1980-03-04', '1908-03-04'],
    ['one-digit-typo', '1980-03-12', '1980-03-21'],
    ['year-within-one', '1999-06-15', '2000-06-15'],
    ['year-within-one', '2010-06-15', '2009-06-15'],
    ['different', '1980-03-04', '1975-08-21'],
  ])('reaches %s for %s / %s', (level, a, b) => {
    expect(compareBirthDates(a, b)).toBe(level);
  });

  it.each([
    ['not exact: one day apart', '1980-03-04', '1980-03-05', 'exact'],
    ['not swapped: different year too', '1980-03-04', '1981-04-03', 'day-month-swapped'],
    ['not a typo: two separate digits', '1980-03-04', '1981-03-05', 'one-digit-typo'],
    ['not a typo: non-adjacent digits swapped', '1980-03-04', '1480-03-09', 'one-digit-typo'],
    ['not within a year: two years apart', '1999-06-15', '2001-06-15', 'year-within-one'],
    ['not within a year: day differs too', '1999-06-15', '2000-06-16', 'year-within-one'],
  ])('%s', (_why, a, b, notLevel) => {
    expect(compareBirthDates(a, b)).not.toBe(notLevel);
  });

  it('calls two separate digit changes different', () => {
    expect(compareBirthDates('1980-03-04', '1981-03-05')).toBe('different');
  });

  it('does not call a date with equal day and month swapped', () => {
    expect(compareBirthDates('1980-03-03', '1980-03-03')).toBe('exact');
  });

  it.each([
    [undefined, '1980-03-04'],
    ['1980-03-04', undefined],
    ['', '1980-03-04'],
    ['04/03/1980', '1980-03-04'],
    ['1980-03-04', 'unknown'],
  ])('is missing for %p / %p', (a, b) => {
    expect(compareBirthDates(a, b)).toBe('missing');
  });
});
