import { createHash } from 'node:crypto';
import { appendToChain, chainHash, GENESIS_HASH, headOf } from './hash-chain';

const record = (id: string) => ({ recordId: id, outcome: 'permitted' });

describe('chainHash', () => {
  it('is sha256 hex over the previous hash and the canonical JSON', () => {
    const expected = createHash('sha256').update(`${GENESIS_HASH}{"a":1,"b":2}`).digest('hex');
    expect(chainHash(GENESIS_HASH, { b: 2, a: 1 })).toBe(expected);
  });

  it('changes with the record and with the previous hash', () => {
    const base = chainHash(GENESIS_HASH, record('r1'));
    expect(chainHash(GENESIS_HASH, record('r2'))).not.toBe(base);
    expect(chainHash('f'.repeat(64), record('r1'))).not.toBe(base);
  });

  it('does not depend on key order', () => {
    expect(chainHash(GENESIS_HASH, { a: 1, b: 2 })).toBe(chainHash(GENESIS_HASH, { b: 2, a: 1 }));
  });
});

describe('appendToChain', () => {
  it('starts an empty chain at sequence 0 from the genesis hash', () => {
    const [first] = appendToChain(undefined, [record('r1')]);
    expect(first).toEqual({
      sequence: 0,
      previousHash: GENESIS_HASH,
      hash: chainHash(GENESIS_HASH, record('r1')),
      record: record('r1'),
    });
  });

  it('links each entry to the one before it', () => {
    const entries = appendToChain(undefined, [record('r1'), record('r2'), record('r3')]);
    expect(entries.map((entry) => entry.sequence)).toEqual([0, 1, 2]);
    expect(entries[1].previousHash).toBe(entries[0].hash);
    expect(entries[2].previousHash).toBe(entries[1].hash);
  });

  it('continues after a head, as if appended in one go', () => {
    const all = appendToChain(undefined, [record('r1'), record('r2'), record('r3')]);
    const first = appendToChain(undefined, [record('r1')]);
    const rest = appendToChain(headOf(first), [record('r2'), record('r3')]);
    expect([...first, ...rest]).toEqual(all);
  });

  it('appends nothing for no records', () => {
    expect(appendToChain({ sequence: 4, hash: 'h' }, [])).toEqual([]);
  });
});

describe('headOf', () => {
  it('is undefined for an empty chain and the last entry otherwise', () => {
    expect(headOf([])).toBeUndefined();
    const entries = appendToChain(undefined, [record('r1'), record('r2')]);
    expect(headOf(entries)).toEqual({ sequence: 1, hash: entries[1].hash });
  });
});
