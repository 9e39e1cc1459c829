import { copyIdFor, letterIdFor, letterStream } from './letter.ids';
import { letterContentHash } from './letter.rules';

describe('letter ids', () => {
  it('names the same letter for the same organisation and document', () => {
    expect(letterIdFor('RXH01', 'doc-1')).toBe(letterIdFor('RXH01', 'doc-1'));
    expect(letterIdFor('RXH01', 'doc-1')).not.toBe(letterIdFor('RXA01', 'doc-1'));
  });

  it('tells copies apart by organisation, team and practitioner', () => {
    const letterId = letterIdFor('RXH01', 'doc-1');
    const ids = new Set([
      copyIdFor(letterId, { organisation: 'Y01234' }),
      copyIdFor(letterId, { organisation: 'Y01234', team: 'a' }),
      copyIdFor(letterId, { organisation: 'Y01234', practitioner: 'a' }),
    ]);
    expect(ids.size).toBe(3);
    expect(copyIdFor(letterId, { organisation: 'Y01234', team: 'a' })).toBe(
      copyIdFor(letterId, { team: 'a', organisation: 'Y01234' }),
    );
  });

  it('names the stream under the correspondence prefix', () => {
    expect(letterStream('x')).toBe('correspondence.letter-x');
  });

  it('hashes equal content equally whatever the key order', () => {
    expect(letterContentHash({ a: 1, b: [1, 2] })).toBe(letterContentHash({ b: [1, 2], a: 1 }));
    expect(letterContentHash({ a: 1 })).not.toBe(letterContentHash({ a: 2 }));
  });
});
