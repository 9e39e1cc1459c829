/** The FHIR identifier system for NHS numbers in England. */
export const NHS_NUMBER_SYSTEM = 'https://fhir.nhs.uk/Id/nhs-number';

/**
 * True when `value` is ten digits whose check digit satisfies the NHS Modulus 11 algorithm:
 * weights 10..2 over the first nine digits, check = 11 - (sum mod 11), 11 → 0, 10 → invalid.
 * Spaces are not accepted: callers normalise first with {@link normaliseNhsNumber}.
 */
export function isValidNhsNumber(value: string): boolean {
  if (!/^\d{10}$/.test(value)) return false;
  const digits = [...value].map(Number);
  const sum = digits.slice(0, 9).reduce((total, digit, index) => total + digit * (10 - index), 0);
  const check = 11 - (sum % 11);
  if (check === 10) return false;
  return (check === 11 ? 0 : check) === digits[9];
}

/** Strips the spaces and hyphens people type in NHS numbers (`943 476 5919`). */
export function normaliseNhsNumber(value: string): string {
  return value.replace(/[\s-]/g, '');
}
