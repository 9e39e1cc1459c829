import { ValidationError } from '@ilinks/shared/kernel';
import { COMPARED_FIELDS, COMPARISON_LEVELS } from '../comparison-levels';
import type { MatchModel } from './match-model';
import {
  assertValidMatchModel,
  buildMatchModel,
  defaultMatchModel,
  levelProbabilities,
  levelsOf,
  matchModelProblems,
} from './match-model';

function sumOver(model: MatchModel, field: (typeof COMPARED_FIELDS)[number], kind: 'm' | 'u'): number {
  return levelsOf(field).reduce((total, level) => total + levelProbabilities(model, field, level)[kind], 0);
}

describe('levelsOf', () => {
  it('returns the contract levels of a field, strongest first', () => {
    expect(levelsOf('postcode')).toEqual(COMPARISON_LEVELS.postcode);
    expect(levelsOf('postcode')[0]).toBe('exact');
  });
});

describe('defaultMatchModel', () => {
  it('is a valid model', () => {
    expect(matchModelProblems(defaultMatchModel())).toEqual([]);
  });

  it.each(COMPARED_FIELDS)('has m summing to 1 over the levels of %s', (field) => {
    expect(sumOver(defaultMatchModel(), field, 'm')).toBeCloseTo(1, 12);
  });

  it.each(COMPARED_FIELDS)('has u summing to 1 over the levels of %s', (field) => {
    expect(sumOver(defaultMatchModel(), field, 'u')).toBeCloseTo(1, 12);
  });

  it.each(COMPARED_FIELDS)('makes the strongest level of %s evidence for a match', (field) => {
    const { m, u } = levelProbabilities(defaultMatchModel(), field, levelsOf(field)[0]);
    expect(m).toBeGreaterThan(u);
  });

  it.each(COMPARED_FIELDS.filter((field) => field !== 'phone' && field !== 'email'))(
    'makes disagreement on %s evidence against a match',
    (field) => {
      const { m, u } = levelProbabilities(defaultMatchModel(), field, 'different');
      expect(m).toBeLessThan(u);
    },
  );

  it('gives exact birth date agreement a chance probability of one day in 80 years', () => {
    expect(levelProbabilities(defaultMatchModel(), 'birthDate', 'exact').u).toBeCloseTo(1 / (365 * 80), 12);
  });

  it('treats gender agreement as a coin toss among different people', () => {
    expect(levelProbabilities(defaultMatchModel(), 'gender', 'exact')).toEqual({ m: 0.98, u: 0.5 });
  });

  it('uses the documented name, postcode and phone priors', () => {
    const model = defaultMatchModel();
    expect(levelProbabilities(model, 'name', 'exact').m).toBeCloseTo(0.9, 1);
    expect(levelProbabilities(model, 'name', 'exact').u).toBe(0.01);
    expect(levelProbabilities(model, 'postcode', 'exact')).toEqual({ m: 0.75, u: 0.002 });
    expect(levelProbabilities(model, 'phone', 'exact')).toEqual({ m: 0.5, u: 0.025 });
  });

  it('returns a fresh, equal model each time', () => {
    expect(defaultMatchModel()).toEqual(defaultMatchModel());
    expect(defaultMatchModel()).not.toBe(defaultMatchModel());
  });
});

describe('buildMatchModel', () => {
  it('asks for every level of every field', () => {
    const asked: string[] = [];
    buildMatchModel(0.1, (field, level) => {
      asked.push(`${field}.${level}`);
      return { m: 0.5, u: 0.5 };
    });
    const expected = COMPARED_FIELDS.flatMap((field) => levelsOf(field).map((level) => `${field}.${level}`));
    expect(asked).toEqual(expected);
  });

  it('keeps λ', () => {
    expect(buildMatchModel(0.3, () => ({ m: 0.5, u: 0.5 })).lambda).toBe(0.3);
  });
});

describe('levelProbabilities', () => {
  it('throws a ValidationError for a level the model lacks', () => {
    const model = {
      ...defaultMatchModel(),
      fields: { ...defaultMatchModel().fields, gender: {} },
    } as MatchModel;
    expect(() => levelProbabilities(model, 'gender', 'exact')).toThrow(ValidationError);
  });
});

describe('matchModelProblems', () => {
  const uniform = (lambda: number): MatchModel =>
    buildMatchModel(lambda, (field) => ({ m: 1 / levelsOf(field).length, u: 1 / levelsOf(field).length }));

  it('accepts a uniform model', () => {
    expect(matchModelProblems(uniform(0.5))).toEqual([]);
  });

  it.each([0, 1, -0.1, Number.NaN])('rejects λ = %s', (lambda) => {
    expect(matchModelProblems(uniform(lambda))).toEqual([{ path: 'lambda', message: expect.any(String) }]);
  });

  it('rejects an m of 0, which would make a weight infinite', () => {
    const model = buildMatchModel(0.1, (field, level) =>
      field === 'gender'
        ? { m: level === 'exact' ? 1 : 0, u: 0.5 }
        : levelProbabilities(uniform(0.1), field, level),
    );
    const paths = matchModelProblems(model).map((issue) => issue.path);
    expect(paths).toEqual(['fields.gender.exact.m', 'fields.gender.different.m']);
  });

  it('rejects u that does not sum to 1', () => {
    const model = buildMatchModel(0.1, (field, level) =>
      field === 'phone' ? { m: 0.5, u: 0.4 } : levelProbabilities(uniform(0.1), field, level),
    );
    expect(matchModelProblems(model)).toEqual([{ path: 'fields.phone', message: 'u must sum to 1' }]);
  });

  it('reports a missing level', () => {
    const model = {
      ...uniform(0.1),
      fields: { ...uniform(0.1).fields, email: { exact: { m: 1, u: 1 } } },
    } as MatchModel;
    expect(matchModelProblems(model).map((issue) => issue.path)).toContain('fields.email.different');
  });
});

describe('assertValidMatchModel', () => {
  it('passes a valid model', () => {
    expect(() => assertValidMatchModel(defaultMatchModel())).not.toThrow();
  });

  it('throws a ValidationError carrying the issues', () => {
    const invalid = { ...defaultMatchModel(), lambda: 0 };
    expect(() => assertValidMatchModel(invalid)).toThrow(ValidationError);
    try {
      assertValidMatchModel(invalid);
    } catch (error) {
      expect((error as ValidationError).issues).toEqual([{ path: 'lambda', message: expect.any(String) }]);
    }
  });
});
