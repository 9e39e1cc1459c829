import type { Population, RecordError } from './generate-population';

/** Counts worth printing after a run, and handy for eyeballing a generated file. */
export interface PopulationSummary {
  readonly persons: number;
  readonly records: number;
  readonly recordsWithNhsNumber: number;
  /** Persons who are the second of a pair of twins, i.e. the number of pairs. */
  readonly twinPairs: number;
  readonly namesakes: number;
  readonly recordsByOrganisation: Readonly<Record<string, number>>;
  readonly errors: Readonly<Partial<Record<RecordError, number>>>;
  /** Pairs of records that belong to the same person: the positives a matcher should find. */
  readonly truePairs: number;
}

const increment = <K extends string>(counts: Partial<Record<K, number>>, key: K): void => {
  counts[key] = (counts[key] ?? 0) + 1;
};

/** Counts of persons, records, hard cases and applied errors. */
export function summarisePopulation(population: Population): PopulationSummary {
  const recordsByOrganisation: Record<string, number> = {};
  const errors: Partial<Record<RecordError, number>> = {};
  const recordsByPerson: Record<string, number> = {};
  for (const record of population.records) {
    increment(recordsByOrganisation, record.organisation);
    increment(recordsByPerson, record.truePersonId);
    record.errors.forEach((kind) => increment(errors, kind));
  }
  return {
    persons: population.persons.length,
    records: population.records.length,
    recordsWithNhsNumber: population.records.filter((record) => record.demographics.nhsNumber !== undefined)
      .length,
    twinPairs: population.persons.filter((person) => person.twinOf !== undefined).length,
    namesakes: population.persons.filter((person) => person.namesakeOf !== undefined).length,
    recordsByOrganisation,
    errors,
    truePairs: Object.values(recordsByPerson).reduce((pairs, count) => pairs + (count * (count - 1)) / 2, 0),
  };
}
