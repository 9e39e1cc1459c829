import {
  foldToAscii,
  nameKey,
  normaliseEmail,
  normaliseName,
  normalisePhone,
  normalisePostcode,
  parsePostcode,
} from './normalise';

describe('normaliseName', () => {
  it.each([
    ['SMITH', 'smith'],
    ['  Smith  ', 'smith'],
    ['Zoë', 'zoe'],
    ['Siân', 'sian'],
    ['José', 'jose'],
    ['Łukasz', 'lukasz'],
    ['Strauß', 'strauss'],
    ["O'Brien", 'obrien'],
    ['O’Neill', 'oneill'],
    ['Smith-Jones', 'smith jones'],
    ['Anne  Marie', 'anne marie'],
    ['Mr John', 'john'],
    ['Mrs. Smith', 'smith'],
    ['Dr Jones', 'jones'],
    ['Prof Sir Patrick', 'patrick'],
    ['McDonald', 'mcdonald'],
    ['MacLeod', 'macleod'],
    ['Mc Donald', 'mcdonald'],
    ['Mac Leod', 'macleod'],
    ['', ''],
  ])('%s → %s', (input, expected) => {
    expect(normaliseName(input)).toBe(expected);
  });

  it('keeps a name that is only a title rather than emptying it', () => {
    expect(normaliseName('Miss')).toBe('miss');
  });

  it('keeps a lone Mc rather than joining it to nothing', () => {
    expect(normaliseName('Mc')).toBe('mc');
  });
});

describe('nameKey', () => {
  it('makes hyphenated, spaced and run-together names agree', () => {
    expect(nameKey('Smith-Jones')).toBe('smithjones');
    expect(nameKey('Smith Jones')).toBe('smithjones');
    expect(nameKey('SMITHJONES')).toBe('smithjones');
  });
});

describe('foldToAscii', () => {
  it('folds letters that do not decompose', () => {
    expect(foldToAscii('Ærø Øst')).toBe('aero ost');
  });
});

describe('parsePostcode', () => {
  it.each([
    ['L8 1AB', { area: 'L', district: 'L8', sector: 'L8 1', full: 'L8 1AB' }],
    ['l81ab', { area: 'L', district: 'L8', sector: 'L8 1', full: 'L8 1AB' }],
    ['CH41 6AB', { area: 'CH', district: 'CH41', sector: 'CH41 6', full: 'CH41 6AB' }],
    ['ch416ab', { area: 'CH', district: 'CH41', sector: 'CH41 6', full: 'CH41 6AB' }],
    ['EC1A 1BB', { area: 'EC', district: 'EC1A', sector: 'EC1A 1', full: 'EC1A 1BB' }],
    ['W1A 0AX', { area: 'W', district: 'W1A', sector: 'W1A 0', full: 'W1A 0AX' }],
    ['M1 1AE', { area: 'M', district: 'M1', sector: 'M1 1', full: 'M1 1AE' }],
    ['B33 8TH', { area: 'B', district: 'B33', sector: 'B33 8', full: 'B33 8TH' }],
    ['  cr2  6xh ', { area: 'CR', district: 'CR2', sector: 'CR2 6', full: 'CR2 6XH' }],
    ['DN55 1PT', { area: 'DN', district: 'DN55', sector: 'DN55 1', full: 'DN55 1PT' }],
  ])('parses %s', (input, expected) => {
    expect(parsePostcode(input)).toEqual(expected);
  });

  it.each(['', 'L8', 'L8 1A', 'L8 AB1', '8L 1AB', 'ABC1 1AB', 'L8 1ABC', 'L8-1AB', 'SW1A 1AA1', 'hello'])(
    'rejects %p',
    (input) => {
      expect(parsePostcode(input)).toBeUndefined();
    },
  );
});

describe('normalisePostcode', () => {
  it('gives the canonical form', () => {
    expect(normalisePostcode('ec1a1bb')).toBe('EC1A 1BB');
  });

  it('is undefined when invalid', () => {
    expect(normalisePostcode('not a postcode')).toBeUndefined();
  });
});

describe('normalisePhone', () => {
  it.each([
    ['07700900123', '07700900123'],
    ['07700 900123', '07700900123'],
    ['+44 7700 900123', '07700900123'],
    ['+447700900123', '07700900123'],
    ['+44 (0)7700 900123', '07700900123'],
    ['0044 7700 900123', '07700900123'],
    ['(0151) 496-0000', '01514960000'],
    ['+353 1 234 5678', '+35312345678'],
    ['00353 1 234 5678', '+35312345678'],
  ])('%s → %s', (input, expected) => {
    expect(normalisePhone(input)).toBe(expected);
  });

  it('is undefined without digits', () => {
    expect(normalisePhone(' - ')).toBeUndefined();
  });

  it('keeps a different number different', () => {
    expect(normalisePhone('+44 7700 900124')).not.toBe(normalisePhone('07700900123'));
  });
});

describe('normaliseEmail', () => {
  it('trims and lower-cases', () => {
    expect(normaliseEmail('  Jane.Doe@Example.NHS.uk ')).toBe('jane.doe@example.nhs.uk');
  });

  it('is undefined when blank', () => {
    expect(normaliseEmail('   ')).toBeUndefined();
  });
});
