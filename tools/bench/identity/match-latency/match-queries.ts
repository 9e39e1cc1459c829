import type { MatchRequestV1 } from '@ilinks/identity-matching/contracts';
import type { LocalRecordFixture } from '../../../identity-data/generate-population';
import { createRandom } from '../../../identity-data/seeded-random';

/** A `$match` query and the true person it describes. */
export interface MatchQuery {
  readonly request: MatchRequestV1;
  readonly truePersonId: string;
  readonly withNhsNumber: boolean;
}

/** The records to index and the queries to ask of them. */
export interface QuerySplit {
  readonly indexed: LocalRecordFixture[];
  readonly queries: MatchQuery[];
}

/**
 * Holds out one record of each of `count` persons who have several, so a query describes a person
 * the index knows through other records, with its own independent errors (as a new partner's
 * record would). Only `nhsShare` of the queries keep their NHS number; the rest ask by
 * demographics alone. Seeded: the same records and seed give the same split.
 */
export function splitQueries(
  records: readonly LocalRecordFixture[],
  count: number,
  nhsShare: number,
  seed: number,
): QuerySplit {
  const random = createRandom(seed);
  const recordCount = new Map<string, number>();
  for (const record of records)
    recordCount.set(record.truePersonId, (recordCount.get(record.truePersonId) ?? 0) + 1);
  const heldOut = new Set<number>();
  const askedAbout = new Set<string>();
  // Records are already shuffled by the generator: the first record met of an eligible person
  // is as good as a random one, and a random start spreads the choice over the population.
  const start = random.int(0, Math.max(0, records.length - 1));
  for (let step = 0; step < records.length && heldOut.size < count; step++) {
    const index = (start + step) % records.length;
    const person = records[index].truePersonId;
    if ((recordCount.get(person) ?? 0) < 2 || askedAbout.has(person)) continue;
    askedAbout.add(person);
    heldOut.add(index);
  }
  const queries = [...heldOut].map((index): MatchQuery => {
    const { nhsNumber, ...demographics } = records[index].demographics;
    const withNhsNumber = nhsNumber !== undefined && random.chance(nhsShare);
    return {
      request: { demographics: withNhsNumber ? { nhsNumber, ...demographics } : demographics, count: 10 },
      truePersonId: records[index].truePersonId,
      withNhsNumber,
    };
  });
  return { indexed: records.filter((_, index) => !heldOut.has(index)), queries };
}
