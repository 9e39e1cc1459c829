import {
  GIVEN_NAMES,
  NAME_DECADES,
  nameDecadeFor,
  NICKNAMES,
  SURNAMES,
  weightedGivenNames,
} from './uk-names';

describe('SURNAMES', () => {
  const names = SURNAMES.map(([name]) => name);

  it('holds the common names and a long tail, each once', () => {
    expect(names.length).toBeGreaterThan(300);
    expect(new Set(names).size).toBe(names.length);
  });

  it('starts with Smith, Jones and Williams, the most common', () => {
    expect(names.slice(0, 3)).toEqual(['Smith', 'Jones', 'Williams']);
  });

  it('has positive weights that never rise from the common names to the rare', () => {
    const weights = SURNAMES.map(([, weight]) => weight);
    expect(weights.every((weight) => weight > 0)).toBe(true);
    expect(weights.every((weight, index) => index === 0 || weight <= weights[index - 1])).toBe(true);
  });
});

describe('GIVEN_NAMES', () => {
  it('holds twenty distinct names per decade and sex', () => {
    for (const decade of NAME_DECADES) {
      for (const sex of ['male', 'female'] as const) {
        expect(new Set(GIVEN_NAMES[decade][sex]).size).toBe(20);
      }
    }
  });

  it('weights the top name most', () => {
    const weights = weightedGivenNames(1960, 'female');
    expect(weights[0]).toEqual(['Susan', expect.any(Number)]);
    expect(weights[0][1]).toBeGreaterThan(weights[19][1]);
  });
});

describe('nameDecadeFor', () => {
  it.each([
    [1925, 1930],
    [1930, 1930],
    [1967, 1960],
    [2025, 2020],
  ])('%d → %d', (year, decade) => {
    expect(nameDecadeFor(year)).toBe(decade);
  });
});

describe('NICKNAMES', () => {
  it('knows the classics', () => {
    expect(NICKNAMES['William']).toContain('Bill');
    expect(NICKNAMES['Margaret']).toContain('Peggy');
  });

  it('never maps a name to itself', () => {
    expect(Object.entries(NICKNAMES).filter(([formal, familiar]) => familiar.includes(formal))).toEqual([]);
  });
});
