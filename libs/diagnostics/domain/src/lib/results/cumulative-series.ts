import { type AnalyteDefinition, normalisedValue } from './analytes';
import { flagOfResult, isVoidStatus } from './result-flag';
import type { Quantity, ReferenceRange, ResultFlag, ResultInput } from './result.types';

/** One result of a person's report that measures the series' analyte (current revisions only). */
export interface CumulativeSource<S extends string = string> {
  readonly reportId: string;
  /** The lab. */
  readonly organisation: string;
  /** When it was measured (the result's, else the report's effective time, else its issue time). */
  readonly effectiveAt: string;
  /** The result's status, as it is served. */
  readonly status: S;
  readonly result: ResultInput;
}

/** One point of a series: shaped like the contract's `CumulativePointV1`. */
export interface CumulativePoint<S extends string = string> {
  readonly reportId: string;
  readonly organisation: string;
  readonly effectiveAt: string;
  /** As sent. */
  readonly value: Quantity;
  /** In the series unit; absent when not safely convertible, or the result was cancelled. */
  readonly normalised?: number;
  readonly flag: ResultFlag;
  readonly referenceRange?: ReferenceRange;
  readonly status: S;
}

/** A person's results for one analyte: shaped like the contract's `CumulativeSeriesV1`. */
export interface CumulativeSeries<S extends string = string> {
  readonly analyte: { readonly id: string; readonly display: string; readonly unit: string };
  /** Oldest first (by report id on ties); cancelled results kept, flagged `unknown`. */
  readonly points: readonly CumulativePoint<S>[];
}

/**
 * The cumulative series of an analyte: a point for every source with a quantity, oldest first.
 * Cancelled and entered-in-error results are kept (shown, flagged `unknown`, never normalised so
 * they are not plotted).
 */
export function cumulativeSeries<S extends string>(
  analyte: AnalyteDefinition,
  sources: readonly CumulativeSource<S>[],
): CumulativeSeries<S> {
  const points = sources.flatMap((source) => {
    const point = pointOf(analyte, source);
    return point === undefined ? [] : [point];
  });
  return {
    analyte: { id: analyte.id, display: analyte.display, unit: analyte.unit },
    points: [...points].sort(byTimeThenReport),
  };
}

function pointOf<S extends string>(
  analyte: AnalyteDefinition,
  source: CumulativeSource<S>,
): CumulativePoint<S> | undefined {
  const value = source.result.valueQuantity;
  if (value === undefined) return undefined;
  const isVoid = isVoidStatus(source.status) || isVoidStatus(source.result.status);
  const normalised = isVoid ? undefined : normalisedValue(value, analyte);
  const referenceRange = source.result.referenceRanges[0];
  return {
    reportId: source.reportId,
    organisation: source.organisation,
    effectiveAt: source.effectiveAt,
    value,
    ...(normalised === undefined ? {} : { normalised: normalised.value }),
    flag: isVoid ? 'unknown' : flagOfResult(source.result),
    ...(referenceRange === undefined ? {} : { referenceRange }),
    status: source.status,
  };
}

function byTimeThenReport(a: CumulativePoint, b: CumulativePoint): number {
  return compareInstants(a.effectiveAt, b.effectiveAt) || compareText(a.reportId, b.reportId);
}

// By instant, so that differing UTC offsets compare correctly; unparsable dates as text.
function compareInstants(a: string, b: string): number {
  const difference = Date.parse(a) - Date.parse(b);
  return Number.isNaN(difference) ? compareText(a, b) : difference;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
