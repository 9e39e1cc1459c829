import { chainHash, type ChainEntry, GENESIS_HASH } from './hash-chain';

/** How a chain can break. */
export type ChainProblem = 'altered' | 'missing' | 'out-of-order';

/** The first place a chain is not as it was written. */
export interface ChainBreak {
  /** The chain position that is wrong: the entry there was changed, is absent, or is another's. */
  readonly sequence: number;
  /** The record found at that position (absent when the entry is missing). */
  readonly recordId?: string;
  readonly problem: ChainProblem;
}

export interface ChainVerification {
  readonly verified: boolean;
  /** Entries checked and found sound (all of them when verified). */
  readonly records: number;
  /** Hash of the last sound entry; undefined when there is none. */
  readonly headHash?: string;
  readonly firstBreak?: ChainBreak;
}

/**
 * Walks a chain in stored order from the genesis hash and reports the first break:
 * - `missing`: the sequence expected next is absent from the whole list (a deleted entry);
 * - `out-of-order`: another entry stands where the expected sequence should be, and the expected
 *   one appears elsewhere (entries moved or duplicated);
 * - `altered`: the entry's `previousHash` is not the hash before it, or its `hash` is not the hash
 *   of its record (the record or the chain fields were changed).
 * `recordIdOf` names the record in the report (never its content).
 */
export function verifyChain<R>(
  entries: readonly ChainEntry<R>[],
  recordIdOf: (record: R) => string | undefined = () => undefined,
): ChainVerification {
  const present = new Set(entries.map((entry) => entry.sequence));
  let previousHash = GENESIS_HASH;
  for (let expected = 0; expected < entries.length; expected += 1) {
    const entry = entries[expected];
    const sound = expected === 0 ? {} : { headHash: previousHash };
    const at = (problem: ChainProblem, recordId?: string): ChainVerification => ({
      verified: false,
      records: expected,
      ...sound,
      firstBreak: { sequence: expected, ...(recordId === undefined ? {} : { recordId }), problem },
    });
    if (entry.sequence !== expected) {
      if (!present.has(expected) && entry.sequence > expected) return at('missing');
      return at('out-of-order', recordIdOf(entry.record));
    }
    if (entry.previousHash !== previousHash || chainHash(previousHash, entry.record) !== entry.hash) {
      return at('altered', recordIdOf(entry.record));
    }
    previousHash = entry.hash;
  }
  return {
    verified: true,
    records: entries.length,
    ...(entries.length > 0 ? { headHash: previousHash } : {}),
  };
}
