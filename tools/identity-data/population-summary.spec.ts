import { generatePopulation } from './generate-population';
import { summarisePopulation } from './population-summary';

describe('summarisePopulation', () => {
  const population = generatePopulation({ persons: 400, twinRate: 0.2 }, 5);
  const summary = summarisePopulation(population);

  it('counts persons and records', () => {
    expect(summary.persons).toBe(400);
    expect(summary.records).toBe(population.records.length);
  });

  it('shares the records out between organisations', () => {
    const total = Object.values(summary.recordsByOrganisation).reduce((sum, count) => sum + count, 0);
    expect(total).toBe(summary.records);
  });

  it('counts the pairs of twins', () => {
    expect(summary.twinPairs).toBe(population.persons.filter((person) => person.twinOf).length);
    expect(summary.twinPairs).toBeGreaterThan(0);
  });

  it('counts the missing NHS numbers as an error', () => {
    expect(summary.recordsWithNhsNumber + (summary.errors.nhsNumberMissing ?? 0)).toBeLessThanOrEqual(
      summary.records,
    );
  });

  it('counts one true pair per two records of the same person', () => {
    const tiny = summarisePopulation({
      persons: [],
      records: ['a', 'a', 'a', 'b'].map((truePersonId) => ({ ...population.records[0], truePersonId })),
    });
    expect(tiny.truePairs).toBe(3);
  });
});
