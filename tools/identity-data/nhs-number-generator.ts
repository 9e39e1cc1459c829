import type { Random } from './seeded-random';

/**
 * The Modulus 11 check digit for nine NHS-number digits (weights 10 down to 2), or `undefined`
 * when the remainder gives 10: such nine-digit stems are never issued.
 */
export function nhsCheckDigit(stem: string): number | undefined {
  if (!/^\d{9}$/.test(stem)) throw new Error('an NHS number stem is nine digits');
  const sum = [...stem].reduce((total, digit, index) => total + Number(digit) * (10 - index), 0);
  const check = 11 - (sum % 11);
  if (check === 10) return undefined;
  return check === 11 ? 0 : check;
}

/**
 * A valid NHS number in the `999` range that NHS England keeps for test data, so that synthetic
 * records can never carry a real patient's number.
 */
export function generateNhsNumber(random: Random): string {
  for (;;) {
    const stem = `999${String(random.int(0, 999_999)).padStart(6, '0')}`;
    const check = nhsCheckDigit(stem);
    if (check !== undefined) return `${stem}${check}`;
  }
}

/**
 * The number with two adjacent, different digits among the first nine swapped: the commonest
 * keying slip. Swapping digits a and b at weights w and w-1 moves the weighted sum by a - b, which
 * is never a multiple of 11, so the result always fails Modulus 11. `undefined` when all nine match.
 */
export function transposeNhsNumberDigits(nhsNumber: string, random: Random): string | undefined {
  const digits = [...nhsNumber];
  const positions = [0, 1, 2, 3, 4, 5, 6, 7].filter((index) => digits[index] !== digits[index + 1]);
  if (positions.length === 0) return undefined;
  const index = random.pick(positions);
  [digits[index], digits[index + 1]] = [digits[index + 1], digits[index]];
  return digits.join('');
}
