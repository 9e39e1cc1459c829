import { createHash } from 'node:crypto';
import { canonicalJson } from '@ilinks/shared/kernel';

/** The `previousHash` of the first entry of a trail: 64 zeros, a hash no record can have. */
export const GENESIS_HASH = '0'.repeat(64);

/** One record in its place in the hash chain. */
export interface ChainEntry<R = unknown> {
  /** 0-based position in the chain. */
  readonly sequence: number;
  readonly previousHash: string;
  /** {@link chainHash} of `previousHash` and `record`. */
  readonly hash: string;
  readonly record: R;
}

/** Where a chain ends: its last entry's sequence and hash. Undefined for an empty chain. */
export interface ChainHead {
  readonly sequence: number;
  readonly hash: string;
}

/**
 * sha256 (hex) over the previous entry's hash followed by the record's canonical JSON. Changing
 * any field of a record, or the record before it, changes its hash. Deterministic: no clock, no salt.
 */
export function chainHash(previousHash: string, record: unknown): string {
  return createHash('sha256')
    .update(previousHash, 'utf8')
    .update(canonicalJson(record), 'utf8')
    .digest('hex');
}

/** The head of a chain of these entries (undefined when there are none). */
export function headOf(entries: readonly ChainEntry[]): ChainHead | undefined {
  const last = entries[entries.length - 1];
  return last && { sequence: last.sequence, hash: last.hash };
}

/** Chains `records`, in order, after `head` (or from the genesis hash when the chain is empty). */
export function appendToChain<R>(head: ChainHead | undefined, records: readonly R[]): ChainEntry<R>[] {
  const entries: ChainEntry<R>[] = [];
  let sequence = head ? head.sequence + 1 : 0;
  let previousHash = head ? head.hash : GENESIS_HASH;
  for (const record of records) {
    const hash = chainHash(previousHash, record);
    entries.push({ sequence, previousHash, hash, record });
    sequence += 1;
    previousHash = hash;
  }
  return entries;
}
