import { canonicalJson, contentHashOf } from './canonical-json';

describe('canonicalJson', () => {
  it('sorts keys at every depth', () => {
    expect(canonicalJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: true } })).toBe(
      '{"a":{"c":true,"d":[{"y":2,"z":1}]},"b":1}',
    );
  });

  it('leaves out undefined members', () => {
    expect(canonicalJson({ a: undefined, b: null })).toBe('{"b":null}');
  });

  it('keeps array order, which is meaningful', () => {
    expect(canonicalJson([2, 1])).not.toBe(canonicalJson([1, 2]));
  });
});

describe('contentHashOf', () => {
  it('is the same for the same content in another key order', () => {
    expect(contentHashOf({ a: 1, b: [1, 2] })).toBe(contentHashOf({ b: [1, 2], a: 1 }));
  });

  it('differs when a value differs', () => {
    expect(contentHashOf({ a: 1 })).not.toBe(contentHashOf({ a: 2 }));
  });
});
