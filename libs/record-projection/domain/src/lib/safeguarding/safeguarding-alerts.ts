import { deterministicUuid } from '@ilinks/shared/kernel';
import type { CareSettingTable, SafeguardingFlagTable } from './safeguarding-codes';
import {
  activeSafeguardingFlag,
  type SafeguardingEntry,
  type SafeguardingFlag,
  type UnscheduledAttendance,
  unscheduledAttendance,
} from './safeguarding-entries';
import { type PatternRule, patternWindows } from './safeguarding-pattern';

export type SafeguardingAlertKind = 'child-protection-flag' | 'unscheduled-care-pattern';
export type SafeguardingAlertAudience = 'attending-service' | 'social-care' | 'safeguarding-hub';

/** What the early warning is configured with. */
export interface SafeguardingSettings {
  readonly flagTable: SafeguardingFlagTable;
  readonly settingTable: CareSettingTable;
  /** The region's safeguarding hub (an ODS code), addressed by pattern alerts. */
  readonly hubOrganisation: string;
  readonly pattern: PatternRule;
}

/** One alert to one organisation, as raised (the `SafeguardingAlertV1` fields known at raise time). */
export interface SafeguardingAlertRaisedData {
  readonly alertId: string;
  readonly kind: SafeguardingAlertKind;
  readonly personId: string;
  readonly organisation: string;
  readonly audience: SafeguardingAlertAudience;
  readonly trigger: UnscheduledAttendance;
  readonly flags: readonly SafeguardingFlag[];
  readonly attendances: readonly UnscheduledAttendance[];
  readonly raisedAt: string;
}

const ALERT_NAMESPACE = 'ilinks:record:safeguarding-alert';

/**
 * An alert's id: its kind, the attendance that raised it and the organisation it is addressed to.
 * The same attendance seen again (a redelivery, a revision) names the same alerts.
 */
export function safeguardingAlertIdFor(
  kind: SafeguardingAlertKind,
  triggerEntryId: string,
  organisation: string,
): string {
  return deterministicUuid(ALERT_NAMESPACE, `${kind}|${triggerEntryId}|${organisation}`);
}

/** What one decision looks at. */
export interface AttendanceToAssess {
  readonly personId: string;
  /** The Encounter just recorded or revised (its newest version). */
  readonly encounter: SafeguardingEntry;
  /** The person's entries: flags and earlier attendances (a stale copy of the encounter is replaced). */
  readonly entries: readonly SafeguardingEntry[];
  readonly settings: SafeguardingSettings;
  readonly raisedAt: string;
}

const byEntryId = <T extends { entryId: string }>(a: T, b: T): number =>
  a.entryId < b.entryId ? -1 : a.entryId > b.entryId ? 1 : 0;

function activeFlags(input: AttendanceToAssess, at: string): SafeguardingFlag[] {
  return input.entries
    .map((entry) => activeSafeguardingFlag(entry, input.settings.flagTable, at))
    .filter((flag): flag is SafeguardingFlag => flag !== undefined)
    .sort(byEntryId);
}

/** The flagging organisations, once each, in a stable order, except one already addressed. */
function flaggingOrganisations(flags: readonly SafeguardingFlag[], except: string): string[] {
  return [...new Set(flags.map((flag) => flag.organisation))].filter((org) => org !== except).sort();
}

function alert(
  input: AttendanceToAssess,
  fields: Omit<SafeguardingAlertRaisedData, 'alertId' | 'personId' | 'raisedAt'>,
): SafeguardingAlertRaisedData {
  return {
    alertId: safeguardingAlertIdFor(fields.kind, fields.trigger.entryId, fields.organisation),
    personId: input.personId,
    raisedAt: input.raisedAt,
    ...fields,
  };
}

function flagAlerts(
  input: AttendanceToAssess,
  trigger: UnscheduledAttendance,
): SafeguardingAlertRaisedData[] {
  const flags = activeFlags(input, trigger.at);
  if (flags.length === 0) return [];
  const common = { kind: 'child-protection-flag' as const, trigger, flags, attendances: [] };
  return [
    alert(input, { ...common, organisation: trigger.organisation, audience: 'attending-service' }),
    ...flaggingOrganisations(flags, trigger.organisation).map((organisation) =>
      alert(input, { ...common, organisation, audience: 'social-care' }),
    ),
  ];
}

function patternAlerts(
  input: AttendanceToAssess,
  trigger: UnscheduledAttendance,
): SafeguardingAlertRaisedData[] {
  const attendances = new Map<string, UnscheduledAttendance>([[trigger.entryId, trigger]]);
  for (const entry of input.entries) {
    if (entry.entryId === trigger.entryId) continue;
    const attendance = unscheduledAttendance(entry, input.settings.settingTable);
    if (attendance) attendances.set(attendance.entryId, attendance);
  }
  const window = patternWindows([...attendances.values()], input.settings.pattern).find((candidate) =>
    candidate.attendances.some((attendance) => attendance.entryId === trigger.entryId),
  );
  if (!window) return [];
  const flags = activeFlags(input, window.raisedBy.at);
  const hub = input.settings.hubOrganisation;
  const common = {
    kind: 'unscheduled-care-pattern' as const,
    trigger: window.raisedBy,
    flags,
    attendances: window.attendances,
  };
  return [
    alert(input, { ...common, organisation: hub, audience: 'safeguarding-hub' }),
    ...flaggingOrganisations(flags, hub).map((organisation) =>
      alert(input, { ...common, organisation, audience: 'social-care' }),
    ),
  ];
}

const DAY_MS = 86_400_000;

/**
 * Only an attendance within the pattern's window before the assessment warns anyone: a service
 * deployed onto a region's history (or a partner back-loading old encounters) must not page social
 * care about attendances from years ago.
 */
function isRecent(trigger: UnscheduledAttendance, settings: SafeguardingSettings, now: string): boolean {
  return Date.parse(trigger.at) >= Date.parse(now) - settings.pattern.days * DAY_MS;
}

/**
 * Whether an Encounter can raise any alert at all at `now`: an unscheduled-care attendance within
 * the pattern window. Anything else (a clinic visit, a home visit, an old attendance) is not worth
 * loading the person's record for.
 */
export function isAttendanceToAssess(
  encounter: SafeguardingEntry,
  settings: SafeguardingSettings,
  now: string,
): boolean {
  const attendance = unscheduledAttendance(encounter, settings.settingTable);
  return attendance !== undefined && isRecent(attendance, settings, now);
}

/**
 * The alerts one recorded Encounter stands for (raising one already raised is a no-op downstream,
 * by its id). None unless it is an unscheduled-care attendance within the last `pattern.days`. With an active safeguarding flag
 * at the attendance: a `child-protection-flag` alert to the attending organisation and one to each
 * other flagging organisation. When the attendance belongs to a window that meets the pattern rule
 * (see {@link patternWindows}): an `unscheduled-care-pattern` alert, triggered by the attendance
 * that completed the window, to the hub and each other organisation flagging the child then.
 */
export function alertsForAttendance(input: AttendanceToAssess): SafeguardingAlertRaisedData[] {
  const trigger = unscheduledAttendance(input.encounter, input.settings.settingTable);
  if (!trigger || !isRecent(trigger, input.settings, input.raisedAt)) return [];
  return [...flagAlerts(input, trigger), ...patternAlerts(input, trigger)];
}
