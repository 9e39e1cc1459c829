import { appendToChain, type ChainEntry } from './hash-chain';
import { verifyChain } from './verify-chain';

interface TestRecord {
  readonly recordId: string;
  readonly outcome: string;
}

const chain = (count: number): ChainEntry<TestRecord>[] =>
  appendToChain(
    undefined,
    Array.from({ length: count }, (_, index) => ({ recordId: `r${index}`, outcome: 'permitted' })),
  );
const idOf = (record: TestRecord) => record.recordId;

describe('verifyChain', () => {
  it('verifies an empty chain', () => {
    expect(verifyChain([])).toEqual({ verified: true, records: 0 });
  });

  it('verifies an intact chain and reports its head hash', () => {
    const entries = chain(5);
    expect(verifyChain(entries, idOf)).toEqual({ verified: true, records: 5, headHash: entries[4].hash });
  });

  it('finds an altered record at its sequence', () => {
    const entries = chain(5);
    entries[2] = { ...entries[2], record: { ...entries[2].record, outcome: 'denied' } };
    expect(verifyChain(entries, idOf)).toEqual({
      verified: false,
      records: 2,
      headHash: entries[1].hash,
      firstBreak: { sequence: 2, recordId: 'r2', problem: 'altered' },
    });
  });

  it('finds an altered first record', () => {
    const entries = chain(3);
    entries[0] = { ...entries[0], record: { recordId: 'r0', outcome: 'filtered' } };
    const result = verifyChain(entries, idOf);
    expect(result.firstBreak).toEqual({ sequence: 0, recordId: 'r0', problem: 'altered' });
    expect(result.headHash).toBeUndefined();
  });

  it('finds a record whose hash was recomputed after the change at the next link', () => {
    const entries = chain(4);
    const forged = appendToChain({ sequence: 0, hash: entries[0].hash }, [
      { recordId: 'r1', outcome: 'x' },
    ])[0];
    entries[1] = forged;
    expect(verifyChain(entries, idOf).firstBreak).toEqual({
      sequence: 2,
      recordId: 'r2',
      problem: 'altered',
    });
  });

  it('finds a changed hash or previous hash', () => {
    const entries = chain(3);
    entries[1] = { ...entries[1], hash: 'f'.repeat(64) };
    expect(verifyChain(entries, idOf).firstBreak).toEqual({
      sequence: 1,
      recordId: 'r1',
      problem: 'altered',
    });
    const others = chain(3);
    others[1] = { ...others[1], previousHash: 'e'.repeat(64) };
    expect(verifyChain(others, idOf).firstBreak).toEqual({ sequence: 1, recordId: 'r1', problem: 'altered' });
  });

  it('finds a dropped record at the missing sequence', () => {
    const entries = chain(5);
    entries.splice(3, 1);
    expect(verifyChain(entries, idOf)).toEqual({
      verified: false,
      records: 3,
      headHash: entries[2].hash,
      firstBreak: { sequence: 3, problem: 'missing' },
    });
  });

  it('finds a dropped first record', () => {
    expect(verifyChain(chain(3).slice(1), idOf).firstBreak).toEqual({ sequence: 0, problem: 'missing' });
  });

  it('finds two swapped records at the first of the two positions', () => {
    const entries = chain(5);
    [entries[1], entries[2]] = [entries[2], entries[1]];
    expect(verifyChain(entries, idOf).firstBreak).toEqual({
      sequence: 1,
      recordId: 'r2',
      problem: 'out-of-order',
    });
  });

  it('finds a repeated sequence as out of order', () => {
    const entries = chain(3);
    entries.splice(2, 0, entries[1]);
    expect(verifyChain(entries, idOf).firstBreak).toEqual({
      sequence: 2,
      recordId: 'r1',
      problem: 'out-of-order',
    });
  });

  it('names no record when no namer is given', () => {
    const entries = chain(2);
    entries[1] = { ...entries[1], record: { recordId: 'r1', outcome: 'x' } };
    expect(verifyChain(entries).firstBreak).toEqual({ sequence: 1, problem: 'altered' });
  });
});
