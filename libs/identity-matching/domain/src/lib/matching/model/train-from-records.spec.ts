import { ValidationError } from '@ilinks/shared/kernel';
import type { Demographics } from '../../local-record.types';
import { defaultMatchModel, matchModelProblems } from './match-model';
import { syntheticRecords } from './synthetic-records';
import type { TrainFromRecordsOptions } from './train-from-records';
import { estimateLambdaFromCandidates, trainMatchModelFromRecords } from './train-from-records';

const FAST: TrainFromRecordsOptions = { randomPairs: 3000, seed: 3 };
const records = syntheticRecords(300, 11);
const trained = trainMatchModelFromRecords(records, FAST);

describe('trainMatchModelFromRecords', () => {
  describe('with enough records', () => {
    it('learns rather than keeping the prior', () => {
      expect(trained.coldStart).toBe(false);
      expect(trained.model).not.toEqual(defaultMatchModel());
    });

    it('returns a valid model whose λ it reports', () => {
      expect(matchModelProblems(trained.model)).toEqual([]);
      expect(trained.lambda).toBe(trained.model.lambda);
    });

    it('counts the records and candidate pairs', () => {
      expect(trained.records).toBe(records.length);
      expect(trained.candidatePairs).toBeGreaterThan(0);
    });

    it('reports an EM run per blocking rule that produced pairs', () => {
      expect(trained.perRule.map((run) => run.rule).sort()).toEqual(['dob', 'nm', 'pc', 'sx']);
    });

    it('gives the same model for the same records and seed', () => {
      expect(trainMatchModelFromRecords(records, FAST)).toEqual(trained);
    });

    it('draws other random pairs for another seed', () => {
      const other = trainMatchModelFromRecords(records, { ...FAST, seed: 4 });
      expect(other.model.fields.name.different.u).not.toBe(trained.model.fields.name.different.u);
    });

    it('survives a JSON round trip unchanged', () => {
      expect(JSON.parse(JSON.stringify(trained))).toEqual(trained);
    });

    it('keeps only values held by at least two records in its term-frequency tables', () => {
      for (const table of [trained.termFrequencies.family, trained.termFrequencies.postcode]) {
        expect(Object.keys(table).length).toBeLessThanOrEqual(records.length / 2);
        for (const share of Object.values(table)) expect(share).toBeGreaterThanOrEqual(2 / records.length);
      }
    });

    it('estimates λ from its own expected matches among the candidates when no NHS number is shared', () => {
      expect(trained.lambda).not.toBeCloseTo(1 / (records.length - 1), 6);
      expect(trained.lambda).toBeLessThan(
        trained.candidatePairs / ((records.length * (records.length - 1)) / 2),
      );
    });

    it('estimates λ from shared valid NHS numbers when there are some', () => {
      const withNhs: Demographics[] = records.map((record, index) =>
        index < 40 ? { ...record, nhsNumber: '943 476 5919' } : record,
      );
      const result = trainMatchModelFromRecords(withNhs, FAST);
      expect(result.lambda).not.toBeCloseTo(1 / (records.length - 1), 12);
      expect(result.perRule.map((run) => run.rule)).toContain('nhs');
    });

    it('caps the random pairs at the number of distinct pairs', () => {
      const three = records.slice(0, 3);
      const result = trainMatchModelFromRecords([three[0], three[0], three[1]], {
        randomPairs: 1_000_000,
        minRecords: 0,
      });
      expect(result.coldStart).toBe(false);
    });
  });

  describe('cold start', () => {
    it('keeps the prior unchanged below the minimum number of records', () => {
      const prior = defaultMatchModel();
      const result = trainMatchModelFromRecords(records.slice(0, 150), { ...FAST, prior });
      expect(result).toEqual({
        model: prior,
        lambda: prior.lambda,
        perRule: [],
        candidatePairs: 0,
        records: 150,
        termFrequencies: { family: {}, postcode: {} },
        coldStart: true,
      });
      expect(result.model).toBe(prior);
    });

    it('keeps the prior when blocking finds no pair', () => {
      const result = trainMatchModelFromRecords(records, { ...FAST, maxBlockSize: 1 });
      expect(result.coldStart).toBe(true);
      expect(result.candidatePairs).toBe(0);
    });

    it('keeps the prior for no records at all', () => {
      expect(trainMatchModelFromRecords([]).coldStart).toBe(true);
    });
  });

  describe('refuses invalid options', () => {
    it.each<[string, TrainFromRecordsOptions]>([
      ['negative random pairs', { randomPairs: -1 }],
      ['fractional block size', { maxBlockSize: 2.5 }],
      ['negative minimum', { minRecords: -5 }],
    ])('%s', (_, options) => {
      expect(() => trainMatchModelFromRecords(records, options)).toThrow(ValidationError);
    });
  });
});

describe('estimateLambdaFromCandidates', () => {
  const allPairsOf10 = 45;

  it('counts candidates that are certain matches over all pairs', () => {
    expect(estimateLambdaFromCandidates([200, 200, 200], 10, 0.01)).toBeCloseTo(3 / allPairsOf10, 9);
  });

  it('counts none when every candidate is a certain non-match', () => {
    expect(estimateLambdaFromCandidates([-200, -200], 1000, 0.01)).toBeLessThan(1e-5);
  });

  it('reaches a fixed point: λ equals the expected matches it implies', () => {
    const weights = [12, 8, 3, -2, -9];
    const lambda = estimateLambdaFromCandidates(weights, 10, 1 / 9);
    const expected = weights.reduce(
      (total, weight) => total + 1 / (1 + 2 ** -(Math.log2(lambda / (1 - lambda)) + weight)),
      0,
    );
    expect(lambda).toBeCloseTo(expected / allPairsOf10, 4);
  });

  it('stays strictly between 0 and 1', () => {
    const lambda = estimateLambdaFromCandidates([], 10, 0.5);
    expect(lambda).toBeGreaterThan(0);
    expect(lambda).toBeLessThan(1);
  });
});
