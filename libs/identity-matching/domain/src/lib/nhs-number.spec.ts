import { isValidNhsNumber, normaliseNhsNumber } from './nhs-number';

describe('NHS number Modulus 11', () => {
  it.each(['9434765919', '9434765870', '4010232137', '9000000009'])('accepts %s', (value) => {
    expect(isValidNhsNumber(value)).toBe(true);
  });

  it.each([
    ['a wrong check digit', '9434765918'],
    ['two transposed digits', '4943765919'],
    ['nine digits', '943476591'],
    ['eleven digits', '94347659190'],
    ['letters', '94347659AB'],
    ['spaces not normalised', '943 476 5919'],
    ['a remainder giving check 10', '0000000060'],
  ])('rejects %s', (_why, value) => {
    expect(isValidNhsNumber(value)).toBe(false);
  });

  it('normalises spaces and hyphens', () => {
    expect(normaliseNhsNumber('943 476-5919')).toBe('9434765919');
  });
});
