import { OBSERVATION_INTERPRETATION_SYSTEM, flagOfResult, isVoidStatus, worstFlag } from './result-flag';
import type { Coding, Quantity, ReferenceRange, ResultInput } from './result.types';

const mmol = (value: number, comparator?: Quantity['comparator']): Quantity => ({
  value,
  unit: 'mmol/L',
  system: 'http://unitsofmeasure.org',
  code: 'mmol/L',
  ...(comparator ? { comparator } : {}),
});
const interpretation = (code: string): Coding => ({ system: OBSERVATION_INTERPRETATION_SYSTEM, code });
const potassiumRange: ReferenceRange = { low: mmol(3.5), high: mmol(5.3) };

function result(overrides: Partial<ResultInput> = {}): ResultInput {
  return {
    code: [{ system: 'http://loinc.org', code: '2823-3' }],
    status: 'final',
    referenceRanges: [],
    interpretation: [],
    ...overrides,
  };
}

describe('flagOfResult', () => {
  describe('the lab’s interpretation', () => {
    it.each(['HH', 'LL', 'AA'])('%s is critical', (code) => {
      expect(flagOfResult(result({ interpretation: [interpretation(code)] }))).toBe('critical');
    });

    it.each(['H', 'L', 'A', 'HU', 'LU', 'POS', '>', '<'])('%s is abnormal', (code) => {
      expect(flagOfResult(result({ interpretation: [interpretation(code)] }))).toBe('abnormal');
    });

    it.each(['N', 'NEG'])('%s is normal', (code) => {
      expect(flagOfResult(result({ interpretation: [interpretation(code)] }))).toBe('normal');
    });

    it('potassium 6.8 with HH is critical', () => {
      expect(
        flagOfResult(
          result({
            valueQuantity: mmol(6.8),
            referenceRanges: [potassiumRange],
            interpretation: [interpretation('HH')],
          }),
        ),
      ).toBe('critical');
    });

    it('wins over the range: N on a value outside it stays normal', () => {
      expect(
        flagOfResult(
          result({
            valueQuantity: mmol(5.9),
            referenceRanges: [potassiumRange],
            interpretation: [interpretation('N')],
          }),
        ),
      ).toBe('normal');
    });

    it('wins over the range: H on a value inside it stays abnormal', () => {
      expect(
        flagOfResult(
          result({
            valueQuantity: mmol(4.1),
            referenceRanges: [potassiumRange],
            interpretation: [interpretation('H')],
          }),
        ),
      ).toBe('abnormal');
    });

    it('takes the worst of several codes', () => {
      expect(flagOfResult(result({ interpretation: [interpretation('N'), interpretation('LL')] }))).toBe(
        'critical',
      );
    });

    it('ignores codes of another system and falls back to the range', () => {
      expect(
        flagOfResult(
          result({
            valueQuantity: mmol(5.9),
            referenceRanges: [potassiumRange],
            interpretation: [{ system: 'urn:lab:flags', code: 'N' }],
          }),
        ),
      ).toBe('abnormal');
    });

    it('ignores v3 codes that do not say high or low (e.g. IND) and falls back to the range', () => {
      expect(
        flagOfResult(
          result({
            valueQuantity: mmol(4.0),
            referenceRanges: [potassiumRange],
            interpretation: [interpretation('IND')],
          }),
        ),
      ).toBe('normal');
    });

    it('reads a flagged text result', () => {
      expect(flagOfResult(result({ valueString: 'Detected', interpretation: [interpretation('POS')] }))).toBe(
        'abnormal',
      );
    });
  });

  describe('the value against its reference range', () => {
    it('K 5.9 with range 3.5–5.3 and no interpretation is abnormal', () => {
      expect(flagOfResult(result({ valueQuantity: mmol(5.9), referenceRanges: [potassiumRange] }))).toBe(
        'abnormal',
      );
    });

    it('below the low bound is abnormal', () => {
      expect(flagOfResult(result({ valueQuantity: mmol(3.1), referenceRanges: [potassiumRange] }))).toBe(
        'abnormal',
      );
    });

    it('inside the range is normal', () => {
      expect(flagOfResult(result({ valueQuantity: mmol(4.2), referenceRanges: [potassiumRange] }))).toBe(
        'normal',
      );
    });

    it('on a bound is normal', () => {
      expect(flagOfResult(result({ valueQuantity: mmol(5.3), referenceRanges: [potassiumRange] }))).toBe(
        'normal',
      );
      expect(flagOfResult(result({ valueQuantity: mmol(3.5), referenceRanges: [potassiumRange] }))).toBe(
        'normal',
      );
    });

    it('reads a range with a high bound only', () => {
      expect(flagOfResult(result({ valueQuantity: mmol(5.5), referenceRanges: [{ high: mmol(5.0) }] }))).toBe(
        'abnormal',
      );
      expect(flagOfResult(result({ valueQuantity: mmol(4.5), referenceRanges: [{ high: mmol(5.0) }] }))).toBe(
        'normal',
      );
    });

    it('uses the first range whose unit agrees', () => {
      const mgdl = (value: number): Quantity => ({
        value,
        system: 'http://unitsofmeasure.org',
        code: 'mg/dL',
      });
      const ranges = [{ low: mgdl(70), high: mgdl(100) }, potassiumRange, { low: mmol(6), high: mmol(7) }];
      expect(flagOfResult(result({ valueQuantity: mmol(4.2), referenceRanges: ranges }))).toBe('normal');
    });

    it('agrees on the human unit when no code was sent', () => {
      expect(
        flagOfResult(
          result({
            valueQuantity: { value: 6, unit: 'mmol/L' },
            referenceRanges: [{ low: { value: 3.5, unit: 'mmol/L' }, high: { value: 5.3, unit: 'mmol/L' } }],
          }),
        ),
      ).toBe('abnormal');
    });

    it('is unknown when no range has a comparable unit', () => {
      expect(
        flagOfResult(
          result({
            valueQuantity: mmol(5.9),
            referenceRanges: [{ low: { value: 3.5, code: 'meq/L' }, high: { value: 5.3, code: 'meq/L' } }],
          }),
        ),
      ).toBe('unknown');
    });

    it('is unknown when a bound has no unit but the value has one', () => {
      expect(
        flagOfResult(
          result({
            valueQuantity: mmol(5.9),
            referenceRanges: [{ low: { value: 3.5 }, high: { value: 5.3 } }],
          }),
        ),
      ).toBe('unknown');
    });

    it('is unknown for a range given as text only', () => {
      expect(
        flagOfResult(result({ valueQuantity: mmol(5.9), referenceRanges: [{ text: '3.5 to 5.3' }] })),
      ).toBe('unknown');
    });

    it('is unknown with no range', () => {
      expect(flagOfResult(result({ valueQuantity: mmol(5.9) }))).toBe('unknown');
    });

    it('is unknown with no value and no interpretation', () => {
      expect(flagOfResult(result({ valueString: 'See comment', referenceRanges: [potassiumRange] }))).toBe(
        'unknown',
      );
    });

    it('reads `<x` as abnormal only when all of it lies below the low bound', () => {
      expect(flagOfResult(result({ valueQuantity: mmol(3.5, '<'), referenceRanges: [potassiumRange] }))).toBe(
        'abnormal',
      );
      expect(flagOfResult(result({ valueQuantity: mmol(4, '<'), referenceRanges: [potassiumRange] }))).toBe(
        'unknown',
      );
      expect(
        flagOfResult(result({ valueQuantity: mmol(3.5, '<='), referenceRanges: [potassiumRange] })),
      ).toBe('unknown');
      expect(
        flagOfResult(result({ valueQuantity: mmol(3.4, '<='), referenceRanges: [potassiumRange] })),
      ).toBe('abnormal');
    });

    it('reads `>x` as abnormal only when all of it lies above the high bound', () => {
      expect(flagOfResult(result({ valueQuantity: mmol(5.3, '>'), referenceRanges: [potassiumRange] }))).toBe(
        'abnormal',
      );
      expect(flagOfResult(result({ valueQuantity: mmol(5, '>'), referenceRanges: [potassiumRange] }))).toBe(
        'unknown',
      );
      expect(
        flagOfResult(result({ valueQuantity: mmol(5.3, '>='), referenceRanges: [potassiumRange] })),
      ).toBe('unknown');
      expect(
        flagOfResult(result({ valueQuantity: mmol(5.4, '>='), referenceRanges: [potassiumRange] })),
      ).toBe('abnormal');
    });
  });

  describe('a void result', () => {
    it.each(['cancelled', 'entered-in-error'])('%s is unknown whatever the lab flagged', (status) => {
      expect(
        flagOfResult(
          result({
            status,
            valueQuantity: mmol(6.8),
            referenceRanges: [potassiumRange],
            interpretation: [interpretation('HH')],
          }),
        ),
      ).toBe('unknown');
    });

    it('other statuses count', () => {
      expect(isVoidStatus('amended')).toBe(false);
      expect(isVoidStatus('preliminary')).toBe(false);
      expect(isVoidStatus('cancelled')).toBe(true);
    });
  });
});

describe('worstFlag', () => {
  it('is unknown for none', () => {
    expect(worstFlag([])).toBe('unknown');
  });

  it('ranks critical over abnormal over normal over unknown', () => {
    expect(worstFlag(['normal', 'critical', 'abnormal'])).toBe('critical');
    expect(worstFlag(['normal', 'abnormal', 'unknown'])).toBe('abnormal');
    expect(worstFlag(['unknown', 'normal'])).toBe('normal');
    expect(worstFlag(['unknown', 'unknown'])).toBe('unknown');
  });
});
