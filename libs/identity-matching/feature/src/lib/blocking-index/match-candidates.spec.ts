import { mostPromising } from './match-candidates';

describe('mostPromising', () => {
  const hit = (localRecordId: string, identifying = false) => ({ localRecordId, identifying });

  it('puts a record sharing the NHS number first, then those sharing the most keys', () => {
    const hits = [hit('a'), hit('b'), hit('b'), hit('c'), hit('c'), hit('c'), hit('n', true)];
    expect(mostPromising(hits, 10)).toEqual(['n', 'c', 'b', 'a']);
  });

  it('keeps at most the number asked for, and leaves out the record being matched', () => {
    const hits = [hit('self'), hit('self'), hit('a'), hit('b'), hit('b'), hit('c')];
    expect(mostPromising(hits, 2, 'self')).toEqual(['b', 'a']);
  });

  it('breaks ties by id, so the choice never depends on the order of the hits', () => {
    expect(mostPromising([hit('z'), hit('y'), hit('x')], 2)).toEqual(['x', 'y']);
    expect(mostPromising([hit('x'), hit('z'), hit('y')], 2)).toEqual(['x', 'y']);
  });
});
