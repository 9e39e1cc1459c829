import type { Demographics } from '../../local-record.types';
import { blockingKeys, familyNameSoundex } from './blocking';

describe('familyNameSoundex', () => {
  it.each([
    ['Robert', 'R163'],
    ['Rupert', 'R163'],
    ['Rubin', 'R150'],
    ['Ashcraft', 'A261'],
    ['Ashcroft', 'A261'],
    ['Tymczak', 'T522'],
    ['Pfister', 'P236'],
    ['Honeyman', 'H555'],
    ['Lee', 'L000'],
    ['Smith', 'S530'],
    ['Smyth', 'S530'],
    ['Featherstonehaugh', 'F362'],
  ])('codes %s as %s', (name, code) => {
    expect(familyNameSoundex(name)).toBe(code);
  });

  it('ignores case, accents and punctuation', () => {
    expect(familyNameSoundex("o'brien")).toBe(familyNameSoundex('OBrien'));
    expect(familyNameSoundex('Zoë')).toBe(familyNameSoundex('Zoe'));
  });

  it('returns an empty code for a name without letters', () => {
    expect(familyNameSoundex('')).toBe('');
    expect(familyNameSoundex("-'")).toBe('');
  });
});

const jane: Demographics = {
  nhsNumber: '943 476 5919',
  names: [{ family: 'Smith', given: ['Jane', 'Anne'] }],
  birthDate: '1980-04-03',
  gender: 'female',
  addresses: [{ lines: ['1 High Street'], postcode: 'L8 1AB' }],
  telecom: [],
};

describe('blockingKeys', () => {
  it('gives one key per rule for a simple record', () => {
    expect(blockingKeys(jane)).toEqual([
      'nhs:9434765919',
      'dob:1980-04-03',
      'sx:S530-1980',
      'pc:L81AB-J',
      'pc:L81AB-S',
      'nm:J500-S530',
    ]);
  });

  it('holds no raw name', () => {
    const keys = blockingKeys({ ...jane, names: [{ family: 'Featherstonehaugh', given: ['Jane'] }] }).join(
      ' ',
    );
    expect(keys).not.toMatch(/featherstonehaugh|jane/i);
  });

  it('meets spelling variants of the family name', () => {
    const smyth = blockingKeys({
      ...jane,
      nhsNumber: undefined,
      names: [{ family: 'Smyth', given: ['Jane'] }],
    });
    expect(smyth).toContain('sx:S530-1980');
  });

  it('leaves out the NHS number when there is none', () => {
    expect(blockingKeys({ ...jane, nhsNumber: undefined }).some((key) => key.startsWith('nhs:'))).toBe(false);
  });

  it('leaves out the NHS number when it is blank', () => {
    expect(blockingKeys({ ...jane, nhsNumber: ' ' }).some((key) => key.startsWith('nhs:'))).toBe(false);
  });

  it('leaves out birth date keys when the date is malformed', () => {
    const keys = blockingKeys({ ...jane, birthDate: '03/04/1980' });
    expect(keys.some((key) => key.startsWith('dob:') || key.startsWith('sx:'))).toBe(false);
  });

  it('normalises the postcode: no spaces, upper case', () => {
    const keys = blockingKeys({ ...jane, addresses: [{ lines: [], postcode: ' l8  1ab ' }] });
    expect(keys).toContain('pc:L81AB-J');
  });

  it('leaves out addresses without a postcode', () => {
    const keys = blockingKeys({ ...jane, addresses: [{ lines: ['Somewhere'] }] });
    expect(keys.some((key) => key.startsWith('pc:'))).toBe(false);
  });

  it('keeps the household postcode key by family initial when no name has a given name', () => {
    const keys = blockingKeys({ ...jane, names: [{ family: 'Smith', given: [] }] });
    expect(keys.filter((key) => key.startsWith('pc:'))).toEqual(['pc:L81AB-S']);
  });

  it('leaves out name keys when no name has a given name', () => {
    const keys = blockingKeys({ ...jane, names: [{ family: 'Smith', given: [] }] });
    expect(keys.some((key) => key.startsWith('nm:'))).toBe(false);
  });

  it('meets a record with another birth date through the name key', () => {
    const other = blockingKeys({ ...jane, nhsNumber: undefined, birthDate: '1981-05-03', addresses: [] });
    expect(other).toContain('nm:J500-S530');
    expect(blockingKeys(jane)).toContain('nm:J500-S530');
  });

  it('meets a record with family and given names exchanged through the name key', () => {
    const exchanged = blockingKeys({ ...jane, names: [{ family: 'Jane', given: ['Smith'] }] });
    expect(exchanged).toContain('nm:J500-S530');
  });

  it('covers every name and every postcode', () => {
    const keys = blockingKeys({
      ...jane,
      names: [
        { family: 'Smith', given: ['Jane'] },
        { family: 'Jones', given: ['Janet'], use: 'maiden' },
        { family: 'Jones', given: ['Beth'], use: 'nickname' },
      ],
      addresses: [
        { lines: [], postcode: 'L8 1AB' },
        { lines: [], postcode: 'CH41 2XY' },
      ],
    });
    expect(keys).toEqual([
      'nhs:9434765919',
      'dob:1980-04-03',
      'sx:S530-1980',
      'sx:J520-1980',
      'pc:L81AB-J',
      'pc:L81AB-B',
      'pc:L81AB-S',
      'pc:CH412XY-J',
      'pc:CH412XY-B',
      'pc:CH412XY-S',
      'nm:J500-S530',
      'nm:J520-J530',
      'nm:B300-J520',
    ]);
  });

  it('keys the Soundex of the town with each phonetic name, so a move within a town still meets', () => {
    const keys = blockingKeys({ ...jane, addresses: [{ lines: [], city: 'Milton Keynes' }] });
    expect(keys.filter((key) => key.startsWith('ct:'))).toEqual(['ct:M435-S530', 'ct:M435-J500']);
  });

  it('meets a mistyped town through its Soundex', () => {
    const typo = blockingKeys({ ...jane, addresses: [{ lines: [], city: 'Milton Keyness' }] });
    expect(typo).toContain('ct:M435-S530');
  });

  it('keys the town of an overseas postcode', () => {
    const keys = blockingKeys({ ...jane, addresses: [{ lines: [], city: 'Bittern', postcode: '4814' }] });
    expect(keys).toContain('ct:B365-S530');
  });

  it('keys the house of an address without a UK postcode, however its street is spaced', () => {
    const spaced = blockingKeys({
      ...jane,
      addresses: [{ lines: ['126 Macgregor Street'], postcode: '5049' }],
    });
    const joined = blockingKeys({
      ...jane,
      addresses: [{ lines: ['126 Macgregors treet'], postcode: '5029' }],
    });
    expect(spaced).toContain('ad:M262-126');
    expect(joined).toContain('ad:M262-126');
  });

  it('leaves out house keys without a house number', () => {
    const keys = blockingKeys({ ...jane, addresses: [{ lines: ['Crowder Circuit'], postcode: '4021' }] });
    expect(keys.some((key) => key.startsWith('ad:'))).toBe(false);
  });

  it('leaves out town keys where a UK postcode places the record', () => {
    const keys = blockingKeys({ ...jane, addresses: [{ lines: [], city: 'Liverpool', postcode: 'L8 1AB' }] });
    expect(keys.some((key) => key.startsWith('ct:') || key.startsWith('ad:'))).toBe(false);
  });

  it('leaves out town keys without a town', () => {
    const keys = blockingKeys({ ...jane, addresses: [{ lines: [], city: ' ' }] });
    expect(keys.some((key) => key.startsWith('ct:'))).toBe(false);
  });

  it('uses an accented initial without its accent', () => {
    const keys = blockingKeys({ ...jane, names: [{ family: 'Smith', given: ['Élodie'] }] });
    expect(keys).toContain('pc:L81AB-E');
  });

  it('gives nothing for a record with no usable fields', () => {
    expect(blockingKeys({ names: [], birthDate: '', gender: 'unknown', addresses: [], telecom: [] })).toEqual(
      [],
    );
  });
});
