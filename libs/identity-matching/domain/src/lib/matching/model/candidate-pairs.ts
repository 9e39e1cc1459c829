import type { Demographics } from '../../local-record.types';
import { blockingKeys } from './blocking';

/** Default cap on the size of one block (records sharing one blocking key). */
export const DEFAULT_MAX_BLOCK_SIZE = 500;

/** The record pairs blocking proposes for comparison, each pair once. */
export interface CandidatePairs {
  /** Pair ids (see {@link pairId}), each once, in the order blocking first met them. */
  readonly pairs: readonly number[];
  /** Pair ids by the blocking rule (key prefix, e.g. `dob`) that produced them; a pair can have several. */
  readonly byRule: ReadonlyMap<string, ReadonlySet<number>>;
  /** Blocks left out for holding more than the cap. */
  readonly skippedBlocks: number;
}

/** One unordered pair of record indices as one number (smaller index first); exact below 2^53. */
export function pairId(i: number, j: number, recordCount: number): number {
  return i < j ? i * recordCount + j : j * recordCount + i;
}

/** The two record indices of a {@link pairId}, smaller first. */
export function pairIndices(id: number, recordCount: number): readonly [number, number] {
  return [Math.floor(id / recordCount), id % recordCount];
}

/**
 * Every pair of records sharing at least one blocking key (see {@link blockingKeys}), grouped by rule.
 * A block larger than `maxBlockSize` (default {@link DEFAULT_MAX_BLOCK_SIZE}) is skipped: its pairs
 * grow with the square of its size and a key that common (a placeholder birth date, a care home's
 * postcode) says little; those records can still meet through their other keys.
 */
export function findCandidatePairs(
  records: readonly Demographics[],
  maxBlockSize: number = DEFAULT_MAX_BLOCK_SIZE,
): CandidatePairs {
  const byKey = new Map<string, number[]>();
  records.forEach((record, index) => {
    for (const key of blockingKeys(record)) {
      const block = byKey.get(key);
      if (block === undefined) byKey.set(key, [index]);
      else block.push(index);
    }
  });
  const pairs = new Set<number>();
  const byRule = new Map<string, Set<number>>();
  let skippedBlocks = 0;
  for (const [key, block] of byKey) {
    if (block.length > maxBlockSize) {
      skippedBlocks += 1;
      continue;
    }
    const rule = key.slice(0, key.indexOf(':'));
    const rulePairs = byRule.get(rule) ?? new Set<number>();
    byRule.set(rule, rulePairs);
    for (let a = 0; a < block.length; a++)
      for (let b = a + 1; b < block.length; b++) {
        const id = pairId(block[a], block[b], records.length);
        pairs.add(id);
        rulePairs.add(id);
      }
  }
  return { pairs: [...pairs], byRule, skippedBlocks };
}
