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
 * Where a walk along the chain has got to: entries are fed one at a time (`stepChainWalk`), so a
 * trail of any length is verified in constant memory.
 */
export interface ChainWalk {
  /** Entries found sound so far; also the sequence expected next. */
  readonly checked: number;
  readonly previousHash: string;
  /**
   * Another entry stood where `checked` was expected: `missing` unless the expected one turns up
   * later (then `out-of-order`); decided by the rest of the walk.
   */
  readonly gapAt?: { readonly recordId?: string };
  readonly firstBreak?: ChainBreak;
}

export const CHAIN_WALK_START: ChainWalk = { checked: 0, previousHash: GENESIS_HASH };

/**
 * Feeds the next stored entry to the walk. The first break found is final:
 * - `missing`: the sequence expected next is absent from the whole trail (a deleted entry);
 * - `out-of-order`: another entry stands where the expected sequence should be, and the expected
 *   one appears elsewhere (entries moved or duplicated);
 * - `altered`: the entry's `previousHash` is not the hash before it, or its `hash` is not the hash
 *   of its record (the record or the chain fields were changed).
 * `recordIdOf` names the record in the report (never its content).
 */
export function stepChainWalk<R>(
  walk: ChainWalk,
  entry: ChainEntry<R>,
  recordIdOf: (record: R) => string | undefined = () => undefined,
): ChainWalk {
  if (walk.firstBreak) return walk;
  const expected = walk.checked;
  if (walk.gapAt) {
    return entry.sequence === expected ? brokenAt(walk, 'out-of-order', walk.gapAt.recordId) : walk;
  }
  if (entry.sequence !== expected) {
    const recordId = recordIdOf(entry.record);
    if (entry.sequence > expected) return { ...walk, gapAt: recordId === undefined ? {} : { recordId } };
    return brokenAt(walk, 'out-of-order', recordId);
  }
  if (entry.previousHash !== walk.previousHash || chainHash(walk.previousHash, entry.record) !== entry.hash) {
    return brokenAt(walk, 'altered', recordIdOf(entry.record));
  }
  return { checked: expected + 1, previousHash: entry.hash };
}

/** Whether feeding more entries can change the outcome. */
export function isChainWalkDecided(walk: ChainWalk): boolean {
  return walk.firstBreak !== undefined;
}

/** The outcome once every entry has been fed. */
export function finishChainWalk(walk: ChainWalk): ChainVerification {
  const settled = walk.gapAt && !walk.firstBreak ? brokenAt(walk, 'missing') : walk;
  const sound = settled.checked > 0 ? { headHash: settled.previousHash } : {};
  if (settled.firstBreak)
    return { verified: false, records: settled.checked, ...sound, firstBreak: settled.firstBreak };
  return { verified: true, records: settled.checked, ...sound };
}

function brokenAt(walk: ChainWalk, problem: ChainProblem, recordId?: string): ChainWalk {
  return {
    checked: walk.checked,
    previousHash: walk.previousHash,
    firstBreak: { sequence: walk.checked, ...(recordId === undefined ? {} : { recordId }), problem },
  };
}

/** Walks a whole chain held in memory (see `stepChainWalk` for what each break means). */
export function verifyChain<R>(
  entries: readonly ChainEntry<R>[],
  recordIdOf: (record: R) => string | undefined = () => undefined,
): ChainVerification {
  let walk = CHAIN_WALK_START;
  for (const entry of entries) {
    walk = stepChainWalk(walk, entry, recordIdOf);
    if (isChainWalkDecided(walk)) break;
  }
  return finishChainWalk(walk);
}
