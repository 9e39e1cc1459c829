import { readResult, reportFlagOf } from './report-reading';

const LOINC = 'http://loinc.org';
const UCUM = 'http://unitsofmeasure.org';
const V3 = 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation';

const potassium = (value: number, flag: string, status: 'final' | 'cancelled' = 'final') => ({
  code: [{ system: LOINC, code: '2823-3' }],
  status,
  valueQuantity: { value, unit: 'mmol/L', system: UCUM, code: 'mmol/L' },
  referenceRanges: [],
  interpretation: [{ system: V3, code: flag }],
  resource: {},
});

describe('readResult', () => {
  it('reads the flag, analyte and normalised value of a result', () => {
    expect(readResult(potassium(6.8, 'HH'))).toMatchObject({
      flag: 'critical',
      analyte: 'potassium',
      normalised: { value: 6.8, unit: 'mmol/L' },
    });
  });

  it('leaves out analyte and value for an unknown code', () => {
    const result = readResult({ ...potassium(1, 'N'), code: [{ system: 'urn:lab', code: 'X1' }] });
    expect(result.analyte).toBeUndefined();
    expect(result.normalised).toBeUndefined();
    expect(result.flag).toBe('normal');
  });
});

describe('reportFlagOf', () => {
  it('is the worst flag of the results', () => {
    expect(reportFlagOf([readResult(potassium(4, 'N')), readResult(potassium(6.8, 'HH'))])).toBe('critical');
  });

  it('does not count cancelled results', () => {
    expect(reportFlagOf([readResult(potassium(4, 'N')), readResult(potassium(6.8, 'HH', 'cancelled'))])).toBe(
      'normal',
    );
  });

  it('is unknown without results', () => {
    expect(reportFlagOf([])).toBe('unknown');
  });
});
