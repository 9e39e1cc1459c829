import type { UnscheduledAttendance } from './safeguarding-entries';

/** Attendances ≥ `attendances` across ≥ `organisations` organisations within `days` days. */
export interface PatternRule {
  readonly attendances: number;
  readonly organisations: number;
  readonly days: number;
}

export const DEFAULT_PATTERN_RULE: PatternRule = { attendances: 3, organisations: 2, days: 30 };

/** A window that met the rule: the attendance that completed it and the attendances in it. */
export interface PatternWindow {
  readonly raisedBy: UnscheduledAttendance;
  /** Oldest first. */
  readonly attendances: readonly UnscheduledAttendance[];
}

const DAY_MS = 24 * 60 * 60 * 1000;

const chronological = (a: UnscheduledAttendance, b: UnscheduledAttendance): number =>
  Date.parse(a.at) - Date.parse(b.at) || (a.entryId < b.entryId ? -1 : a.entryId > b.entryId ? 1 : 0);

/**
 * The windows a person's attendances raise, worked out from the attendances alone (so every
 * delivery, in any order, gives the same answer). In time order (ties by entry id), each
 * attendance closes a window: itself and the earlier attendances at most `days` days before it
 * that no earlier window used. When that window meets the rule it is raised, and its attendances
 * are used up: a further attendance counts towards a new window only with attendances not
 * already alerted on, so a cluster raises one alert, not one per further attendance.
 */
export function patternWindows(
  attendances: readonly UnscheduledAttendance[],
  rule: PatternRule,
): PatternWindow[] {
  const sorted = [...attendances].sort(chronological);
  const used = new Set<string>();
  const windows: PatternWindow[] = [];
  sorted.forEach((closing, index) => {
    const end = Date.parse(closing.at);
    const window = sorted
      .slice(0, index + 1)
      .filter((attendance) => !used.has(attendance.entryId))
      .filter((attendance) => end - Date.parse(attendance.at) <= rule.days * DAY_MS);
    const organisations = new Set(window.map((attendance) => attendance.organisation));
    if (window.length < rule.attendances || organisations.size < rule.organisations) return;
    for (const attendance of window) used.add(attendance.entryId);
    windows.push({ raisedBy: closing, attendances: window });
  });
  return windows;
}
