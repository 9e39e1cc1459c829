import type { ContactPoint } from '../../local-record.types';
import { compareEmails, comparePhones } from './telecom.comparison';

const phone = (value: string): ContactPoint => ({ system: 'phone', value });
const email = (value: string): ContactPoint => ({ system: 'email', value });

describe('comparePhones', () => {
  it('is exact for the same number in international and national form', () => {
    expect(comparePhones([phone('+44 7700 900123')], [phone('07700900123')])).toBe('exact');
  });

  it('is exact when any pair agrees', () => {
    expect(
      comparePhones(
        [phone('0151 496 0000'), phone('07700 900123')],
        [phone('07700900999'), phone('07700900123')],
      ),
    ).toBe('exact');
  });

  it('is different when one digit differs', () => {
    expect(comparePhones([phone('07700900123')], [phone('07700900124')])).toBe('different');
  });

  it('is missing when either side has no phone', () => {
    expect(comparePhones([email('a@b.uk')], [phone('07700900123')])).toBe('missing');
    expect(comparePhones([phone('07700900123')], [])).toBe('missing');
  });

  it('ignores a phone value with no digits', () => {
    expect(comparePhones([phone('n/a')], [phone('07700900123')])).toBe('missing');
  });

  it('does not compare an email with a phone', () => {
    expect(comparePhones([phone('07700900123')], [email('07700900123'), phone('01514960000')])).toBe(
      'different',
    );
  });
});

describe('compareEmails', () => {
  it('is exact ignoring case and spaces', () => {
    expect(compareEmails([email(' Jane.Doe@Example.com')], [email('jane.doe@example.com ')])).toBe('exact');
  });

  it('is different for another address', () => {
    expect(compareEmails([email('jane.doe@example.com')], [email('jane.doe2@example.com')])).toBe(
      'different',
    );
  });

  it('is missing when either side has no email', () => {
    expect(compareEmails([phone('07700900123')], [email('jane@example.com')])).toBe('missing');
    expect(compareEmails([email('  ')], [email('jane@example.com')])).toBe('missing');
  });
});
