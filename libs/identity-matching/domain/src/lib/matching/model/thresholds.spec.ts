import { ValidationError } from '@ilinks/shared/kernel';
import { classify, DEFAULT_PROBABILITY_THRESHOLDS, matchGrade, MATCH_GRADE_CUT_OFFS } from './thresholds';

describe('classify', () => {
  const thresholds = { link: 0.99, review: 0.5 };

  it.each([
    [0.999, 'link'],
    [0.99, 'link'],
    [0.98, 'review'],
    [0.5, 'review'],
    [0.49, 'new-person'],
    [0, 'new-person'],
  ] as const)('classifies probability %s as %s', (probability, decision) => {
    expect(classify(probability, thresholds)).toBe(decision);
  });

  it.each([
    [30, 'link'],
    [20, 'link'],
    [10, 'review'],
    [-5, 'new-person'],
  ] as const)('classifies match weight %s bits as %s with thresholds in bits', (weight, decision) => {
    expect(classify(weight, { link: 20, review: 5 })).toBe(decision);
  });

  it('never reviews when both thresholds are equal', () => {
    expect(classify(0.8, { link: 0.8, review: 0.8 })).toBe('link');
    expect(classify(0.79, { link: 0.8, review: 0.8 })).toBe('new-person');
  });

  it('refuses a link threshold below the review threshold', () => {
    expect(() => classify(0.7, { link: 0.5, review: 0.9 })).toThrow(ValidationError);
  });

  it('refuses NaN', () => {
    expect(() => classify(Number.NaN, thresholds)).toThrow(ValidationError);
    expect(() => classify(0.5, { link: Number.NaN, review: 0.5 })).toThrow(ValidationError);
  });

  it('has defaults that link only when near-certain', () => {
    expect(DEFAULT_PROBABILITY_THRESHOLDS).toEqual({ link: 0.99, review: 0.5 });
  });
});

describe('matchGrade', () => {
  it.each([
    [1, 'certain'],
    [0.99, 'certain'],
    [0.989, 'probable'],
    [0.9, 'probable'],
    [0.89, 'possible'],
    [0.5, 'possible'],
    [0.4999, 'certainly-not'],
    [0, 'certainly-not'],
  ] as const)('grades %s as %s', (probability, grade) => {
    expect(matchGrade(probability)).toBe(grade);
  });

  it('documents its cut-offs', () => {
    expect(MATCH_GRADE_CUT_OFFS).toEqual({ certain: 0.99, probable: 0.9, possible: 0.5 });
  });

  it.each([-0.01, 1.01, Number.NaN])('refuses %s', (probability) => {
    expect(() => matchGrade(probability)).toThrow(ValidationError);
  });
});
