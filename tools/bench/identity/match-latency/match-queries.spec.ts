import { generatePopulation } from '../../../identity-data/generate-population';
import { splitQueries } from './match-queries';

const { records } = generatePopulation({ persons: 300 }, 7);

describe('splitQueries', () => {
  it('holds out one record of each queried person and indexes the rest', () => {
    const { indexed, queries } = splitQueries(records, 50, 0.25, 1);
    expect(queries).toHaveLength(50);
    expect(indexed).toHaveLength(records.length - 50);
    expect(new Set(queries.map((query) => query.truePersonId)).size).toBe(50);
  });
  it('asks only about persons the index still knows', () => {
    const { indexed, queries } = splitQueries(records, 50, 0.25, 1);
    const known = new Set(indexed.map((record) => record.truePersonId));
    expect(queries.every((query) => known.has(query.truePersonId))).toBe(true);
  });
  it('keeps the NHS number on about the share asked, and only when flagged', () => {
    const { queries } = splitQueries(records, 100, 0.25, 1);
    const withNhs = queries.filter((query) => query.request.demographics.nhsNumber !== undefined);
    expect(withNhs.every((query) => query.withNhsNumber)).toBe(true);
    expect(withNhs.length).toBeGreaterThan(5);
    expect(withNhs.length).toBeLessThan(45);
  });
  it('drops every NHS number at a share of 0', () => {
    const { queries } = splitQueries(records, 30, 0, 1);
    expect(queries.some((query) => query.request.demographics.nhsNumber !== undefined)).toBe(false);
  });
  it('is the same for the same seed', () => {
    expect(splitQueries(records, 20, 0.25, 3)).toEqual(splitQueries(records, 20, 0.25, 3));
  });
});
