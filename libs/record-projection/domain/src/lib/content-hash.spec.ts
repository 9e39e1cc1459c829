import { contentHashOf } from './content-hash';

describe('contentHashOf', () => {
  it('is the same for the same content in another key order', () => {
    expect(contentHashOf({ a: 1, b: [1, 2] })).toBe(contentHashOf({ b: [1, 2], a: 1 }));
  });

  it('differs when a value differs', () => {
    expect(contentHashOf({ a: 1 })).not.toBe(contentHashOf({ a: 2 }));
  });
});
