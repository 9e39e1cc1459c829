import { hasTenDigits, normaliseNhsNumber, passesModulus11 } from './nhs-number';

describe('passesModulus11', () => {
  it.each(['9434765919', '9434765870', '4010232137', '9000000009'])('accepts %s', (nhsNumber) => {
    expect(passesModulus11(nhsNumber)).toBe(true);
  });

  it('accepts a check digit of 0 (remainder 0)', () => {
    expect(passesModulus11('0000000000')).toBe(true);
  });

  it.each(['9434765918', '9434765910', '4010232138'])(
    'refuses %s, whose check digit disagrees',
    (nhsNumber) => {
      expect(passesModulus11(nhsNumber)).toBe(false);
    },
  );

  it.each(['1234567890', '1234567891', '1234567899'])(
    'refuses %s: nine digits whose check digit would be 10',
    (nhsNumber) => {
      expect(passesModulus11(nhsNumber)).toBe(false);
    },
  );

  it.each(['943476591', '94347659190', '943476591a', '943 476 5919', ''])(
    'refuses %p, not ten digits',
    (raw) => {
      expect(passesModulus11(raw)).toBe(false);
    },
  );
});

describe('normaliseNhsNumber', () => {
  it('removes spaces', () => {
    expect(normaliseNhsNumber('943 476 5919')).toBe('9434765919');
  });

  it('leaves other characters for the digit check to refuse', () => {
    expect(normaliseNhsNumber('943-476-5919')).toBe('943-476-5919');
  });
});

describe('hasTenDigits', () => {
  it('accepts ten digits with display spaces', () => {
    expect(hasTenDigits('943 476 5919')).toBe(true);
  });

  it.each(['943476591', '943-476-5919', 'abcdefghij'])('refuses %p', (raw) => {
    expect(hasTenDigits(raw)).toBe(false);
  });
});
