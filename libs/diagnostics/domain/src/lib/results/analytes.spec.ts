import {
  ANALYTE_DEFINITIONS,
  LOINC_SYSTEM,
  SNOMED_SYSTEM,
  UCUM_SYSTEM,
  analyteById,
  analyteOf,
  normalisedValue,
} from './analytes';
import type { Quantity } from './result.types';

const ucum = (value: number, code: string, extra: Partial<Quantity> = {}): Quantity => ({
  value,
  system: UCUM_SYSTEM,
  code,
  unit: code,
  ...extra,
});
const definition = (id: string) => {
  const found = analyteById(id);
  if (found === undefined) throw new Error(`no analyte ${id}`);
  return found;
};

describe('ANALYTE_DEFINITIONS', () => {
  // The contract's ANALYTES (domain may not import contracts; the feature's spec can compare both).
  it('defines every analyte of the contract with its id, display and unit', () => {
    expect(ANALYTE_DEFINITIONS.map(({ id, display, unit }) => ({ id, display, unit }))).toEqual([
      { id: 'hba1c', display: 'HbA1c (IFCC)', unit: 'mmol/mol' },
      { id: 'egfr', display: 'eGFR', unit: 'mL/min/{1.73_m2}' },
      { id: 'creatinine', display: 'Serum creatinine', unit: 'umol/L' },
      { id: 'potassium', display: 'Serum potassium', unit: 'mmol/L' },
      { id: 'sodium', display: 'Serum sodium', unit: 'mmol/L' },
      { id: 'glucose', display: 'Plasma glucose', unit: 'mmol/L' },
      { id: 'haemoglobin', display: 'Haemoglobin', unit: 'g/L' },
      { id: 'cholesterol', display: 'Total cholesterol', unit: 'mmol/L' },
    ]);
  });

  it('lists no code under two analytes', () => {
    const keys = ANALYTE_DEFINITIONS.flatMap((analyte) =>
      analyte.codes.map((code) => `${code.system}|${code.code}`),
    );
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('analyteOf', () => {
  it.each([
    [LOINC_SYSTEM, '4548-4', 'hba1c'],
    [LOINC_SYSTEM, '59261-8', 'hba1c'],
    [SNOMED_SYSTEM, '999791000000106', 'hba1c'],
    [LOINC_SYSTEM, '62238-1', 'egfr'],
    [LOINC_SYSTEM, '98979-8', 'egfr'],
    [LOINC_SYSTEM, '14682-9', 'creatinine'],
    [LOINC_SYSTEM, '2823-3', 'potassium'],
    [SNOMED_SYSTEM, '1000661000000107', 'sodium'],
    [LOINC_SYSTEM, '15074-8', 'glucose'],
    [LOINC_SYSTEM, '718-7', 'haemoglobin'],
    [LOINC_SYSTEM, '2093-3', 'cholesterol'],
  ])('%s|%s measures %s', (system, code, id) => {
    expect(analyteOf([{ system, code }])?.id).toBe(id);
  });

  it('skips a local code and finds the LOINC one after it', () => {
    expect(
      analyteOf([
        { system: 'urn:lab:codes', code: 'K' },
        { system: LOINC_SYSTEM, code: '2823-3' },
      ])?.id,
    ).toBe('potassium');
  });

  it('needs the system to match, not only the code', () => {
    expect(analyteOf([{ system: SNOMED_SYSTEM, code: '2823-3' }])).toBeUndefined();
  });

  it('is undefined for an unknown code or none', () => {
    expect(analyteOf([{ system: LOINC_SYSTEM, code: '1234-5' }])).toBeUndefined();
    expect(analyteOf([])).toBeUndefined();
  });
});

describe('normalisedValue', () => {
  it('keeps a value already in the canonical unit as sent: HbA1c 48 mmol/mol', () => {
    expect(normalisedValue(ucum(48, 'mmol/mol'), definition('hba1c'))).toEqual({
      value: 48,
      unit: 'mmol/mol',
    });
  });

  it('converts HbA1c 6.5 % to 47.5 mmol/mol by the IFCC–NGSP master equation', () => {
    expect(normalisedValue(ucum(6.5, '%'), definition('hba1c'))).toEqual({ value: 47.5, unit: 'mmol/mol' });
  });

  it('converts HbA1c 10 % to 85.8 mmol/mol', () => {
    expect(normalisedValue(ucum(10, '%'), definition('hba1c'))?.value).toBe(85.8);
  });

  it('converts creatinine 1.2 mg/dL to 106 umol/L', () => {
    expect(normalisedValue(ucum(1.2, 'mg/dL'), definition('creatinine'))).toEqual({
      value: 106,
      unit: 'umol/L',
    });
  });

  it('keeps every integer digit of a large converted value', () => {
    expect(normalisedValue(ucum(15, 'mg/dL'), definition('creatinine'))?.value).toBe(1326);
  });

  it('converts glucose 100 mg/dL to 5.55 mmol/L', () => {
    expect(normalisedValue(ucum(100, 'mg/dL'), definition('glucose'))?.value).toBe(5.55);
  });

  it('converts cholesterol 200 mg/dL to 5.17 mmol/L', () => {
    expect(normalisedValue(ucum(200, 'mg/dL'), definition('cholesterol'))?.value).toBe(5.17);
  });

  it('converts haemoglobin 13.5 g/dL to 135 g/L', () => {
    expect(normalisedValue(ucum(13.5, 'g/dL'), definition('haemoglobin'))).toEqual({
      value: 135,
      unit: 'g/L',
    });
  });

  it('takes potassium in meq/L as mmol/L', () => {
    expect(normalisedValue(ucum(4.1, 'meq/L'), definition('potassium'))).toEqual({
      value: 4.1,
      unit: 'mmol/L',
    });
  });

  it('converts small values without float noise', () => {
    expect(normalisedValue(ucum(0.3, 'mg/dL'), definition('creatinine'))?.value).toBe(26.5);
    expect(normalisedValue(ucum(1, 'mg/dL'), definition('glucose'))?.value).toBe(0.0555);
  });

  it('accepts a UCUM code sent with no system', () => {
    expect(normalisedValue({ value: 5.1, code: 'mmol/L' }, definition('potassium'))?.value).toBe(5.1);
  });

  it('does not normalise a comparator: `<5` cannot be plotted as 5', () => {
    expect(
      normalisedValue(ucum(5, 'mL/min/{1.73_m2}', { comparator: '<' }), definition('egfr')),
    ).toBeUndefined();
    expect(
      normalisedValue(ucum(90, 'mL/min/{1.73_m2}', { comparator: '>' }), definition('egfr')),
    ).toBeUndefined();
  });

  it('does not normalise a unit with no listed conversion', () => {
    expect(normalisedValue(ucum(5.1, 'mg/dL'), definition('potassium'))).toBeUndefined();
    expect(normalisedValue(ucum(60, 'mL/min'), definition('egfr'))).toBeUndefined();
  });

  it('does not normalise a unit of another system', () => {
    expect(
      normalisedValue({ value: 5.1, system: 'urn:lab:units', code: 'mmol/L' }, definition('potassium')),
    ).toBeUndefined();
  });

  it('does not normalise a human-readable unit without a code', () => {
    expect(normalisedValue({ value: 5.1, unit: 'mmol/L' }, definition('potassium'))).toBeUndefined();
  });

  it('matches UCUM codes case-sensitively', () => {
    expect(normalisedValue(ucum(5.1, 'MMOL/L'), definition('potassium'))).toBeUndefined();
  });
});
