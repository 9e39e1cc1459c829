import { isJsonPlain, ValidatedMessages } from './validated-messages';

class Schema {}
class OtherSchema {}

const bytes = (data: unknown): Buffer => Buffer.from(JSON.stringify(data), 'utf8');

describe('ValidatedMessages', () => {
  it('knows the bytes of data it was told were valid, for that class only', () => {
    const known = new ValidatedMessages(10);
    const data = { id: 'a', items: [{ n: 1 }] };
    known.remember(Schema, data, bytes(data));
    expect(known.has(Schema, bytes(data))).toBe(true);
    expect(known.has(OtherSchema, bytes(data))).toBe(false);
    expect(known.has(Schema, bytes({ ...data, id: 'b' }))).toBe(false);
  });

  it('does not remember data that would change on its way through JSON', () => {
    const known = new ValidatedMessages(10);
    const data = { at: new Date(0) };
    known.remember(Schema, data, bytes(data));
    expect(known.has(Schema, bytes(data))).toBe(false);
    expect(known.size).toBe(0);
  });

  it('forgets the oldest first beyond its capacity', () => {
    const known = new ValidatedMessages(2);
    for (const id of ['a', 'b', 'c']) known.remember(Schema, { id }, bytes({ id }));
    expect(known.size).toBe(2);
    expect(known.has(Schema, bytes({ id: 'a' }))).toBe(false);
    expect(known.has(Schema, bytes({ id: 'c' }))).toBe(true);
  });

  it('remembers nothing with no capacity', () => {
    const known = new ValidatedMessages(0);
    known.remember(Schema, { id: 'a' }, bytes({ id: 'a' }));
    expect(known.has(Schema, bytes({ id: 'a' }))).toBe(false);
  });
});

describe('isJsonPlain', () => {
  it.each([
    ['null', null],
    ['a string', 's'],
    ['a boolean', false],
    ['a finite number', 1.5],
    ['nested arrays and records', { a: [1, { b: 'c' }], d: null }],
    ['a record without prototype', Object.assign(Object.create(null) as object, { a: 1 })],
  ])('accepts %s', (_name, value) => {
    expect(isJsonPlain(value)).toBe(true);
  });

  it.each([
    ['undefined', undefined],
    ['an undefined property', { a: undefined }],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['minus zero', -0],
    ['a Date', new Date(0)],
    ['a class instance', new Schema()],
    ['a function', () => 1],
    ['a bigint', 1n],
    ['an array with a hole', new Array<number>(3)],
    ['a getter', Object.defineProperty({}, 'a', { get: () => 1, enumerable: true })],
    ['a hidden property', Object.defineProperty({}, 'a', { value: 1, enumerable: false })],
    ['a symbol key', { [Symbol('s')]: 1 }],
    ['a __proto__ key', JSON.parse('{"__proto__": {"a": 1}}') as unknown],
  ])('refuses %s', (_name, value) => {
    expect(isJsonPlain(value)).toBe(false);
  });
});
