import { OrganisationCode } from '@ilinks/shared/kernel';
import type { Demographics } from '../local-record.types';
import {
  compareBySurvivorship,
  goldenRecord,
  type GoldenRecordSource,
  preferredName,
  verifiedNhsNumber,
} from './golden-record';

const gp = OrganisationCode('A81001');
const hospital = OrganisationCode('RBS');
const council = OrganisationCode('E08000012');

const base: Demographics = {
  names: [{ family: 'Jones', given: ['Amelia'], use: 'official' }],
  birthDate: '2015-03-14',
  gender: 'female',
  addresses: [{ lines: ['12 Park Road'], city: 'Liverpool', postcode: 'L8 1AB' }],
  telecom: [{ system: 'phone', value: '07700900123' }],
};

function source(
  localRecordId: string,
  overrides: Partial<Omit<GoldenRecordSource, 'demographics'>> = {},
  demographics: Partial<Demographics> = {},
): GoldenRecordSource {
  return {
    localRecordId,
    organisation: hospital,
    trust: 1,
    recordedAt: '2026-01-01T00:00:00Z',
    demographics: { ...base, ...demographics },
    ...overrides,
  };
}

describe('compareBySurvivorship', () => {
  it('puts the most trusted source first', () => {
    expect(compareBySurvivorship(source('a', { trust: 3 }), source('b', { trust: 1 }))).toBeLessThan(0);
    expect(compareBySurvivorship(source('a', { trust: 1 }), source('b', { trust: 3 }))).toBeGreaterThan(0);
  });

  it('breaks a trust tie by the most recent recording', () => {
    const older = source('a', { recordedAt: '2025-01-01T00:00:00Z' });
    const newer = source('b', { recordedAt: '2026-06-01T00:00:00Z' });
    expect(compareBySurvivorship(newer, older)).toBeLessThan(0);
  });

  it('compares times, not strings, across offsets', () => {
    const utc = source('a', { recordedAt: '2026-01-01T10:00:00Z' });
    const later = source('b', { recordedAt: '2026-01-01T11:30:00+01:00' });
    expect(compareBySurvivorship(later, utc)).toBeLessThan(0);
  });

  it('treats an unreadable time as the oldest', () => {
    expect(compareBySurvivorship(source('b'), source('a', { recordedAt: 'yesterday' }))).toBeLessThan(0);
  });

  it('breaks a full tie by local record id', () => {
    expect(compareBySurvivorship(source('a'), source('b'))).toBeLessThan(0);
    expect(compareBySurvivorship(source('b'), source('a'))).toBeGreaterThan(0);
    expect(compareBySurvivorship(source('a'), source('a'))).toBe(0);
    expect(
      compareBySurvivorship(source('a', { recordedAt: 'x' }), source('b', { recordedAt: 'y' })),
    ).toBeLessThan(0);
  });
});

describe('preferredName', () => {
  it('prefers the official name', () => {
    const names = [
      { family: 'Smith', given: ['Amy'], use: 'usual' as const },
      { family: 'Jones', given: ['Amelia'], use: 'official' as const },
    ];
    expect(preferredName({ ...base, names })?.family).toBe('Jones');
  });

  it('falls back to the first name, or none', () => {
    expect(preferredName({ ...base, names: [{ family: 'Smith', given: [] }] })?.family).toBe('Smith');
    expect(preferredName({ ...base, names: [] })).toBeUndefined();
  });
});

describe('verifiedNhsNumber', () => {
  it('normalises a valid number', () => {
    expect(verifiedNhsNumber({ ...base, nhsNumber: '943 476 5919' })).toBe('9434765919');
  });

  it('ignores a missing or invalid number', () => {
    expect(verifiedNhsNumber(base)).toBeUndefined();
    expect(verifiedNhsNumber({ ...base, nhsNumber: '9434765918' })).toBeUndefined();
  });
});

describe('goldenRecord', () => {
  it('is empty for no sources', () => {
    expect(goldenRecord([])).toEqual({});
  });

  it('takes every field from a single source, with its provenance', () => {
    const only = source('lr1', { organisation: gp }, { nhsNumber: '9434765919' });
    const provenance = { localRecordId: 'lr1', organisation: gp, recordedAt: '2026-01-01T00:00:00Z' };
    expect(goldenRecord([only])).toEqual({
      nhsNumber: { value: '9434765919', ...provenance },
      name: { value: base.names[0], ...provenance },
      birthDate: { value: '2015-03-14', ...provenance },
      gender: { value: 'female', ...provenance },
      address: { value: base.addresses[0], ...provenance },
      telecom: { value: base.telecom, ...provenance },
    });
  });

  it('takes a field from the most trusted source that has it', () => {
    const gpRecord = source(
      'gp',
      { trust: 3, organisation: gp },
      { addresses: [{ lines: ['1 New Street'] }] },
    );
    const hospitalRecord = source('h', { trust: 1 });
    expect(goldenRecord([hospitalRecord, gpRecord]).address?.value).toEqual({ lines: ['1 New Street'] });
  });

  it('falls through to a less trusted source for a field the trusted one lacks', () => {
    const gpRecord = source('gp', { trust: 3, organisation: gp }, { telecom: [] });
    const councilRecord = source('c', { trust: 2, organisation: council });
    const golden = goldenRecord([gpRecord, councilRecord]);
    expect(golden.telecom).toEqual(expect.objectContaining({ localRecordId: 'c', organisation: council }));
    expect(golden.name?.localRecordId).toBe('gp');
  });

  it('prefers the most recent source at equal trust', () => {
    const older = source('a', { recordedAt: '2024-01-01T00:00:00Z' }, { addresses: [{ lines: ['Old'] }] });
    const newer = source('b', { recordedAt: '2026-01-01T00:00:00Z' }, { addresses: [{ lines: ['New'] }] });
    expect(goldenRecord([older, newer]).address?.value.lines).toEqual(['New']);
  });

  it('does not depend on the order of the sources', () => {
    const a = source('a', {}, { gender: 'male' });
    const b = source('b', {}, { gender: 'female' });
    expect(goldenRecord([a, b])).toEqual(goldenRecord([b, a]));
    expect(goldenRecord([b, a]).gender?.localRecordId).toBe('a');
  });

  it('skips an unknown gender and a blank birth date', () => {
    const trusted = source('t', { trust: 5 }, { gender: 'unknown', birthDate: ' ' });
    const other = source('o', { trust: 1 }, { gender: 'male', birthDate: '2015-03-15' });
    const golden = goldenRecord([trusted, other]);
    expect(golden.gender?.value).toBe('male');
    expect(golden.birthDate?.value).toBe('2015-03-15');
  });

  it('leaves out a field no source has', () => {
    const golden = goldenRecord([source('a', {}, { addresses: [], telecom: [], gender: 'unknown' })]);
    expect(Object.keys(golden).sort()).toEqual(['birthDate', 'name']);
  });

  it('takes the telecom list whole from one source', () => {
    const trusted = source('t', { trust: 2 }, { telecom: [{ system: 'email', value: 'a@example.org' }] });
    const other = source('o', { trust: 1 });
    expect(goldenRecord([trusted, other]).telecom?.value).toEqual([
      { system: 'email', value: 'a@example.org' },
    ]);
  });
});

describe('goldenRecord NHS number', () => {
  it('takes the most trusted verified number', () => {
    const golden = goldenRecord([
      source('h', { trust: 3 }, { nhsNumber: '9434765919' }),
      source('g', { trust: 1 }, { nhsNumber: '4010232137' }),
    ]);
    expect(golden.nhsNumber).toEqual(expect.objectContaining({ value: '9434765919', localRecordId: 'h' }));
  });

  it('never takes a number that fails Modulus 11', () => {
    const golden = goldenRecord([
      source('h', { trust: 3 }, { nhsNumber: '9434765918' }),
      source('g', { trust: 1 }, { nhsNumber: '4010232137' }),
    ]);
    expect(golden.nhsNumber?.value).toBe('4010232137');
    expect(goldenRecord([source('h', {}, { nhsNumber: '123' })]).nhsNumber).toBeUndefined();
  });

  it('prefers a number two sources agree on over a more trusted single one', () => {
    const golden = goldenRecord([
      source('h', { trust: 9 }, { nhsNumber: '9434765919' }),
      source('g1', { trust: 1 }, { nhsNumber: '4010232137' }),
      source('g2', { trust: 2 }, { nhsNumber: '401 023 2137' }),
    ]);
    expect(golden.nhsNumber).toEqual(expect.objectContaining({ value: '4010232137', localRecordId: 'g2' }));
  });

  it('orders corroborated numbers by the usual rule', () => {
    const golden = goldenRecord([
      source('a1', { trust: 1 }, { nhsNumber: '9434765919' }),
      source('a2', { trust: 1 }, { nhsNumber: '9434765919' }),
      source('b1', { trust: 2 }, { nhsNumber: '4010232137' }),
      source('b2', { trust: 1 }, { nhsNumber: '4010232137' }),
    ]);
    expect(golden.nhsNumber?.localRecordId).toBe('b1');
  });

  it('does not count agreement with an invalid number', () => {
    const golden = goldenRecord([
      source('h', { trust: 3 }, { nhsNumber: '9434765919' }),
      source('x1', { trust: 1 }, { nhsNumber: '4010232138' }),
      source('x2', { trust: 1 }, { nhsNumber: '4010232138' }),
    ]);
    expect(golden.nhsNumber?.value).toBe('9434765919');
  });
});

describe('goldenRecord birth date and gender', () => {
  it('prefers a birth date two sources agree on over a newer, more trusted single one', () => {
    const golden = goldenRecord([
      source('h', { trust: 1, recordedAt: '2026-01-01T00:00:00Z' }, { birthDate: '2015-03-14' }),
      source('g', { trust: 1, recordedAt: '2026-02-01T00:00:00Z' }, { birthDate: '2015-03-14' }),
      source(
        'c',
        { trust: 5, recordedAt: '2026-06-01T00:00:00Z', organisation: council },
        { birthDate: '1985-11-30' },
      ),
    ]);
    expect(golden.birthDate).toEqual(expect.objectContaining({ value: '2015-03-14', localRecordId: 'g' }));
  });

  it('prefers a gender two sources agree on', () => {
    const golden = goldenRecord([
      source('a', { trust: 1 }, { gender: 'female' }),
      source('b', { trust: 1 }, { gender: 'female' }),
      source('c', { trust: 3 }, { gender: 'male' }),
    ]);
    expect(golden.gender?.value).toBe('female');
  });

  it('still lets the most recent address win: people move', () => {
    const moved = { lines: ['3 New Road'], city: 'Liverpool', postcode: 'L1 2AB' };
    const golden = goldenRecord([
      source('a', { recordedAt: '2026-01-01T00:00:00Z' }),
      source('b', { recordedAt: '2026-01-01T00:00:00Z' }),
      source('c', { recordedAt: '2026-06-01T00:00:00Z' }, { addresses: [moved] }),
    ]);
    expect(golden.address?.value).toEqual(moved);
  });
});
