import {
  CARE_SETTING_SYSTEM,
  codingsIn,
  DEFAULT_CARE_SETTING_TABLE,
  DEFAULT_SAFEGUARDING_FLAG_TABLE,
  meaningOf,
  SAFEGUARDING_FLAG_SYSTEM,
  SNOMED_CT,
  V3_ACT_CODE,
} from './safeguarding-codes';

describe('codingsIn', () => {
  it('reads a CodeableConcept', () => {
    expect(codingsIn({ coding: [{ system: 's', code: 'c', display: 'd' }], text: 't' })).toEqual([
      { system: 's', code: 'c', display: 'd' },
    ]);
  });

  it('reads a bare Coding (R4 Encounter.class)', () => {
    expect(codingsIn({ system: V3_ACT_CODE, code: 'EMER' })).toEqual([{ system: V3_ACT_CODE, code: 'EMER' }]);
  });

  it('reads arrays of concepts and CodeableReferences (R5)', () => {
    expect(
      codingsIn([
        { coding: [{ system: 'a', code: '1' }] },
        { concept: { coding: [{ system: 'b', code: '2' }] } },
      ]),
    ).toEqual([
      { system: 'a', code: '1' },
      { system: 'b', code: '2' },
    ]);
  });

  it('ignores what is not a coding', () => {
    expect(codingsIn(undefined)).toEqual([]);
    expect(codingsIn('EMER')).toEqual([]);
    expect(codingsIn([null, 3, { text: 'only text' }])).toEqual([]);
    expect(codingsIn({ coding: [{ system: 1, code: 'c' }] })).toEqual([{ code: 'c' }]);
  });
});

describe('meaningOf', () => {
  it('finds our own flag codes and the SNOMED CT child protection plan concept', () => {
    const table = DEFAULT_SAFEGUARDING_FLAG_TABLE;
    expect(meaningOf([{ system: SAFEGUARDING_FLAG_SYSTEM, code: 'looked-after-child' }], table)).toBe(
      'looked-after-child',
    );
    expect(meaningOf([{ system: SNOMED_CT, code: '342191000000101' }], table)).toBe('child-protection-plan');
  });

  it('needs the system and the code to match', () => {
    expect(meaningOf([{ code: 'child-protection-plan' }], DEFAULT_SAFEGUARDING_FLAG_TABLE)).toBeUndefined();
    expect(meaningOf([{ system: SNOMED_CT, code: 'EMER' }], DEFAULT_CARE_SETTING_TABLE)).toBeUndefined();
  });

  it('maps the default unscheduled-care settings', () => {
    expect(meaningOf([{ system: V3_ACT_CODE, code: 'EMER' }], DEFAULT_CARE_SETTING_TABLE)).toBe(
      'emergency-department',
    );
    expect(meaningOf([{ system: CARE_SETTING_SYSTEM, code: 'ambulance' }], DEFAULT_CARE_SETTING_TABLE)).toBe(
      'ambulance',
    );
    expect(meaningOf([{ system: SNOMED_CT, code: '225728007' }], DEFAULT_CARE_SETTING_TABLE)).toBe(
      'emergency-department',
    );
  });

  it('takes the first coding the table knows, and a region may extend the table', () => {
    const extended = [
      ...DEFAULT_CARE_SETTING_TABLE,
      { system: 'https://region.example/setting', code: 'WIC', means: 'urgent-care' as const },
    ];
    expect(
      meaningOf(
        [
          { system: 'x', code: 'y' },
          { system: 'https://region.example/setting', code: 'WIC' },
        ],
        extended,
      ),
    ).toBe('urgent-care');
  });
});
