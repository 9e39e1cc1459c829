import type { Quantity, ReferenceRange, ResultFlag, ResultInput } from './result.types';

/** The v3 ObservationInterpretation code system labs flag results with. */
export const OBSERVATION_INTERPRETATION_SYSTEM =
  'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation';

/** Result statuses whose value must not be read: the result does not count. */
const VOID_STATUSES: ReadonlySet<string> = new Set(['cancelled', 'entered-in-error']);

// Off scale (`<`, `>`) is beyond what the analyser measures: abnormal, but only the lab's own
// critical codes (HH, LL, AA) make a result critical.
const INTERPRETATION_FLAGS: Readonly<Record<string, ResultFlag>> = {
  HH: 'critical',
  LL: 'critical',
  AA: 'critical',
  H: 'abnormal',
  L: 'abnormal',
  A: 'abnormal',
  HU: 'abnormal',
  LU: 'abnormal',
  '>': 'abnormal',
  '<': 'abnormal',
  POS: 'abnormal',
  N: 'normal',
  NEG: 'normal',
};

const SEVERITY: Readonly<Record<ResultFlag, number>> = { unknown: 0, normal: 1, abnormal: 2, critical: 3 };

/** True when a result was cancelled or entered in error: its value does not count. */
export function isVoidStatus(status: string): boolean {
  return VOID_STATUSES.has(status);
}

/**
 * How a result reads: the lab's own interpretation when it sent one we know, else its quantity
 * against the first reference range in the same unit; `unknown` when neither can be read, and for
 * cancelled or entered-in-error results.
 */
export function flagOfResult(result: ResultInput): ResultFlag {
  if (isVoidStatus(result.status)) return 'unknown';
  return flagOfInterpretation(result) ?? flagAgainstRange(result.valueQuantity, result.referenceRanges);
}

/** The worst of some flags: critical > abnormal > normal > unknown; none → `unknown`. */
export function worstFlag(flags: readonly ResultFlag[]): ResultFlag {
  return flags.reduce<ResultFlag>(
    (worst, flag) => (SEVERITY[flag] > SEVERITY[worst] ? flag : worst),
    'unknown',
  );
}

function flagOfInterpretation(result: ResultInput): ResultFlag | undefined {
  const flags = result.interpretation
    .filter((coding) => coding.system === OBSERVATION_INTERPRETATION_SYSTEM)
    .map((coding) => INTERPRETATION_FLAGS[coding.code])
    .filter((flag): flag is ResultFlag => flag !== undefined);
  return flags.length > 0 ? worstFlag(flags) : undefined;
}

function flagAgainstRange(value: Quantity | undefined, ranges: readonly ReferenceRange[]): ResultFlag {
  if (value === undefined || !Number.isFinite(value.value)) return 'unknown';
  const range = ranges.find((candidate) => isComparableRange(candidate, value));
  if (range === undefined) return 'unknown';
  const low = range.low?.value;
  const high = range.high?.value;
  switch (value.comparator) {
    // `<x` lies somewhere below x: abnormal only when all of it is below the low bound.
    case '<':
      return low !== undefined && value.value <= low ? 'abnormal' : 'unknown';
    case '<=':
      return low !== undefined && value.value < low ? 'abnormal' : 'unknown';
    case '>':
      return high !== undefined && value.value >= high ? 'abnormal' : 'unknown';
    case '>=':
      return high !== undefined && value.value > high ? 'abnormal' : 'unknown';
    case undefined:
      return (low !== undefined && value.value < low) || (high !== undefined && value.value > high)
        ? 'abnormal'
        : 'normal';
  }
}

function isComparableRange(range: ReferenceRange, value: Quantity): boolean {
  const bounds = [range.low, range.high].filter((bound): bound is Quantity => bound !== undefined);
  return (
    bounds.length > 0 &&
    bounds.every((bound) => Number.isFinite(bound.value) && unitKey(bound) === unitKey(value))
  );
}

// The UCUM code when sent, else the human-readable unit: two quantities agree only when these do.
function unitKey(quantity: Quantity): string | undefined {
  return quantity.code ?? quantity.unit;
}
