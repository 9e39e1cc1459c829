import type { Demographics } from '../../local-record.types';
import { compareRecords } from './compare-records';

const jane: Demographics = {
  nhsNumber: '9434765919',
  names: [
    { family: 'Jones', given: ['Jane'], use: 'official' },
    { family: 'Smith', given: ['Jane'], use: 'maiden' },
  ],
  birthDate: '1980-03-04',
  gender: 'female',
  addresses: [{ lines: ['10 High Street', 'Toxteth'], city: 'Liverpool', postcode: 'L8 1AB' }],
  telecom: [
    { system: 'phone', value: '+44 7700 900123' },
    { system: 'email', value: 'Jane@Example.com' },
  ],
};

describe('compareRecords', () => {
  it('gives the strongest level on every field for the same record, the address aside', () => {
    expect(compareRecords(jane, jane)).toEqual({
      name: 'exact',
      givenName: 'exact',
      birthDate: 'exact',
      gender: 'exact',
      postcode: 'exact',
      address: 'missing',
      city: 'missing',
      phone: 'exact',
      email: 'exact',
    });
  });

  it('grades each field of a near match', () => {
    const other: Demographics = {
      names: [{ family: 'Smyth', given: ['Jayne'] }],
      birthDate: '1980-04-03',
      gender: 'female',
      addresses: [{ lines: ['12 High St', 'Toxteth'], postcode: 'l8 1xy' }],
      telecom: [
        { system: 'phone', value: '07700900999' },
        { system: 'email', value: 'jane@example.com' },
      ],
    };
    expect(compareRecords(jane, other)).toEqual({
      name: 'phonetic',
      givenName: 'jaro-winkler-high',
      birthDate: 'day-month-swapped',
      gender: 'exact',
      postcode: 'sector',
      address: 'medium',
      city: 'missing',
      phone: 'different',
      email: 'exact',
    });
  });

  it('leaves out an agreeing address when the postcode agrees exactly: it would count the home twice', () => {
    const twin: Demographics = { ...jane, addresses: [{ lines: ['10 High St'], postcode: 'L8 1AB' }] };
    expect(compareRecords(jane, twin).address).toBe('missing');
  });

  it('still counts an agreeing address under another postcode', () => {
    const typo: Demographics = {
      ...jane,
      addresses: [{ lines: ['10 High Street', 'Toxteth'], postcode: 'L8 1AX' }],
    };
    expect(compareRecords(jane, typo)).toMatchObject({ postcode: 'sector', address: 'high' });
  });

  it('still counts a differing address under the same postcode', () => {
    const neighbour: Demographics = { ...jane, addresses: [{ lines: ['97 Park Road'], postcode: 'L8 1AB' }] };
    expect(compareRecords(jane, neighbour)).toMatchObject({ postcode: 'exact', address: 'different' });
  });

  it('leaves out the city when UK postcodes agree to the district', () => {
    const moved: Demographics = {
      ...jane,
      addresses: [{ lines: ['3 Park Road'], city: 'Liverpool', postcode: 'L8 9ZZ' }],
    };
    expect(compareRecords(jane, moved)).toMatchObject({ postcode: 'district', city: 'missing' });
  });

  it('counts the city when UK postcodes agree only by area or differ', () => {
    const moved: Demographics = {
      ...jane,
      addresses: [{ lines: ['3 Park Road'], city: 'Leeds', postcode: 'LS6 2AB' }],
    };
    expect(compareRecords(jane, moved)).toMatchObject({ postcode: 'different', city: 'different' });
  });

  it('counts both postcode and address for overseas postcodes, which imply no home', () => {
    const abroad: Demographics = {
      ...jane,
      addresses: [{ lines: ['10 Narrany Street'], city: 'Toowong', postcode: '4066' }],
    };
    const again: Demographics = {
      ...jane,
      addresses: [{ lines: ['10 NarranyStreet'], city: 'Toowong', postcode: '4066' }],
    };
    expect(compareRecords(abroad, again)).toMatchObject({
      postcode: 'exact',
      address: 'high',
      city: 'exact',
    });
  });

  it('is missing wherever either side lacks the field', () => {
    const sparse: Demographics = { names: [], birthDate: '', gender: 'unknown', addresses: [], telecom: [] };
    expect(compareRecords(jane, sparse)).toEqual({
      name: 'missing',
      givenName: 'missing',
      birthDate: 'missing',
      gender: 'missing',
      postcode: 'missing',
      address: 'missing',
      city: 'missing',
      phone: 'missing',
      email: 'missing',
    });
  });
});
