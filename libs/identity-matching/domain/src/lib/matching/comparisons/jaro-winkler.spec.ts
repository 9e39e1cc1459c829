import { jaro, jaroWinkler } from './jaro-winkler';

describe('jaro', () => {
  it.each([
    ['MARTHA', 'MARHTA', 0.944],
    ['DWAYNE', 'DUANE', 0.822],
    ['DIXON', 'DICKSONX', 0.767],
    ['CRATE', 'TRACE', 0.733],
  ])('%s / %s ≈ %d', (a, b, expected) => {
    expect(jaro(a, b)).toBeCloseTo(expected, 3);
  });

  it('is 1 for identical strings', () => {
    expect(jaro('SMITH', 'SMITH')).toBe(1);
  });

  it('is 0 with nothing in common', () => {
    expect(jaro('ABC', 'XYZ')).toBe(0);
  });

  it('is symmetric', () => {
    expect(jaro('DIXON', 'DICKSONX')).toBeCloseTo(jaro('DICKSONX', 'DIXON'), 10);
  });
});

describe('jaroWinkler', () => {
  it.each([
    ['MARTHA', 'MARHTA', 0.961],
    ['DWAYNE', 'DUANE', 0.84],
    ['DIXON', 'DICKSONX', 0.813],
    ['JONES', 'JOHNSON', 0.832],
  ])('%s / %s ≈ %d', (a, b, expected) => {
    expect(jaroWinkler(a, b)).toBeCloseTo(expected, 3);
  });

  it('is 1 for identical strings', () => {
    expect(jaroWinkler('ELIZABETH', 'ELIZABETH')).toBe(1);
  });

  it('is 1 for two empty strings', () => {
    expect(jaroWinkler('', '')).toBe(1);
  });

  it.each([
    ['', 'SMITH'],
    ['SMITH', ''],
  ])('is 0 when one side is empty (%p, %p)', (a, b) => {
    expect(jaroWinkler(a, b)).toBe(0);
  });

  it('gives the prefix bonus for at most four characters', () => {
    const similarity = jaro('ABCDEFXY', 'ABCDEFYX');
    expect(jaroWinkler('ABCDEFXY', 'ABCDEFYX')).toBeCloseTo(similarity + 4 * 0.1 * (1 - similarity), 10);
  });

  it('is case-sensitive (callers normalise first)', () => {
    expect(jaroWinkler('smith', 'SMITH')).toBe(0);
  });
});
