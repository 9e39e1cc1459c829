import type { RecordReportRequestV1 } from '@ilinks/diagnostics/contracts';
import {
  analyteOf,
  flagOfResult,
  normalisedValue,
  type RecordedResult,
  type ResultFlag,
  worstFlag,
} from '@ilinks/diagnostics/domain';

type ResultInputV1 = RecordReportRequestV1['results'][number];

/** A result as sent, read: its flag, the analyte it measures and its value in that analyte's unit. */
export function readResult(result: ResultInputV1): RecordedResult {
  const analyte = analyteOf(result.code);
  const normalised =
    analyte === undefined || result.valueQuantity === undefined
      ? undefined
      : normalisedValue(result.valueQuantity, analyte);
  return {
    ...result,
    flag: flagOfResult(result),
    ...(analyte === undefined ? {} : { analyte: analyte.id }),
    ...(normalised === undefined ? {} : { normalised }),
  };
}

/** The report's flag: the worst of its results' (cancelled results read `unknown`, so they never count). */
export function reportFlagOf(results: readonly RecordedResult[]): ResultFlag {
  return worstFlag(results.map((result) => result.flag));
}
