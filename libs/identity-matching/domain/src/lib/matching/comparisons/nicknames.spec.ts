import { areNicknames, GIVEN_NAME_ALIAS_GROUPS } from './nicknames';

describe('areNicknames', () => {
  it.each([
    ['William', 'Bill'],
    ['Bill', 'William'],
    ['Will', 'Billy'],
    ['Liam', 'William'],
    ['Elizabeth', 'Liz'],
    ['Beth', 'Betty'],
    ['Lizzie', 'Eliza'],
    ['Margaret', 'Maggie'],
    ['Peggy', 'Meg'],
    ['Robert', 'Bob'],
    ['Rob', 'Bobby'],
    ['Catherine', 'Kate'],
    ['Katie', 'Cathy'],
    ['Katherine', 'Catherine'],
    ['Alexander', 'Alex'],
    ['Sandy', 'Alexander'],
    ['Alex', 'Alexandra'],
    ['Mohammed', 'Muhammad'],
    ['Mohamed', 'Mohammad'],
    ['Richard', 'Dick'],
    ['Edward', 'Ted'],
    ['Stephen', 'Steve'],
    ['Jo-anne', 'Jo'],
    ['BILL', 'william'],
  ])('%s ~ %s', (a, b) => {
    expect(areNicknames(a, b)).toBe(true);
  });

  it.each([
    ['William', 'Robert'],
    ['Bill', 'Bob'],
    ['Liz', 'Maggie'],
    ['Alexander', 'Alexandra'],
    ['Samuel', 'Samantha'],
    ['Christopher', 'Christine'],
    ['Zebedee', 'Zeb'],
  ])('%s is not an alias of %s', (a, b) => {
    expect(areNicknames(a, b)).toBe(false);
  });

  it('does not call a name its own nickname', () => {
    expect(areNicknames('William', 'WILLIAM')).toBe(false);
    expect(areNicknames('Zoë', 'Zoe')).toBe(false);
  });

  it('holds at least 150 groups', () => {
    expect(GIVEN_NAME_ALIAS_GROUPS.length).toBeGreaterThanOrEqual(150);
  });

  it('holds every name as a normalised key', () => {
    const names = GIVEN_NAME_ALIAS_GROUPS.flat();
    expect(names.filter((name) => !/^[a-z]+$/.test(name))).toEqual([]);
  });
});
