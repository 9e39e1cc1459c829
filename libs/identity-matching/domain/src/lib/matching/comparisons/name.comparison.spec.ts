import type { PersonName } from '../../local-record.types';
import type { NameLevels } from './name.comparison';
import { compareFamilyNames, compareGivenNames, compareNames } from './name.comparison';

function name(family: string, given: string, use?: PersonName['use']): PersonName {
  return { family, given: given.split(' ').filter((part) => part.length > 0), use };
}

function levelsOf(a: PersonName, b: PersonName): NameLevels {
  return compareNames([a], [b]);
}

describe('compareNames', () => {
  describe('both exact', () => {
    it('reaches it with equal family and first given after normalisation', () => {
      expect(levelsOf(name('Smith', 'John'), name('SMITH', 'john'))).toEqual({
        name: 'exact',
        givenName: 'exact',
      });
    });

    it('ignores later given names, titles, accents and hyphens', () => {
      const titled: PersonName = { family: 'Smith Jones', given: ['Mrs Zoe'] };
      expect(levelsOf(name('Smith-Jones', 'Zoë Anne'), titled)).toEqual({
        name: 'exact',
        givenName: 'exact',
      });
    });
  });

  describe('one part disagreeing costs only that part', () => {
    it('keeps the family name exact when the given name has a typo', () => {
      expect(levelsOf(name('Richardson', 'Jonathan'), name('Richardson', 'Jonathon'))).toEqual({
        name: 'exact',
        givenName: 'jaro-winkler-high',
      });
    });

    it('keeps the given name exact when the family name has a typo', () => {
      expect(levelsOf(name('Richardson', 'Mary'), name('Richardsen', 'Mary'))).toEqual({
        name: 'jaro-winkler-high',
        givenName: 'exact',
      });
    });

    it('grades a sibling as same family, different given name', () => {
      expect(levelsOf(name('Smith', 'John'), name('Smith', 'Mary'))).toEqual({
        name: 'exact',
        givenName: 'different',
      });
    });

    it('grades a married name as different family, same given name', () => {
      expect(levelsOf(name('Smith', 'Mary'), name('Jones', 'Mary'))).toEqual({
        name: 'different',
        givenName: 'exact',
      });
    });
  });

  describe('swapped', () => {
    it('reaches it when family and given are exchanged, given then missing', () => {
      expect(levelsOf(name('James', 'Owen'), name('Owen', 'James'))).toEqual({
        name: 'swapped',
        givenName: 'missing',
      });
    });

    it('still reaches it with a typo in one of the exchanged names', () => {
      expect(levelsOf(name('Bloomfield', 'Jaiden'), name('Jaiden', 'Bloomfeild')).name).toBe('swapped');
    });

    it('still reaches it with a typo in each of the exchanged names', () => {
      expect(levelsOf(name('Jasper', 'Desllva'), name('Desilva', 'Jaspe')).name).toBe('swapped');
    });

    it('misses it when the exchanged names differ', () => {
      expect(levelsOf(name('James', 'Owen'), name('Oliver', 'Jasper')).name).not.toBe('swapped');
    });

    it('prefers a straight agreement of the family name', () => {
      expect(levelsOf(name('Ann', 'Ann'), name('Ann', 'Ann'))).toEqual({ name: 'exact', givenName: 'exact' });
    });
  });

  describe('several names', () => {
    it('matches a married woman through her maiden name', () => {
      const married = [name('Jones', 'Mary', 'official'), name('Smith', 'Mary', 'maiden')];
      expect(compareNames(married, [name('Smith', 'Mary')])).toEqual({ name: 'exact', givenName: 'exact' });
    });

    it('matches through an old name', () => {
      const renamed = [name('Taylor', 'Alex', 'official'), name('Taylor', 'Alexandra', 'old')];
      expect(compareNames([name('Taylor', 'Alexandra')], renamed)).toEqual({
        name: 'exact',
        givenName: 'exact',
      });
    });

    it('takes the pair of names agreeing best over both parts', () => {
      const a = [name('Brown', 'Alice'), name('Smith', 'William')];
      const b = [name('Green', 'Zed'), name('Smith', 'Bill')];
      expect(compareNames(a, b)).toEqual({ name: 'exact', givenName: 'nickname' });
    });
  });

  describe('missing', () => {
    it('is missing on both parts when either side has no names', () => {
      expect(compareNames([], [name('Smith', 'John')])).toEqual({ name: 'missing', givenName: 'missing' });
      expect(compareNames([name('Smith', 'John')], [])).toEqual({ name: 'missing', givenName: 'missing' });
    });

    it('still compares the family name when a given name is blank', () => {
      expect(compareNames([name('Smith', '')], [name('Smith', 'John')])).toEqual({
        name: 'exact',
        givenName: 'missing',
      });
    });

    it('still compares the given name when a family name is blank', () => {
      expect(compareNames([name('', 'John')], [name('Smith', 'John')])).toEqual({
        name: 'missing',
        givenName: 'exact',
      });
    });

    it('prefers a complete name beside an incomplete one', () => {
      expect(compareNames([name('Smith', ''), name('Smith', 'John')], [name('Smith', 'John')])).toEqual({
        name: 'exact',
        givenName: 'exact',
      });
    });
  });
});

describe('compareFamilyNames', () => {
  it.each([
    ['smith', 'smith', 'exact'],
    ['richardson', 'richardsen', 'jaro-winkler-high'],
    ['smith', 'smyth', 'phonetic'],
    ['smithers', 'smith', 'jaro-winkler-mid'],
    ['smith', 'brown', 'different'],
  ])('grades %s ~ %s as %s', (a, b, level) => {
    expect(compareFamilyNames(a, b)).toBe(level);
  });
});

describe('compareGivenNames', () => {
  it.each([
    ['john', 'john', 'exact'],
    ['jonathan', 'jonathon', 'jaro-winkler-high'],
    ['william', 'bill', 'nickname'],
    ['margaret', 'peggy', 'nickname'],
    ['catherine', 'kathryn', 'nickname'],
    ['geoffrey', 'jeffery', 'phonetic'],
    ['marian', 'marion', 'phonetic'],
    ['daniela', 'daniel', 'jaro-winkler-high'],
    ['john', 'alice', 'different'],
  ])('grades %s ~ %s as %s', (a, b, level) => {
    expect(compareGivenNames(a, b)).toBe(level);
  });
});
