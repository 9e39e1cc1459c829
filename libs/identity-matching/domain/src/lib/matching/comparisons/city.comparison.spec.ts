import type { Address } from '../../local-record.types';
import { compareCities, compareCity } from './city.comparison';

function inCity(...cities: (string | undefined)[]): Address[] {
  return cities.map((city) => ({ lines: ['1 High Street'], city }));
}

describe('compareCities', () => {
  it('reaches exact ignoring case, accents, spaces and punctuation', () => {
    expect(compareCities(inCity('Newcastle upon Tyne'), inCity('NEWCASTLE-UPON-TYNE'))).toBe('exact');
  });

  it('reaches jaro-winkler-high for a typo', () => {
    expect(compareCities(inCity('Coonawarra'), inCity('Coonawwarra'))).toBe('jaro-winkler-high');
  });

  it('reaches jaro-winkler-mid for a worse slip', () => {
    expect(compareCities(inCity('Port Lincoln'), inCity('Port Lihcoln'))).toBe('jaro-winkler-mid');
  });

  it('reaches different for another town', () => {
    expect(compareCities(inCity('Liverpool'), inCity('Manchester'))).toBe('different');
  });

  it('takes the strongest level over all addresses', () => {
    expect(compareCities(inCity('Leeds', 'Liverpool'), inCity('Liverpool'))).toBe('exact');
  });

  it.each([
    ['no addresses', [], inCity('Leeds')],
    ['no city', inCity(undefined), inCity('Leeds')],
    ['a blank city', inCity(' '), inCity('Leeds')],
  ])('is missing with %s', (_why, a, b) => {
    expect(compareCities(a, b)).toBe('missing');
  });
});

describe('compareCity', () => {
  it('grades two keys', () => {
    expect(compareCity('leeds', 'leeds')).toBe('exact');
    expect(compareCity('leeds', 'york')).toBe('different');
  });
});
