import type { Address } from '../../local-record.types';
import {
  addressTokens,
  bigramContainment,
  bigramSimilarity,
  compareAddresses,
  tokenSetSimilarity,
} from './address.comparison';

function lines(...addressLines: string[]): Address[] {
  return [{ lines: addressLines }];
}

describe('addressTokens', () => {
  it('lower-cases, drops punctuation and expands abbreviations', () => {
    expect([...addressTokens(['Flat 2, 10 High St.', "St John's Rd"])]).toEqual([
      'flat',
      '2',
      '10',
      'high',
      'street',
      'johns',
      'road',
    ]);
  });

  it('joins a detached house-number letter', () => {
    expect(addressTokens(['10 A Mill Lane']).has('10a')).toBe(true);
  });
});

describe('tokenSetSimilarity', () => {
  it('is the Dice coefficient of the sets', () => {
    expect(tokenSetSimilarity(new Set(['a', 'b', 'c']), new Set(['a', 'b', 'c', 'd']))).toBeCloseTo(
      6 / 7,
      10,
    );
  });

  it('is 1 for two empty sets', () => {
    expect(tokenSetSimilarity(new Set(), new Set())).toBe(1);
  });
});

describe('bigramSimilarity', () => {
  it('is 1 for equal strings', () => {
    expect(bigramSimilarity('narranystreet', 'narranystreet')).toBe(1);
  });

  it('is the Dice coefficient of the letter pairs, counting repeats', () => {
    // aa·aa·ab against aa·ab: 2 shared of 3 + 2.
    expect(bigramSimilarity('aaab', 'aab')).toBeCloseTo(4 / 5, 12);
  });

  it('is 0 for strings sharing no pair', () => {
    expect(bigramSimilarity('abc', 'xyz')).toBe(0);
  });

  it('compares strings too short for a pair by equality', () => {
    expect(bigramSimilarity('a', 'a')).toBe(1);
    expect(bigramSimilarity('a', 'ab')).toBe(0);
  });
});

describe('bigramContainment', () => {
  it('is 1 when the shorter is part of the longer', () => {
    expect(bigramContainment('smithsroad', 'smithsroadgungahlin')).toBe(1);
  });

  it('is shared pairs over the pairs of the shorter string', () => {
    // abcdefgh has 7 pairs, 6 of them in abcdefgx…
    expect(bigramContainment('abcdefgh', 'abcdefgxyz')).toBeCloseTo(6 / 7, 12);
  });

  it('is 0 when the shorter is too short to say anything', () => {
    expect(bigramContainment('road', 'roadside')).toBe(0);
  });
});

describe('compareAddresses', () => {
  describe('high', () => {
    it('reaches it when one side adds a locality line and splits a word', () => {
      expect(
        compareAddresses(lines('81 Smiths Road'), lines('81 Smit hs Road', 'Gungahlin Market Place')),
      ).toBe('high');
    });

    it('reaches it when a space is inserted or deleted', () => {
      expect(compareAddresses(lines('10 Narrany Street'), lines('10 NarranyStreet'))).toBe('high');
    });

    it('reaches it with a typo in the street name', () => {
      expect(
        compareAddresses(lines('69 Giblin Street', 'Killarney'), lines('69 Giblni Street', 'Killarney')),
      ).toBe('high');
    });

    it('reaches it when one side has no house number at all', () => {
      expect(
        compareAddresses(lines('Giblin Street', 'Killarney'), lines('69 Giblin Street', 'Killarney')),
      ).toBe('high');
    });

    it('reaches it for the same lines written differently', () => {
      expect(compareAddresses(lines('10 High Street', 'Toxteth'), lines('10, HIGH ST', 'toxteth'))).toBe(
        'high',
      );
    });

    it('reaches it when one adds a locality line (≥ 0.8)', () => {
      expect(compareAddresses(lines('10 Downing Street'), lines('10 Downing St', 'Westminster'))).toBe(
        'high',
      );
    });

    it('reaches it for a house with a name and no number', () => {
      expect(compareAddresses(lines('Rose Cottage', 'Mill Lane'), lines('Rose Cottage, Mill Ln'))).toBe(
        'high',
      );
    });

    it('misses it when the house number differs', () => {
      expect(compareAddresses(lines('10 High Street', 'Toxteth'), lines('12 High Street', 'Toxteth'))).toBe(
        'medium',
      );
    });

    it('misses it when one side has no house number', () => {
      expect(
        compareAddresses(
          lines('Flat 3', '10 High Street', 'Toxteth', 'Liverpool'),
          lines('10 High Street', 'Toxteth', 'Liverpool', 'Flat'),
        ),
      ).toBe('medium');
    });
  });

  describe('medium', () => {
    it('reaches it at half the tokens shared', () => {
      expect(compareAddresses(lines('10 High Street'), lines('10 High Road', 'Wavertree'))).toBe('medium');
    });

    it('misses it below half', () => {
      expect(compareAddresses(lines('10 High Street'), lines('10 Park Road', 'Wavertree'))).toBe('different');
    });
  });

  describe('different', () => {
    it('is reached by unrelated addresses', () => {
      expect(compareAddresses(lines('1 Church Lane'), lines('42 Station Road'))).toBe('different');
    });
  });

  it('takes the strongest level over all addresses', () => {
    const a: Address[] = [{ lines: ['1 Church Lane'] }, { lines: ['10 High Street'] }];
    expect(compareAddresses(a, lines('10 High St'))).toBe('high');
  });

  it.each([
    ['no addresses', [], lines('10 High Street')],
    ['only empty lines', lines('', ' , '), lines('10 High Street')],
    ['none on the other side', lines('10 High Street'), []],
  ])('is missing with %s', (_why, a, b) => {
    expect(compareAddresses(a, b)).toBe('missing');
  });
});
