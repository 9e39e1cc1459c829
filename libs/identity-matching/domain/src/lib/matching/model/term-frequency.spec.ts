import type { Demographics } from '../../local-record.types';
import type { TermFrequencyTables } from './term-frequency';
import {
  buildTermFrequencyTables,
  emptyTermFrequencyTables,
  termFrequencyBaseline,
  termFrequencyFor,
} from './term-frequency';

function record(family: string, postcode?: string): Demographics {
  return {
    names: [{ family, given: ['Alex'] }],
    birthDate: '1980-01-01',
    gender: 'unknown',
    addresses: postcode === undefined ? [] : [{ lines: ['1 High Street'], postcode }],
    telecom: [],
  };
}

const records = [
  record('Smith', 'L8 1AB'),
  record('SMITH', 'l81ab'),
  record('Smith', 'M14 5TQ'),
  record("O'Brien", 'M14 5TQ'),
  record('Obrien'),
  record('Featherstonehaugh', 'LS6 2AB'),
];
const tables = buildTermFrequencyTables(records);
const baseline = { name: (2 / 6) ** 2 + (3 / 6) ** 2, postcode: 2 * (2 / 6) ** 2 };

describe('buildTermFrequencyTables', () => {
  it('gives each repeated family name its share of all records', () => {
    expect(tables.family).toEqual({ obrien: 2 / 6, smith: 3 / 6 });
  });

  it('normalises postcodes before counting', () => {
    expect(tables.postcode).toEqual({ 'L8 1AB': 2 / 6, 'M14 5TQ': 2 / 6 });
  });

  it('leaves out values held by one record only', () => {
    expect(Object.keys(tables.family)).not.toContain('featherstonehaugh');
    expect(Object.keys(tables.postcode)).not.toContain('LS6 2AB');
  });

  it('is empty for no records', () => {
    expect(buildTermFrequencyTables([])).toEqual(emptyTermFrequencyTables());
  });

  it('is plain JSON', () => {
    expect(JSON.parse(JSON.stringify(tables))).toEqual(tables);
  });
});

describe('termFrequencyBaseline', () => {
  it('is the chance two random records share a value: the sum of squared shares', () => {
    const result = termFrequencyBaseline(tables);
    expect(result.name).toBeCloseTo(baseline.name, 12);
    expect(result.postcode).toBeCloseTo(baseline.postcode, 12);
  });

  it('leaves out a field with an empty table', () => {
    expect(termFrequencyBaseline({ family: { smith: 0.5 }, postcode: {} })).toEqual({ name: 0.25 });
  });

  it('gives the same answer when asked again', () => {
    expect(termFrequencyBaseline(tables)).toBe(termFrequencyBaseline(tables));
  });
});

describe('termFrequencyFor', () => {
  it('gives the shares of the agreeing values', () => {
    expect(termFrequencyFor(tables, records[0], records[1])).toEqual({
      name: 0.5,
      postcode: 2 / 6,
      baseline,
    });
  });

  it('takes the commoner of two different values', () => {
    expect(termFrequencyFor(tables, records[3], records[0])).toEqual({
      name: 0.5,
      postcode: 2 / 6,
      baseline,
    });
  });

  it('uses the one known value when the other is unknown', () => {
    expect(termFrequencyFor(tables, record('Featherstonehaugh'), record('Smith'))).toEqual({
      name: 0.5,
      baseline,
    });
  });

  it('is undefined when neither field has a known value', () => {
    expect(termFrequencyFor(tables, records[5], record('Featherstonehaugh', 'LS6 2AB'))).toBeUndefined();
  });

  it('is undefined with empty tables', () => {
    expect(termFrequencyFor(emptyTermFrequencyTables(), records[0], records[1])).toBeUndefined();
  });

  it('ignores inherited properties of the tables', () => {
    const odd: TermFrequencyTables = { family: {}, postcode: {} };
    expect(termFrequencyFor(odd, record('constructor'), record('constructor'))).toBeUndefined();
  });
});
