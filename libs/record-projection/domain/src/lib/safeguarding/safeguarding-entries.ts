import {
  type CareSettingTable,
  codingsIn,
  meaningOf,
  type SafeguardingFlagKind,
  type SafeguardingFlagTable,
  type UnscheduledCareSetting,
} from './safeguarding-codes';

/** What the early warning reads of an entry (the entries view's document fits it). */
export interface SafeguardingEntry {
  readonly entryId: string;
  readonly organisation: string;
  readonly resourceType: string;
  readonly status: 'current' | 'entered-in-error';
  readonly effectiveAt?: string;
  readonly recordedAt: string;
  readonly resource: Readonly<Record<string, unknown>>;
}

/** An active safeguarding flag, as an alert shows it (`SafeguardingFlagSummaryV1`). */
export interface SafeguardingFlag {
  readonly entryId: string;
  readonly kind: SafeguardingFlagKind;
  readonly display: string;
  /** The social-care organisation that recorded it. */
  readonly organisation: string;
  readonly since?: string;
}

/** An unscheduled-care attendance (`UnscheduledAttendanceV1`). */
export interface UnscheduledAttendance {
  readonly entryId: string;
  readonly organisation: string;
  readonly setting: UnscheduledCareSetting;
  /** Normalised ISO instant. */
  readonly at: string;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

function periodOf(resource: SafeguardingEntry['resource']): { start?: string; end?: string } {
  const period = resource['period'];
  if (typeof period !== 'object' || period === null) return {};
  const { start, end } = period as Record<string, unknown>;
  return {
    ...(text(start) === undefined ? {} : { start: text(start) }),
    ...(text(end) === undefined ? {} : { end: text(end) }),
  };
}

/** Milliseconds of an instant or date, or undefined when it does not parse. */
function timeOf(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? undefined : parsed;
}

const isCurrent = (entry: SafeguardingEntry, resourceType: string): boolean =>
  entry.resourceType === resourceType && entry.status === 'current';

/**
 * The entry as a safeguarding flag active at `at`: a current `Flag` coded in the table, with
 * status `active` and a period (if any) that covers the instant (a period end is inclusive; an
 * unparseable bound is ignored rather than guessed).
 */
export function activeSafeguardingFlag(
  entry: SafeguardingEntry,
  table: SafeguardingFlagTable,
  at: string,
): SafeguardingFlag | undefined {
  if (!isCurrent(entry, 'Flag') || entry.resource['status'] !== 'active') return undefined;
  const codings = codingsIn(entry.resource['code']);
  const kind = meaningOf(codings, table);
  if (kind === undefined) return undefined;
  const instant = Date.parse(at);
  const { start, end } = periodOf(entry.resource);
  const from = timeOf(start);
  const until = timeOf(end);
  if (from !== undefined && instant < from) return undefined;
  if (until !== undefined && instant > until) return undefined;
  const codeText = text((entry.resource['code'] as Record<string, unknown> | undefined)?.['text']);
  const display = codeText ?? codings.find((coding) => coding.display !== undefined)?.display ?? kind;
  return {
    entryId: entry.entryId,
    kind,
    display,
    organisation: entry.organisation,
    ...(start === undefined ? {} : { since: start }),
  };
}

/** Encounter statuses that mean the patient did not attend (R4 and R5 names). */
const NOT_ATTENDED = new Set(['planned', 'cancelled', 'entered-in-error', 'discontinued']);

/**
 * The entry as an unscheduled-care attendance: a current `Encounter`, not planned or cancelled,
 * whose `class`, `type` or `serviceType` is in the setting table; at the period start, else the
 * entry's effective time, else when it was recorded.
 */
export function unscheduledAttendance(
  entry: SafeguardingEntry,
  table: CareSettingTable,
): UnscheduledAttendance | undefined {
  if (!isCurrent(entry, 'Encounter')) return undefined;
  const status = text(entry.resource['status']);
  if (status !== undefined && NOT_ATTENDED.has(status)) return undefined;
  const setting = meaningOf(
    [
      ...codingsIn(entry.resource['class']),
      ...codingsIn(entry.resource['type']),
      ...codingsIn(entry.resource['serviceType']),
    ],
    table,
  );
  if (setting === undefined) return undefined;
  const at = timeOf(periodOf(entry.resource).start) ?? timeOf(entry.effectiveAt) ?? timeOf(entry.recordedAt);
  if (at === undefined) return undefined;
  return {
    entryId: entry.entryId,
    organisation: entry.organisation,
    setting,
    at: new Date(at).toISOString(),
  };
}
