import { OBSERVATION_INTERPRETATION_SYSTEM } from './result-flag';
import { LOINC_SYSTEM, UCUM_SYSTEM, analyteById } from './analytes';
import { type CumulativeSource, cumulativeSeries } from './cumulative-series';
import type { Quantity, ResultInput } from './result.types';

const hba1c =
  analyteById('hba1c') ??
  (() => {
    throw new Error('no hba1c');
  })();
const ucum = (value: number, code: string): Quantity => ({ value, system: UCUM_SYSTEM, code, unit: code });
const range = { low: ucum(20, 'mmol/mol'), high: ucum(41, 'mmol/mol') };

function result(overrides: Partial<ResultInput> = {}): ResultInput {
  return {
    code: [{ system: LOINC_SYSTEM, code: '59261-8' }],
    status: 'final',
    valueQuantity: ucum(48, 'mmol/mol'),
    referenceRanges: [range],
    interpretation: [],
    ...overrides,
  };
}

function source(
  reportId: string,
  effectiveAt: string,
  overrides: Partial<CumulativeSource> = {},
): CumulativeSource {
  return { reportId, organisation: 'LAB01', effectiveAt, status: 'final', result: result(), ...overrides };
}

describe('cumulativeSeries', () => {
  it('names the analyte by id, display and unit only', () => {
    expect(cumulativeSeries(hba1c, []).analyte).toEqual({
      id: 'hba1c',
      display: 'HbA1c (IFCC)',
      unit: 'mmol/mol',
    });
  });

  it('is empty with no sources', () => {
    expect(cumulativeSeries(hba1c, []).points).toEqual([]);
  });

  it('makes a point of a result: as sent, normalised, flagged, with its range', () => {
    expect(cumulativeSeries(hba1c, [source('r1', '2026-01-05T09:00:00Z')]).points).toEqual([
      {
        reportId: 'r1',
        organisation: 'LAB01',
        effectiveAt: '2026-01-05T09:00:00Z',
        value: ucum(48, 'mmol/mol'),
        normalised: 48,
        flag: 'abnormal',
        referenceRange: range,
        status: 'final',
      },
    ]);
  });

  it('normalises 6.5 % beside 48 mmol/mol', () => {
    const points = cumulativeSeries(hba1c, [
      source('r1', '2026-01-05T09:00:00Z'),
      source('r2', '2026-04-05T09:00:00Z', {
        result: result({ valueQuantity: ucum(6.5, '%'), referenceRanges: [] }),
      }),
    ]).points;
    expect(points.map((point) => point.normalised)).toEqual([48, 47.5]);
  });

  it('sorts oldest first', () => {
    const points = cumulativeSeries(hba1c, [
      source('a', '2026-03-01T00:00:00Z'),
      source('b', '2025-12-01T00:00:00Z'),
      source('c', '2026-01-01T00:00:00Z'),
    ]).points;
    expect(points.map((point) => point.reportId)).toEqual(['b', 'c', 'a']);
  });

  it('compares instants, not text, across UTC offsets', () => {
    const points = cumulativeSeries(hba1c, [
      source('a', '2026-03-01T09:00:00+01:00'),
      source('b', '2026-03-01T08:30:00Z'),
    ]).points;
    expect(points.map((point) => point.reportId)).toEqual(['a', 'b']);
  });

  it('breaks ties by report id', () => {
    const points = cumulativeSeries(hba1c, [
      source('z', '2026-01-01T00:00:00Z'),
      source('m', '2026-01-01T00:00:00.000Z'),
      source('a', '2026-01-01T00:00:00Z'),
    ]).points;
    expect(points.map((point) => point.reportId)).toEqual(['a', 'm', 'z']);
  });

  it('leaves out results without a quantity', () => {
    const points = cumulativeSeries(hba1c, [
      source('a', '2026-01-01T00:00:00Z', {
        result: result({ valueQuantity: undefined, valueString: 'haemolysed' }),
      }),
    ]).points;
    expect(points).toEqual([]);
  });

  it('keeps a cancelled result, flagged unknown and not normalised', () => {
    const [point] = cumulativeSeries(hba1c, [
      source('a', '2026-01-01T00:00:00Z', {
        status: 'cancelled',
        result: result({
          status: 'cancelled',
          interpretation: [{ system: OBSERVATION_INTERPRETATION_SYSTEM, code: 'HH' }],
        }),
      }),
    ]).points;
    expect(point).toMatchObject({ status: 'cancelled', flag: 'unknown', value: ucum(48, 'mmol/mol') });
    expect(point).not.toHaveProperty('normalised');
  });

  it('treats a source served as entered-in-error as void even if the result says final', () => {
    const [point] = cumulativeSeries(hba1c, [
      source('a', '2026-01-01T00:00:00Z', { status: 'entered-in-error' }),
    ]).points;
    expect(point).toMatchObject({ status: 'entered-in-error', flag: 'unknown' });
    expect(point).not.toHaveProperty('normalised');
  });

  it('shows a comparator value unnormalised', () => {
    const [point] = cumulativeSeries(hba1c, [
      source('a', '2026-01-01T00:00:00Z', {
        result: result({ valueQuantity: { ...ucum(20, 'mmol/mol'), comparator: '<' } }),
      }),
    ]).points;
    expect(point.value.comparator).toBe('<');
    expect(point).not.toHaveProperty('normalised');
  });

  it('has no reference range when none was sent', () => {
    const [point] = cumulativeSeries(hba1c, [
      source('a', '2026-01-01T00:00:00Z', { result: result({ referenceRanges: [] }) }),
    ]).points;
    expect(point).not.toHaveProperty('referenceRange');
    expect(point.flag).toBe('unknown');
  });

  it('keeps the status type it was given', () => {
    type Status = 'final' | 'cancelled';
    const sources: CumulativeSource<Status>[] = [
      {
        reportId: 'a',
        organisation: 'LAB01',
        effectiveAt: '2026-01-01T00:00:00Z',
        status: 'final',
        result: result(),
      },
    ];
    const status: Status = cumulativeSeries(hba1c, sources).points[0].status;
    expect(status).toBe('final');
  });
});
