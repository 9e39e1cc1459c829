import type { Demographics } from '../../local-record.types';
import { findCandidatePairs, pairId, pairIndices } from './candidate-pairs';

function record(family: string, birthDate: string, postcode: string, nhsNumber?: string): Demographics {
  return {
    nhsNumber,
    names: [{ family, given: ['Alex'] }],
    birthDate,
    gender: 'unknown',
    addresses: [{ lines: ['1 High Street'], postcode }],
    telecom: [],
  };
}

describe('pairId and pairIndices', () => {
  it('gives one id for both orders of a pair', () => {
    expect(pairId(2, 7, 10)).toBe(pairId(7, 2, 10));
  });

  it('round-trips to the indices, smaller first', () => {
    expect(pairIndices(pairId(7, 2, 10), 10)).toEqual([2, 7]);
  });
});

describe('findCandidatePairs', () => {
  const records = [
    record('Smith', '1980-01-01', 'L8 1AB'),
    record('Smith', '1980-01-01', 'M14 5TQ'),
    record('Jones', '1990-05-05', 'M14 5TQ'),
    record('Patel', '1970-07-07', 'LS6 2AB'),
  ];

  it('pairs records sharing a key, each pair once', () => {
    const { pairs } = findCandidatePairs(records);
    expect([...pairs].sort((a, b) => a - b)).toEqual([pairId(0, 1, 4), pairId(1, 2, 4)]);
  });

  it('groups pairs by the rule that produced them', () => {
    const { byRule } = findCandidatePairs(records);
    expect([...(byRule.get('dob') ?? [])]).toEqual([pairId(0, 1, 4)]);
    expect([...(byRule.get('sx') ?? [])]).toEqual([pairId(0, 1, 4)]);
    expect([...(byRule.get('pc') ?? [])]).toEqual([pairId(1, 2, 4)]);
  });

  it('skips blocks larger than the cap and counts them', () => {
    const crowd = Array.from({ length: 5 }, (_, index) =>
      record(['Smith', 'Jones', 'Patel', 'Brown', 'Nowak'][index], `19${50 + index}-01-01`, 'L8 1AB'),
    );
    const result = findCandidatePairs(crowd, 4);
    expect(result.pairs).toEqual([]);
    expect(result.skippedBlocks).toBe(1);
  });

  it('keeps a block exactly at the cap', () => {
    expect(findCandidatePairs(records.slice(0, 2), 2).pairs).toHaveLength(1);
  });

  it('finds nothing among no records', () => {
    expect(findCandidatePairs([])).toEqual({ pairs: [], byRule: new Map(), skippedBlocks: 0 });
  });
});
