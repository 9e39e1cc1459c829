import { decodedBase64Length, decodeStrictBase64 } from './strict-base64';

const hex = (bytes: Buffer | undefined): string | undefined => bytes?.toString('hex');

describe('decodeStrictBase64', () => {
  it.each([
    ['aGVsbG8=', '68656c6c6f'],
    ['aGVsbG8', '68656c6c6f'],
    ['aGVsbA==', '68656c6c'],
    ['aGVsbA', '68656c6c'],
    ['aGVs', '68656c'],
    ['+/+/', 'fbffbf'],
    ['', ''],
  ])('decodes %j', (text, expected) => {
    expect(hex(decodeStrictBase64(text))).toBe(expected);
  });

  it('ignores MIME line breaks, spaces and tabs', () => {
    expect(hex(decodeStrictBase64('aGVs\r\nbG8=\n'))).toBe('68656c6c6f');
    expect(hex(decodeStrictBase64(' aG Vs\tbG8 '))).toBe('68656c6c6f');
  });

  it.each([
    ['the URL-safe alphabet', '-_-_'],
    ['a stray character', 'aGVs*bG8='],
    ['a non-ASCII character', 'aGVsbG8é'],
    ['padding in the middle', 'aG=VsbG8'],
    ['too much padding', 'aGVsbA==='],
    ['padding on a wrong length', 'aGVsbG8=='],
    ['an impossible length', 'aGVsb'],
    ['non-zero unused bits', 'aGVsbG9='],
    ['a data URL prefix', 'data:application/pdf;base64,JVBERi0='],
    ['a form feed', 'aGVs\fbG8='],
  ])('refuses %s', (_case, text) => {
    expect(decodeStrictBase64(text)).toBeUndefined();
  });
});

describe('decodedBase64Length', () => {
  it.each([
    ['aGVsbG8=', 5],
    ['aGVsbG8', 5],
    ['aGVsbA==', 4],
    ['aGVs', 3],
    ['aGVs\r\nbG8=', 5],
    ['', 0],
  ])('%j decodes to %i bytes', (text, length) => {
    expect(decodedBase64Length(text)).toBe(length);
  });
});
