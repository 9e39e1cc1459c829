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
      birthDate: 'exact',
      gender: 'exact',
      postcode: 'exact',
      address: 'missing',
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
      birthDate: 'day-month-swapped',
      gender: 'exact',
      postcode: 'sector',
      address: 'medium',
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

  it('is missing wherever either side lacks the field', () => {
    const sparse: Demographics = { names: [], birthDate: '', gender: 'unknown', addresses: [], telecom: [] };
    expect(compareRecords(jane, sparse)).toEqual({
      name: 'missing',
      birthDate: 'missing',
      gender: 'missing',
      postcode: 'missing',
      address: 'missing',
      phone: 'missing',
      email: 'missing',
    });
  });
});
