import { compareGenders } from './gender.comparison';

describe('compareGenders', () => {
  it.each([
    ['male', 'male', 'exact'],
    ['female', 'female', 'exact'],
    ['other', 'other', 'exact'],
    ['male', 'female', 'different'],
    ['other', 'male', 'different'],
    ['female', 'other', 'different'],
    ['unknown', 'male', 'missing'],
    ['female', 'unknown', 'missing'],
    ['unknown', 'unknown', 'missing'],
    ['unknown', 'other', 'missing'],
    [undefined, 'male', 'missing'],
  ] as const)('%s / %s → %s', (a, b, level) => {
    expect(compareGenders(a, b)).toBe(level);
  });
});
