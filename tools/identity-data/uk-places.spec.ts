import { createRandom } from './seeded-random';
import { generateAddress, generatePostcode, MERSEYSIDE_OUTWARD_CODES, POSTCODE_PATTERN } from './uk-places';

describe('Merseyside outward codes', () => {
  const outwards = MERSEYSIDE_OUTWARD_CODES.map((code) => code.outward);

  it('cover Liverpool, Wirral, Southport, St Helens, Widnes and Wigan districts', () => {
    expect(outwards).toEqual(
      expect.arrayContaining(['L1', 'L38', 'CH41', 'CH66', 'PR8', 'PR9', 'WA8', 'WA11']),
    );
    expect(outwards).toEqual(expect.arrayContaining(['WN4', 'WN5']));
  });

  it('leave out the Chester districts between CH50 and CH59', () => {
    expect(outwards).not.toContain('CH55');
  });

  it('are unique', () => {
    expect(new Set(outwards).size).toBe(outwards.length);
  });

  it('name the post town', () => {
    const townOf = (outward: string) =>
      MERSEYSIDE_OUTWARD_CODES.find((code) => code.outward === outward)?.postTown;
    expect(townOf('L20')).toBe('Bootle');
    expect(townOf('CH44')).toBe('Wallasey');
    expect(townOf('PR9')).toBe('Southport');
  });
});

describe('generatePostcode', () => {
  it('writes the outward code, a space, a digit and two letters', () => {
    const random = createRandom(9);
    for (let index = 0; index < 200; index++) {
      const postcode = generatePostcode('L15', random);
      expect(postcode).toMatch(/^L15 \d[A-Z]{2}$/);
      expect(postcode).toMatch(POSTCODE_PATTERN);
    }
  });

  it('never uses the letters Royal Mail leaves out of inward codes', () => {
    const random = createRandom(10);
    const inwards = Array.from({ length: 500 }, () => generatePostcode('CH41', random).slice(-2)).join('');
    expect(inwards).not.toMatch(/[CIKMOV]/);
  });
});

describe('generateAddress', () => {
  it('gives a house number and street, a post town and a postcode', () => {
    const address = generateAddress(createRandom(11));
    expect(address.lines).toHaveLength(1);
    expect(address.lines[0]).toMatch(/^\d+A? [A-Z][a-z]+ [A-Z][a-z]+$/);
    expect(address.city).toBeTruthy();
    expect(address.postcode).toMatch(POSTCODE_PATTERN);
  });
});
