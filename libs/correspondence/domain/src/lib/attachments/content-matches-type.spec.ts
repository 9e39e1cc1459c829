import { contentMatchesType } from './content-matches-type';

const utf8 = (text: string): Buffer => Buffer.from(text, 'utf8');
const bytes = (...values: number[]): Buffer => Buffer.from(values);

const PDF = utf8('%PDF-1.7\n%âãÏÓ\n1 0 obj\n');
const PNG = bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d);
const JPEG = bytes(0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46);
const ZIP = bytes(0x50, 0x4b, 0x03, 0x04, 0x14, 0x00);
const ELF = bytes(0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01);

describe('contentMatchesType', () => {
  describe('application/pdf', () => {
    it('accepts bytes starting %PDF-', () => expect(contentMatchesType('application/pdf', PDF)).toBe(true));
    it.each([
      ['PNG bytes', PNG],
      ['text', utf8('Dear Dr Khan')],
      ['a truncated signature', utf8('%PDF')],
      ['a signature not at the start', utf8(' %PDF-1.7')],
      ['lower case', utf8('%pdf-1.7')],
    ])('refuses %s', (_case, content) => expect(contentMatchesType('application/pdf', content)).toBe(false));
  });

  describe('image/png', () => {
    it('accepts the 8-byte signature', () => expect(contentMatchesType('image/png', PNG)).toBe(true));
    it.each([
      ['JPEG bytes', JPEG],
      ['the first 7 bytes of the signature', PNG.subarray(0, 7)],
      ['a signature with a changed line ending', bytes(0x89, 0x50, 0x4e, 0x47, 0x0a, 0x0a, 0x1a, 0x0a)],
    ])('refuses %s', (_case, content) => expect(contentMatchesType('image/png', content)).toBe(false));
  });

  describe('image/jpeg', () => {
    it('accepts FF D8 FF', () => expect(contentMatchesType('image/jpeg', JPEG)).toBe(true));
    it.each([
      ['PNG bytes', PNG],
      ['FF D8 alone', bytes(0xff, 0xd8)],
      ['FF D8 FE', bytes(0xff, 0xd8, 0xfe, 0x00)],
    ])('refuses %s', (_case, content) => expect(contentMatchesType('image/jpeg', content)).toBe(false));
  });

  describe('text/plain', () => {
    it.each([
      ['ASCII', utf8('Seen in clinic today.')],
      ['tabs, line breaks and form feeds', utf8('Plan:\r\n\t1. Review\fPage 2\n')],
      ['non-ASCII UTF-8', utf8('Naïve café — £20 ✓')],
      ['a byte order mark', bytes(0xef, 0xbb, 0xbf, 0x41)],
      ['a DEL character', utf8('a\u007fb')],
    ])('accepts %s', (_case, content) => expect(contentMatchesType('text/plain', content)).toBe(true));

    it.each([
      ['a NUL byte', utf8('a\u0000b')],
      ['a vertical tab', utf8('a\u000bb')],
      ['an escape character', utf8('a\u001b[31mred')],
      ['invalid UTF-8', bytes(0x41, 0xc3, 0x28)],
      ['Latin-1 text', Buffer.from('café', 'latin1')],
      ['an overlong encoding', bytes(0xc0, 0xaf)],
      ['a PDF', PDF],
      ['a bare PDF signature', utf8('%PDF-')],
      ['a PNG', PNG],
      ['a JPEG', JPEG],
      ['a ZIP', ZIP],
      ['an ELF executable', ELF],
    ])('refuses %s', (_case, content) => expect(contentMatchesType('text/plain', content)).toBe(false));
  });

  describe('application/json', () => {
    it.each([
      ['an object', utf8('{"a":1}')],
      ['an empty object', utf8('{}')],
      ['an object with surrounding whitespace', utf8('\n  {"a": [1, 2]}\n')],
      ['a FHIR resource', utf8('{"resourceType":"Composition"}')],
    ])('accepts %s', (_case, content) => expect(contentMatchesType('application/json', content)).toBe(true));

    it.each([
      ['an array', utf8('[1,2]')],
      ['null', utf8('null')],
      ['a string', utf8('"text"')],
      ['a number', utf8('42')],
      ['broken JSON', utf8('{"a":')],
      ['two objects', utf8('{}{}')],
      ['invalid UTF-8', Buffer.concat([utf8('{"a":"'), bytes(0xff), utf8('"}')])],
      ['plain text', utf8('Dear colleague')],
    ])('refuses %s', (_case, content) => expect(contentMatchesType('application/json', content)).toBe(false));
  });

  describe('application/fhir+json', () => {
    it('accepts an object with a string resourceType', () => {
      expect(
        contentMatchesType('application/fhir+json', utf8('{"resourceType":"Bundle","type":"document"}')),
      ).toBe(true);
    });

    it.each([
      ['an object without resourceType', utf8('{"type":"document"}')],
      ['a numeric resourceType', utf8('{"resourceType":1}')],
      ['an empty resourceType', utf8('{"resourceType":""}')],
      ['an array of resources', utf8('[{"resourceType":"Bundle"}]')],
      ['broken JSON', utf8('{"resourceType":"Bundle"')],
    ])('refuses %s', (_case, content) =>
      expect(contentMatchesType('application/fhir+json', content)).toBe(false),
    );
  });
});
