import { ValidationError } from '@ilinks/shared/kernel';
import { COMPARED_FIELDS } from '../comparison-levels';
import type { ComparisonVector } from '../comparison-levels';
import type { MatchModel } from './match-model';
import {
  buildMatchModel,
  defaultMatchModel,
  levelProbabilities,
  levelsOf,
  matchModelProblems,
} from './match-model';
import { estimateModel, logLikelihoodOf } from './em';
import { mulberry32 } from './seeded-random';
import { sampleComparisonVectors } from './synthetic-vectors';
import { FULL_AGREEMENT, vectorOf } from './test-vectors';

/** A model whose strongest level carries `agree` of m, the last level `disagree` of u, the rest shared. */
function shapedModel(lambda: number, agree: number, disagree: number): MatchModel {
  return buildMatchModel(lambda, (field, level) => {
    const levels = levelsOf(field);
    const others = levels.length - 1;
    const index = levels.indexOf(level);
    return {
      m: index === 0 ? agree : (1 - agree) / others,
      u: index === others ? disagree : (1 - disagree) / others,
    };
  });
}

const truth = shapedModel(0.2, 0.85, 0.7);
const perturbedStart = shapedModel(0.1, 0.6, 0.5);
const options = { maxIterations: 500, tolerance: 1e-6 };
const vectors = sampleComparisonVectors(truth, 20_000, mulberry32(42)).map((pair) => pair.vector);

function largestError(estimated: MatchModel, expected: MatchModel, kind: 'm' | 'u'): number {
  return Math.max(
    ...COMPARED_FIELDS.flatMap((field) =>
      levelsOf(field).map((level) =>
        Math.abs(
          levelProbabilities(estimated, field, level)[kind] -
            levelProbabilities(expected, field, level)[kind],
        ),
      ),
    ),
  );
}

function allProbabilities(model: MatchModel): number[] {
  return [
    model.lambda,
    ...COMPARED_FIELDS.flatMap((field) =>
      levelsOf(field).flatMap((level) => Object.values(levelProbabilities(model, field, level))),
    ),
  ];
}

describe('estimateModel recovering a known model', () => {
  const result = estimateModel(vectors, perturbedStart, options);

  it('converges', () => {
    expect(result.converged).toBe(true);
    expect(result.iterations).toBeLessThan(options.maxIterations);
  });

  it('recovers λ', () => {
    expect(Math.abs(result.model.lambda - truth.lambda)).toBeLessThan(0.01);
  });

  it('recovers every m', () => {
    expect(largestError(result.model, truth, 'm')).toBeLessThan(0.02);
  });

  it('recovers every u', () => {
    expect(largestError(result.model, truth, 'u')).toBeLessThan(0.02);
  });

  it('returns a valid model', () => {
    expect(matchModelProblems(result.model)).toEqual([]);
  });

  it('raises the likelihood above the start', () => {
    expect(result.logLikelihood).toBeGreaterThan(logLikelihoodOf(perturbedStart, vectors));
  });

  it('reports the likelihood of the model it returns', () => {
    expect(result.logLikelihood).toBeCloseTo(logLikelihoodOf(result.model, vectors), 6);
  });

  it('is deterministic', () => {
    expect(estimateModel(vectors, perturbedStart, options)).toEqual(result);
  });
});

describe('estimateModel with missing fields', () => {
  it('still recovers the model when a field is often missing', () => {
    const sample = sampleComparisonVectors(truth, 20_000, mulberry32(9), {
      missingRate: { email: 0.4, phone: 0.2 },
    });
    const result = estimateModel(
      sample.map((pair) => pair.vector),
      perturbedStart,
      options,
    );
    expect(largestError(result.model, truth, 'm')).toBeLessThan(0.03);
    expect(Math.abs(result.model.lambda - truth.lambda)).toBeLessThan(0.01);
  });

  it('keeps the initial values of a field that is never observed', () => {
    const withoutPhone = vectors.map((vector) => ({ ...vector, phone: 'missing' as const }));
    const result = estimateModel(withoutPhone, perturbedStart, options);
    expect(result.model.fields.phone).toEqual(perturbedStart.fields.phone);
  });
});

describe('estimateModel with fixed u', () => {
  const uFromTruth = buildMatchModel(0.1, (field, level) => ({
    m: levelProbabilities(perturbedStart, field, level).m,
    u: levelProbabilities(truth, field, level).u,
  }));
  const result = estimateModel(vectors, uFromTruth, { ...options, fixedU: true });

  it('leaves every u exactly as given', () => {
    expect(largestError(result.model, uFromTruth, 'u')).toBe(0);
  });

  it('learns m and λ', () => {
    expect(largestError(result.model, truth, 'm')).toBeLessThan(0.02);
    expect(Math.abs(result.model.lambda - truth.lambda)).toBeLessThan(0.01);
  });
});

describe('estimateModel stopping', () => {
  it('reports no convergence when stopped by maxIterations', () => {
    const result = estimateModel(vectors, perturbedStart, { maxIterations: 1, tolerance: 1e-12 });
    expect(result).toMatchObject({ iterations: 1, converged: false });
  });

  it('keeps the initial model for no vectors and calls it converged', () => {
    const result = estimateModel([], defaultMatchModel(), options);
    expect(result).toEqual({ model: defaultMatchModel(), iterations: 1, converged: true, logLikelihood: 0 });
  });
});

describe('estimateModel smoothing', () => {
  const identical: ComparisonVector[] = Array.from({ length: 1_000 }, () => FULL_AGREEMENT);

  it('never yields a probability of 0 or 1, even when every pair agrees on everything', () => {
    const result = estimateModel(identical, defaultMatchModel(), options);
    for (const probability of allProbabilities(result.model)) {
      expect(probability).toBeGreaterThan(0);
      expect(probability).toBeLessThan(1);
    }
  });

  it('never yields 0 or 1 with a very light pseudo-count either', () => {
    const result = estimateModel(identical, defaultMatchModel(), { ...options, pseudoCount: 1e-6 });
    expect(matchModelProblems(result.model)).toEqual([]);
  });
});

describe('estimateModel refusing bad input', () => {
  it.each([
    ['maxIterations 0', { maxIterations: 0, tolerance: 1e-6 }],
    ['fractional maxIterations', { maxIterations: 2.5, tolerance: 1e-6 }],
    ['tolerance 0', { maxIterations: 10, tolerance: 0 }],
    ['negative pseudoCount', { maxIterations: 10, tolerance: 1e-6, pseudoCount: -1 }],
  ])('refuses %s', (_, badOptions) => {
    expect(() => estimateModel(vectors, defaultMatchModel(), badOptions)).toThrow(ValidationError);
  });

  it('refuses an invalid initial model', () => {
    expect(() => estimateModel(vectors, { ...defaultMatchModel(), lambda: 1 }, options)).toThrow(
      ValidationError,
    );
  });
});

describe('logLikelihoodOf', () => {
  it('is 0 for a vector with no evidence (its probability is 1)', () => {
    expect(logLikelihoodOf(defaultMatchModel(), [vectorOf({})])).toBeCloseTo(0, 12);
  });

  it('is the log of the mixture probability', () => {
    const model = defaultMatchModel();
    const { m, u } = levelProbabilities(model, 'gender', 'exact');
    const expected = Math.log(model.lambda * m + (1 - model.lambda) * u);
    expect(logLikelihoodOf(model, [vectorOf({ gender: 'exact' })])).toBeCloseTo(expected, 12);
  });

  it('adds over vectors', () => {
    const model = defaultMatchModel();
    const one = logLikelihoodOf(model, [FULL_AGREEMENT]);
    expect(logLikelihoodOf(model, [FULL_AGREEMENT, FULL_AGREEMENT])).toBeCloseTo(2 * one, 9);
  });
});
