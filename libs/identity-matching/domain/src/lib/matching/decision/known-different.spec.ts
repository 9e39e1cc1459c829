import { isKnownDifferent } from './known-different';

describe('isKnownDifferent', () => {
  const pairs = [['record-1', 'person-a'] as const, ['person-b', 'person-c'] as const];

  it('finds a pair in the order it was recorded', () => {
    expect(isKnownDifferent(pairs, 'record-1', 'person-a')).toBe(true);
  });

  it('finds a pair in the reverse order', () => {
    expect(isKnownDifferent(pairs, 'person-c', 'person-b')).toBe(true);
  });

  it('does not pair ids from different decisions', () => {
    expect(isKnownDifferent(pairs, 'record-1', 'person-c')).toBe(false);
  });

  it('finds nothing when no decision was recorded', () => {
    expect(isKnownDifferent([], 'record-1', 'person-a')).toBe(false);
  });
});
