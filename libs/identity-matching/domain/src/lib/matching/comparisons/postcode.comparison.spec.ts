import type { Address } from '../../local-record.types';
import { comparePostcodes } from './postcode.comparison';

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
