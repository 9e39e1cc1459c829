import { SENSITIVE_CATEGORIES } from './access.types';
import {
  DEFAULT_SENSITIVE_CODES,
  SAFEGUARDING_FLAG_CODE_SYSTEM,
  SNOMED_CT,
  categoriesOfCodes,
  parseSensitiveCodeTable,
} from './sensitive-categories';

describe('DEFAULT_SENSITIVE_CODES', () => {
  it('covers every sensitive category', () => {
    const covered = new Set(DEFAULT_SENSITIVE_CODES.map((entry) => entry.category));
    expect([...SENSITIVE_CATEGORIES].filter((category) => !covered.has(category))).toEqual([]);
  });

  it('is a valid table by its own parser', () => {
    expect(parseSensitiveCodeTable(JSON.parse(JSON.stringify(DEFAULT_SENSITIVE_CODES)))).toEqual(
      DEFAULT_SENSITIVE_CODES,
    );
  });

  it('uses SNOMED CT concept ids (digits only, with a valid Verhoeff check digit), or our safeguarding flags', () => {
    for (const entry of DEFAULT_SENSITIVE_CODES) {
      if (entry.system === SAFEGUARDING_FLAG_CODE_SYSTEM) {
        expect(entry.category).toBe('safeguarding');
        continue;
      }
      expect(entry.system).toBe(SNOMED_CT);
      expect(`${entry.code}:${hasValidVerhoeffCheckDigit(entry.code)}`).toBe(`${entry.code}:true`);
    }
  });

  it('seals a child protection plan flag, in SNOMED CT or our own code system', () => {
    expect(
      categoriesOfCodes(
        [{ system: SAFEGUARDING_FLAG_CODE_SYSTEM, code: 'child-protection-plan' }],
        DEFAULT_SENSITIVE_CODES,
      ),
    ).toEqual(['safeguarding']);
    expect(
      categoriesOfCodes([{ system: SNOMED_CT, code: '342191000000101' }], DEFAULT_SENSITIVE_CODES),
    ).toEqual(['safeguarding']);
  });
});

describe('the Verhoeff guard', () => {
  it('rejects a mistyped concept id', () => {
    expect(hasValidVerhoeffCheckDigit('86406008')).toBe(true);
    expect(hasValidVerhoeffCheckDigit('86406009')).toBe(false);
    expect(hasValidVerhoeffCheckDigit('86460008')).toBe(false);
  });
});

describe('categoriesOfCodes', () => {
  it('finds HIV infection', () => {
    expect(categoriesOfCodes([{ system: SNOMED_CT, code: '86406008' }], DEFAULT_SENSITIVE_CODES)).toEqual([
      'hiv',
    ]);
  });

  it('returns each category once in the canonical order', () => {
    const codings = [
      { system: SNOMED_CT, code: '57797005' },
      { system: SNOMED_CT, code: '86406008' },
      { system: SNOMED_CT, code: '165816005' },
    ];
    expect(categoriesOfCodes(codings, DEFAULT_SENSITIVE_CODES)).toEqual(['hiv', 'termination']);
  });

  it('ignores the same code in another system', () => {
    expect(
      categoriesOfCodes([{ system: 'http://read.info/ctv3', code: '86406008' }], DEFAULT_SENSITIVE_CODES),
    ).toEqual([]);
  });

  it('returns nothing for ordinary codes or no codes', () => {
    expect(categoriesOfCodes([{ system: SNOMED_CT, code: '38341003' }], DEFAULT_SENSITIVE_CODES)).toEqual([]);
    expect(categoriesOfCodes([], DEFAULT_SENSITIVE_CODES)).toEqual([]);
  });

  it('lets one code map to two categories', () => {
    const table = [
      { system: 's', code: 'c', category: 'hiv' as const },
      { system: 's', code: 'c', category: 'sexual-health' as const },
    ];
    expect(categoriesOfCodes([{ system: 's', code: 'c' }], table)).toEqual(['sexual-health', 'hiv']);
  });
});

describe('parseSensitiveCodeTable', () => {
  it('accepts a valid table with and without display', () => {
    const json = [
      { system: SNOMED_CT, code: '1', category: 'hiv', display: 'x' },
      { system: SNOMED_CT, code: '2', category: 'safeguarding' },
    ];
    expect(parseSensitiveCodeTable(json)).toEqual(json);
  });

  it('accepts an empty table', () => {
    expect(parseSensitiveCodeTable([])).toEqual([]);
  });

  it.each<[string, unknown, string]>([
    ['not an array', { hiv: '86406008' }, 'sensitive code table: expected an array of entries'],
    ['an entry that is not an object', [null], 'sensitive code table entry 0: expected an object'],
    ['an array entry', [[]], 'sensitive code table entry 0: expected an object'],
    [
      'a missing system',
      [{ code: '1', category: 'hiv' }],
      'sensitive code table entry 0: system must be a non-empty string',
    ],
    [
      'an empty code',
      [{ system: 's', code: ' ', category: 'hiv' }],
      'sensitive code table entry 0: code must be a non-empty string',
    ],
    [
      'a numeric code',
      [{ system: 's', code: 86406008, category: 'hiv' }],
      'sensitive code table entry 0: code must be a non-empty string',
    ],
    [
      'an unknown category in the second entry',
      [
        { system: 's', code: '1', category: 'hiv' },
        { system: 's', code: '2', category: 'mental-health' },
      ],
      'sensitive code table entry 1: category must be one of sexual-health, hiv, fertility, gender-identity, termination, safeguarding',
    ],
    [
      'a non-string display',
      [{ system: 's', code: '1', category: 'hiv', display: 3 }],
      'sensitive code table entry 0: display must be a string when present',
    ],
    [
      'a repeated entry',
      [
        { system: 's', code: '1', category: 'hiv' },
        { system: 's', code: '1', category: 'hiv' },
      ],
      'sensitive code table entry 1: repeats an earlier entry',
    ],
  ])('rejects %s', (_situation, json, message) => {
    expect(() => parseSensitiveCodeTable(json)).toThrow(new Error(message));
  });
});

// SNOMED CT identifiers end in a Verhoeff check digit: a cheap guard against a mistyped concept id.
const VERHOEFF_D = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
  [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
  [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
  [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
  [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
  [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
  [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
  [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
  [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
];
const VERHOEFF_P = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
  [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
  [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
  [9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
  [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
  [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
  [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
];

function hasValidVerhoeffCheckDigit(id: string): boolean {
  if (!/^\d{6,18}$/.test(id)) return false;
  let check = 0;
  const digits = [...id].reverse().map(Number);
  digits.forEach((digit, index) => {
    check = VERHOEFF_D[check][VERHOEFF_P[index % 8][digit]];
  });
  return check === 0;
}
