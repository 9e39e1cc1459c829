import { isValidNhsNumber } from '@ilinks/identity-matching/domain';
import { generateNhsNumber, nhsCheckDigit, transposeNhsNumberDigits } from './nhs-number-generator';
import { createRandom } from './seeded-random';

describe('nhsCheckDigit', () => {
  it('computes the check digit of a published example (943 476 5919)', () => {
    expect(nhsCheckDigit('943476591')).toBe(9);
  });

  it('turns a check of 11 into 0', () => {
    expect(nhsCheckDigit('000000000')).toBe(0);
  });

  it('reports stems whose check would be 10', () => {
    // 6 × 2 = 12, 12 mod 11 = 1, 11 - 1 = 10.
    expect(nhsCheckDigit('000000006')).toBeUndefined();
  });

  it('refuses anything but nine digits', () => {
    expect(() => nhsCheckDigit('12345')).toThrow();
  });
});

describe('generateNhsNumber', () => {
  it('always produces valid test-range numbers', () => {
    const random = createRandom(12);
    for (let index = 0; index < 500; index++) {
      const nhsNumber = generateNhsNumber(random);
      expect(nhsNumber).toMatch(/^999\d{7}$/);
      expect(isValidNhsNumber(nhsNumber)).toBe(true);
    }
  });
});

describe('transposeNhsNumberDigits', () => {
  it('always yields a number that fails Modulus 11', () => {
    const random = createRandom(13);
    for (let index = 0; index < 500; index++) {
      const transposed = transposeNhsNumberDigits(generateNhsNumber(random), random);
      expect(transposed).toBeDefined();
      expect(isValidNhsNumber(transposed as string)).toBe(false);
    }
  });

  it('keeps the same digits', () => {
    const transposed = transposeNhsNumberDigits('9434765919', createRandom(14)) as string;
    expect([...transposed].sort()).toEqual([...'9434765919'].sort());
    expect(transposed).not.toBe('9434765919');
  });

  it('gives up when the first nine digits are all the same', () => {
    expect(transposeNhsNumberDigits('1111111111', createRandom(15))).toBeUndefined();
  });
});
