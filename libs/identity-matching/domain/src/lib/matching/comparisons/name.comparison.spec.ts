import type { PersonName } from '../../local-record.types';
import { compareNames } from './name.comparison';

function name(family: string, given: string, use?: PersonName['use']): PersonName {
  return { family, given: given.split(' ').filter((part) => part.length > 0), use };
}

function levelOf(a: PersonName, b: PersonName): string {
  return compareNames([a], [b]);
}

describe('compareNames', () => {
  describe('exact', () => {
    it('reaches it with equal family and first given after normalisation', () => {
      expect(levelOf(name('Smith', 'John'), name('SMITH', 'john'))).toBe('exact');
    });

    it('ignores later given names, titles, accents and hyphens', () => {
      const titled: PersonName = { family: 'Smith Jones', given: ['Mrs Zoe'] };
      expect(levelOf(name('Smith-Jones', 'Zoë Anne'), titled)).toBe('exact');
    });

    it('misses it when the given name differs by a letter', () => {
      expect(levelOf(name('Richardson', 'Jonathan'), name('Richardson', 'Jonathon'))).not.toBe('exact');
    });
  });

  describe('jaro-winkler-high', () => {
    it('reaches it when both names are ≥ 0.94 alike', () => {
      expect(levelOf(name('Richardson', 'Jonathan'), name('Richardsen', 'Jonathon'))).toBe(
        'jaro-winkler-high',
      );
    });

    it('misses it when only the family name is that alike', () => {
      expect(levelOf(name('Richardson', 'Jonathan'), name('Richardsen', 'Joanna'))).toBe('family-only');
    });
  });

  describe('nickname', () => {
    it('reaches it with the same family and an alias given name', () => {
      expect(levelOf(name('Smith', 'William'), name('Smith', 'Bill'))).toBe('nickname');
    });

    it('reaches it with a near-identical family name', () => {
      expect(levelOf(name('Richardson', 'Margaret'), name('Richardsen', 'Peggy'))).toBe('nickname');
    });

    it('misses it when the given names are not aliases', () => {
      expect(levelOf(name('Smith', 'William'), name('Smith', 'Robert'))).toBe('family-only');
    });

    it('misses it when the family names differ', () => {
      expect(levelOf(name('Smith', 'William'), name('Jones', 'Bill'))).toBe('different');
    });
  });

  describe('phonetic', () => {
    it('reaches it when both names sound alike but are spelt apart', () => {
      expect(levelOf(name('Smith', 'Catherine'), name('Smyth', 'Kathryn'))).toBe('phonetic');
    });

    it('misses it when only the family name sounds alike', () => {
      expect(levelOf(name('Smith', 'Catherine'), name('Smyth', 'Caroline'))).not.toBe('phonetic');
    });
  });

  describe('swapped', () => {
    it('reaches it when family and given are exchanged', () => {
      expect(levelOf(name('James', 'Owen'), name('Owen', 'James'))).toBe('swapped');
    });

    it('misses it when the exchanged names differ', () => {
      expect(levelOf(name('James', 'Owen'), name('Owens', 'Jameson'))).not.toBe('swapped');
    });
  });

  describe('family-only', () => {
    it('reaches it with the same family and a different given name', () => {
      expect(levelOf(name('Smith', 'John'), name('Smith', 'Mary'))).toBe('family-only');
    });

    it('misses it when the family names are only loosely alike', () => {
      expect(levelOf(name('Smith', 'John'), name('Smithers', 'Mary'))).toBe('different');
    });
  });

  describe('given-only', () => {
    it('reaches it with the same given name and a different family', () => {
      expect(levelOf(name('Smith', 'Mary'), name('Jones', 'Mary'))).toBe('given-only');
    });

    it('misses it when the given names differ', () => {
      expect(levelOf(name('Smith', 'Mary'), name('Jones', 'Alice'))).toBe('different');
    });
  });

  describe('jaro-winkler-mid', () => {
    it('reaches it when both names are ≥ 0.85 alike', () => {
      expect(levelOf(name('Smithers', 'Marian'), name('Smith', 'Marion'))).toBe('jaro-winkler-mid');
    });

    it('misses it when the given names are unalike', () => {
      expect(levelOf(name('Smithers', 'Marian'), name('Smith', 'Mabel'))).toBe('different');
    });
  });

  describe('different', () => {
    it('is reached by unrelated names', () => {
      expect(levelOf(name('Smith', 'John'), name('Brown', 'Alice'))).toBe('different');
    });
  });

  describe('several names', () => {
    it('matches a married woman through her maiden name', () => {
      const married = [name('Jones', 'Mary', 'official'), name('Smith', 'Mary', 'maiden')];
      expect(compareNames(married, [name('Smith', 'Mary')])).toBe('exact');
    });

    it('matches through an old name', () => {
      const renamed = [name('Taylor', 'Alex', 'official'), name('Taylor', 'Alexandra', 'old')];
      expect(compareNames([name('Taylor', 'Alexandra')], renamed)).toBe('exact');
    });

    it('takes the strongest level over every pair', () => {
      const a = [name('Brown', 'Alice'), name('Smith', 'William')];
      const b = [name('Green', 'Zed'), name('Smith', 'Bill')];
      expect(compareNames(a, b)).toBe('nickname');
    });
  });

  describe('missing', () => {
    it('is missing when either side has no names', () => {
      expect(compareNames([], [name('Smith', 'John')])).toBe('missing');
      expect(compareNames([name('Smith', 'John')], [])).toBe('missing');
    });

    it('is missing when no name has both a family and a given name', () => {
      expect(compareNames([name('Smith', '')], [name('Smith', 'John')])).toBe('missing');
      expect(compareNames([name('', 'John')], [name('Smith', 'John')])).toBe('missing');
    });

    it('ignores incomplete names beside complete ones', () => {
      expect(compareNames([name('Smith', ''), name('Smith', 'John')], [name('Smith', 'John')])).toBe('exact');
    });
  });
});
