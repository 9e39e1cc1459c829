import {
  DEFAULT_CARE_SETTING_TABLE,
  DEFAULT_SAFEGUARDING_FLAG_TABLE,
  SAFEGUARDING_FLAG_SYSTEM,
  V3_ACT_CODE,
} from './safeguarding-codes';
import {
  type AttendanceToAssess,
  alertsForAttendance,
  isAttendanceToAssess,
  safeguardingAlertIdFor,
} from './safeguarding-alerts';
import type { SafeguardingEntry } from './safeguarding-entries';
import { DEFAULT_PATTERN_RULE } from './safeguarding-pattern';

const personId = '11111111-1111-4111-8111-111111111111';
const settings = {
  flagTable: DEFAULT_SAFEGUARDING_FLAG_TABLE,
  settingTable: DEFAULT_CARE_SETTING_TABLE,
  hubOrganisation: 'SGHUB',
  pattern: DEFAULT_PATTERN_RULE,
};
const day = (n: number) => new Date(Date.UTC(2026, 0, n, 10)).toISOString();

const flag = (entryId: string, organisation: string): SafeguardingEntry => ({
  entryId,
  organisation,
  resourceType: 'Flag',
  status: 'current',
  recordedAt: day(1),
  resource: {
    resourceType: 'Flag',
    status: 'active',
    code: {
      coding: [{ system: SAFEGUARDING_FLAG_SYSTEM, code: 'child-protection-plan', display: 'CP plan' }],
    },
  },
});

const visit = (entryId: string, organisation: string, n: number, classCode = 'EMER'): SafeguardingEntry => ({
  entryId,
  organisation,
  resourceType: 'Encounter',
  status: 'current',
  effectiveAt: day(n),
  recordedAt: day(n),
  resource: {
    resourceType: 'Encounter',
    status: 'finished',
    class: { system: V3_ACT_CODE, code: classCode },
  },
});

const assess = (encounter: SafeguardingEntry, entries: SafeguardingEntry[]): AttendanceToAssess => ({
  personId,
  encounter,
  entries,
  settings,
  raisedAt: '2026-02-01T00:00:00.000Z',
});
const addressed = (input: AttendanceToAssess) =>
  alertsForAttendance(input).map((alert) => [alert.kind, alert.organisation, alert.audience]);

describe('alertsForAttendance', () => {
  it('raises nothing for an attendance without a flag or pattern', () => {
    expect(alertsForAttendance(assess(visit('e1', 'HOSP1', 5), []))).toEqual([]);
  });

  it('raises nothing for scheduled care, even with a flag', () => {
    expect(alertsForAttendance(assess(visit('e1', 'HOSP1', 5, 'AMB'), [flag('f1', 'SOC1')]))).toEqual([]);
  });

  it('alerts the attending service and the flagging social-care organisation', () => {
    const alerts = alertsForAttendance(assess(visit('e1', 'HOSP1', 5), [flag('f1', 'SOC1')]));
    expect(alerts.map((alert) => [alert.organisation, alert.audience])).toEqual([
      ['HOSP1', 'attending-service'],
      ['SOC1', 'social-care'],
    ]);
    expect(alerts[0]).toEqual({
      alertId: safeguardingAlertIdFor('child-protection-flag', 'e1', 'HOSP1'),
      kind: 'child-protection-flag',
      personId,
      organisation: 'HOSP1',
      audience: 'attending-service',
      trigger: { entryId: 'e1', organisation: 'HOSP1', setting: 'emergency-department', at: day(5) },
      flags: [{ entryId: 'f1', kind: 'child-protection-plan', display: 'CP plan', organisation: 'SOC1' }],
      attendances: [],
      raisedAt: '2026-02-01T00:00:00.000Z',
    });
  });

  it('addresses each flagging organisation once, and not twice the attending one', () => {
    expect(
      addressed(
        assess(visit('e1', 'HOSP1', 5), [flag('f1', 'SOC1'), flag('f2', 'SOC1'), flag('f3', 'HOSP1')]),
      ),
    ).toEqual([
      ['child-protection-flag', 'HOSP1', 'attending-service'],
      ['child-protection-flag', 'SOC1', 'social-care'],
    ]);
  });

  it('gives the same ids for the same attendance seen again', () => {
    const input = assess(visit('e1', 'HOSP1', 5), [flag('f1', 'SOC1')]);
    expect(alertsForAttendance(input).map((a) => a.alertId)).toEqual(
      alertsForAttendance({ ...input, raisedAt: '2026-02-03T00:00:00.000Z' }).map((a) => a.alertId),
    );
  });

  it('warns no one of an attendance older than the pattern window (history loaded late)', () => {
    const input = assess(visit('e1', 'HOSP1', 5), [flag('f1', 'SOC1')]);
    expect(alertsForAttendance({ ...input, raisedAt: '2026-02-04T10:00:00.000Z' })).toHaveLength(2);
    expect(alertsForAttendance({ ...input, raisedAt: '2026-02-04T10:00:01.000Z' })).toEqual([]);
  });

  it('raises one pattern alert to the hub for three attendances at two organisations', () => {
    const earlier = [visit('e1', 'HOSP1', 1), visit('e2', 'HOSP2', 8)];
    const alerts = alertsForAttendance(assess(visit('e3', 'HOSP1', 20), earlier));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      alertId: safeguardingAlertIdFor('unscheduled-care-pattern', 'e3', 'SGHUB'),
      kind: 'unscheduled-care-pattern',
      organisation: 'SGHUB',
      audience: 'safeguarding-hub',
      trigger: { entryId: 'e3' },
      flags: [],
    });
    expect(alerts[0]?.attendances.map((a) => a.entryId)).toEqual(['e1', 'e2', 'e3']);
  });

  it('does not raise the pattern again for a further attendance in the same window', () => {
    const earlier = [visit('e1', 'HOSP1', 1), visit('e2', 'HOSP2', 8), visit('e3', 'HOSP1', 20)];
    expect(alertsForAttendance(assess(visit('e4', 'HOSP2', 22), earlier))).toEqual([]);
  });

  it('names the same pattern alert when an attendance of the window arrives late', () => {
    const all = [visit('e1', 'HOSP1', 1), visit('e2', 'HOSP2', 8), visit('e3', 'HOSP1', 20)];
    const late = alertsForAttendance({ ...assess(all[0] as SafeguardingEntry, all), raisedAt: day(25) });
    expect(late.map((a) => a.alertId)).toEqual([
      safeguardingAlertIdFor('unscheduled-care-pattern', 'e3', 'SGHUB'),
    ]);
  });

  it('with a flag, raises both kinds and tells the flagging organisation of the pattern', () => {
    const entries = [flag('f1', 'SOC1'), visit('e1', 'HOSP1', 1), visit('e2', 'HOSP2', 8)];
    expect(addressed(assess(visit('e3', 'HOSP1', 20), entries))).toEqual([
      ['child-protection-flag', 'HOSP1', 'attending-service'],
      ['child-protection-flag', 'SOC1', 'social-care'],
      ['unscheduled-care-pattern', 'SGHUB', 'safeguarding-hub'],
      ['unscheduled-care-pattern', 'SOC1', 'social-care'],
    ]);
  });

  it('uses the newest version of the encounter over a stale copy among the entries', () => {
    const stale = visit('e1', 'HOSP1', 5, 'AMB');
    expect(addressed(assess(visit('e1', 'HOSP1', 5), [stale, flag('f1', 'SOC1')]))).toHaveLength(2);
  });
});

describe('isAttendanceToAssess', () => {
  it('is true only for a recent unscheduled-care attendance', () => {
    const now = '2026-01-10T00:00:00.000Z';
    expect(isAttendanceToAssess(visit('e1', 'HOSP1', 5), settings, now)).toBe(true);
    expect(isAttendanceToAssess(visit('e1', 'HOSP1', 5, 'AMB'), settings, now)).toBe(false);
    expect(isAttendanceToAssess(visit('e1', 'HOSP1', 5), settings, '2026-03-01T00:00:00.000Z')).toBe(false);
  });
});
