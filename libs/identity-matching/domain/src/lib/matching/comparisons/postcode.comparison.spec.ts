import type { Address } from '../../local-record.types';
import { bothHaveUkPostcodes, comparePostcodes, isOneCharacterTypo } from './postcode.comparison';

function at(...postcodes: (string | undefined)[]): Address[] {
  return postcodes.map((postcode) => ({ lines: ['1 High Street'], postcode }));
}

describe('comparePostcodes', () => {
  it.each([
    ['exact', 'L8 1AB', 'l81ab'],
    ['exact', 'EC1A 1BB', 'ec1a 1bb'],
    ['sector', 'L8 1AB', 'L8 1XY'],
    ['district', 'L8 1AB', 'L8 7QT'],
    ['district', 'CH41 6AB', 'CH41 2ZZ'],
    ['area', 'L8 1AB', 'L17 1AB'],
    ['area', 'CH41 6AB', 'CH1 6AB'],
    ['different', 'L8 1AB', 'M8 1AB'],
    ['different', 'L8 1AB', 'LS8 1AB'],
  ])('reaches %s for %s / %s', (level, a, b) => {
    expect(comparePostcodes(at(a), at(b))).toBe(level);
  });

  it.each([
    ['not exact: unit differs', 'L8 1AB', 'L8 1AC', 'exact'],
    ['not sector: sector digit differs', 'L8 1AB', 'L8 2AB', 'sector'],
    ['not district: L8 is not L18', 'L8 1AB', 'L18 1AB', 'district'],
    ['not district: W1A is not W1', 'W1A 0AX', 'W1 0AX', 'district'],
    ['not area: L is not LS', 'L8 1AB', 'LS8 1AB', 'area'],
  ])('%s', (_why, a, b, notLevel) => {
    expect(comparePostcodes(at(a), at(b))).not.toBe(notLevel);
  });

  it('takes the strongest level over all addresses', () => {
    expect(comparePostcodes(at('M1 1AE', 'L8 1AB'), at('L8 1AX', 'B33 8TH'))).toBe('sector');
  });

  it('ignores invalid postcodes beside valid ones', () => {
    expect(comparePostcodes(at('nonsense', 'L8 1AB'), at('L8 1AB'))).toBe('exact');
  });

  it.each([
    ['no addresses', [], at('L8 1AB')],
    ['no postcode', at(undefined), at('L8 1AB')],
    ['an invalid postcode', at('L8'), at('L8 1AB')],
    ['no postcode on the other side', at('L8 1AB'), at(undefined)],
  ])('is missing with %s', (_why, a, b) => {
    expect(comparePostcodes(a, b)).toBe('missing');
  });
});

describe('comparePostcodes on overseas postcodes', () => {
  it('reaches exact when neither is a UK postcode and they are written alike', () => {
    expect(comparePostcodes(at('4814'), at(' 4814 '))).toBe('exact');
  });

  it('reaches different when neither is a UK postcode and they differ', () => {
    expect(comparePostcodes(at('4814'), at('2600'))).toBe('different');
  });

  it('reaches one-character-typo for one slip', () => {
    expect(comparePostcodes(at('4127'), at('4217'))).toBe('one-character-typo');
    expect(comparePostcodes(at('6503'), at('6508'))).toBe('one-character-typo');
  });

  it('never grades UK postcodes as one-character-typo', () => {
    expect(comparePostcodes(at('L8 1AB'), at('L8 1AC'))).toBe('sector');
  });

  it('is missing when only one side holds a UK postcode', () => {
    expect(comparePostcodes(at('4814'), at('L8 1AB'))).toBe('missing');
  });
});

describe('bothHaveUkPostcodes', () => {
  it('is true only when both records hold a valid UK postcode', () => {
    expect(bothHaveUkPostcodes(at('L8 1AB'), at('nonsense', 'M1 1AE'))).toBe(true);
    expect(bothHaveUkPostcodes(at('L8 1AB'), at('4814'))).toBe(false);
    expect(bothHaveUkPostcodes(at(undefined), at('L8 1AB'))).toBe(false);
  });
});

describe('isOneCharacterTypo', () => {
  it.each([
    ['4127', '4217', true],
    ['6503', '6508', true],
    ['6503', '6503', false],
    ['6503', '6580', false],
    ['4127', '7124', false],
    ['412', '4127', false],
  ])('%s ~ %s: %s', (a, b, expected) => {
    expect(isOneCharacterTypo(a, b)).toBe(expected);
  });
});
