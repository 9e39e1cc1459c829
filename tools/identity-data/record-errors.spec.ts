import { isIsoCalendarDate, shiftYearByOne, swapDayAndMonth, typoDateDigit, typoName } from './record-errors';
import { createRandom } from './seeded-random';

const REFERENCE_DATE = '2026-01-01';

describe('typoName', () => {
  it('changes the name but keeps its first letter', () => {
    const random = createRandom(20);
    for (const name of ['Smith', 'Jones', 'Al', "O'Brien", 'Smith-Jones', 'Lee']) {
      for (let index = 0; index < 50; index++) {
        const typo = typoName(name, random);
        expect(typo).not.toBe(name);
        expect(typo[0]).toBe(name[0]);
      }
    }
  });

  it('stays within one or two characters of the original length', () => {
    const random = createRandom(21);
    const lengths = Array.from({ length: 100 }, () => typoName('Williams', random).length);
    expect(Math.min(...lengths)).toBeGreaterThanOrEqual(7);
    expect(Math.max(...lengths)).toBeLessThanOrEqual(9);
  });
});

describe('isIsoCalendarDate', () => {
  it.each([
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['1975-13-01', false],
    ['1975-04-31', false],
    ['1975-4-3', false],
    ['1975-04-30', true],
  ])('%s → %s', (value, expected) => {
    expect(isIsoCalendarDate(value)).toBe(expected);
  });
});

describe('swapDayAndMonth', () => {
  it('exchanges day and month', () => {
    expect(swapDayAndMonth('1975-04-03')).toBe('1975-03-04');
  });

  it('declines when the day cannot be a month', () => {
    expect(swapDayAndMonth('1975-04-13')).toBeUndefined();
  });

  it('declines when day and month are the same', () => {
    expect(swapDayAndMonth('1975-04-04')).toBeUndefined();
  });
});

describe('typoDateDigit', () => {
  it('changes exactly one digit and keeps a plausible date', () => {
    const random = createRandom(22);
    for (let index = 0; index < 100; index++) {
      const typo = typoDateDigit('1975-04-23', REFERENCE_DATE, random) as string;
      expect(isIsoCalendarDate(typo)).toBe(true);
      expect(typo <= REFERENCE_DATE).toBe(true);
      const differing = [...typo].filter((character, at) => character !== '1975-04-23'[at]);
      expect(differing).toHaveLength(1);
    }
  });
});

describe('shiftYearByOne', () => {
  it('moves the year by one either way and keeps day and month', () => {
    const random = createRandom(23);
    const shifted = new Set(
      Array.from({ length: 50 }, () => shiftYearByOne('1975-04-23', REFERENCE_DATE, random)),
    );
    expect(shifted).toEqual(new Set(['1974-04-23', '1976-04-23']));
  });

  it('never moves a birth date into the future', () => {
    const random = createRandom(24);
    for (let index = 0; index < 50; index++) {
      expect(shiftYearByOne('2025-06-01', REFERENCE_DATE, random)).toBe('2024-06-01');
    }
  });

  it('declines for 29 February', () => {
    expect(shiftYearByOne('2000-02-29', REFERENCE_DATE, createRandom(25))).toBeUndefined();
  });
});
