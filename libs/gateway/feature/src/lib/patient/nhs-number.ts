/**
 * The NHS number check digit (Modulus 11). Kept here rather than imported: the gateway may use
 * another context's contracts but never its domain, and the rule is a few lines.
 */

const TEN_DIGITS = /^\d{10}$/;

/** Removes the spaces partners often keep for display (`943 476 5919`). */
export function normaliseNhsNumber(raw: string): string {
  return raw.replace(/\s+/g, '');
}

/** Whether `nhsNumber` is ten digits whose last is the Modulus 11 check digit of the first nine. */
export function passesModulus11(nhsNumber: string): boolean {
  if (!TEN_DIGITS.test(nhsNumber)) return false;
  let sum = 0;
  for (let index = 0; index < 9; index += 1) sum += Number(nhsNumber[index]) * (10 - index);
  const check = 11 - (sum % 11);
  // 11 means a check digit of 0; 10 means no valid number can be formed from these nine digits.
  const expected = check === 11 ? 0 : check;
  return expected !== 10 && expected === Number(nhsNumber[9]);
}

/** Whether `raw` is ten digits (after removing spaces). */
export function hasTenDigits(raw: string): boolean {
  return TEN_DIGITS.test(normaliseNhsNumber(raw));
}
