import {
  SAFEGUARDING_FLAG_SYSTEM,
  V3_ACT_CODE,
  CARE_SETTING_SYSTEM,
  DEFAULT_CARE_SETTING_TABLE,
  DEFAULT_SAFEGUARDING_FLAG_TABLE,
} from './safeguarding-codes';
import {
  activeSafeguardingFlag,
  type SafeguardingEntry,
  unscheduledAttendance,
} from './safeguarding-entries';

const cpCode = {
  coding: [{ system: SAFEGUARDING_FLAG_SYSTEM, code: 'child-protection-plan', display: 'CP plan' }],
};

function flag(
  resource: Record<string, unknown> = {},
  overrides: Partial<SafeguardingEntry> = {},
): SafeguardingEntry {
  return {
    entryId: 'flag-1',
    organisation: 'SOC1',
    resourceType: 'Flag',
    status: 'current',
    recordedAt: '2026-01-01T00:00:00.000Z',
    resource: { resourceType: 'Flag', status: 'active', code: cpCode, ...resource },
    ...overrides,
  };
}

function encounter(
  resource: Record<string, unknown> = {},
  overrides: Partial<SafeguardingEntry> = {},
): SafeguardingEntry {
  return {
    entryId: 'enc-1',
    organisation: 'HOSP1',
    resourceType: 'Encounter',
    status: 'current',
    effectiveAt: '2026-03-01T10:00:00Z',
    recordedAt: '2026-03-01T12:00:00.000Z',
    resource: {
      resourceType: 'Encounter',
      status: 'finished',
      class: { system: V3_ACT_CODE, code: 'EMER' },
      ...resource,
    },
    ...overrides,
  };
}

const at = '2026-03-01T10:00:00.000Z';
const flags = DEFAULT_SAFEGUARDING_FLAG_TABLE;

describe('activeSafeguardingFlag', () => {
  it('reads an active coded flag with its display, organisation and start', () => {
    expect(activeSafeguardingFlag(flag({ period: { start: '2026-01-01' } }), flags, at)).toEqual({
      entryId: 'flag-1',
      kind: 'child-protection-plan',
      display: 'CP plan',
      organisation: 'SOC1',
      since: '2026-01-01',
    });
  });

  it('prefers the code text as the display, and falls back to the kind', () => {
    expect(activeSafeguardingFlag(flag({ code: { ...cpCode, text: 'On a plan' } }), flags, at)?.display).toBe(
      'On a plan',
    );
    const bare = { coding: [{ system: SAFEGUARDING_FLAG_SYSTEM, code: 'looked-after-child' }] };
    expect(activeSafeguardingFlag(flag({ code: bare }), flags, at)?.display).toBe('looked-after-child');
  });

  it('ignores inactive, uncoded, retracted and non-Flag entries', () => {
    expect(activeSafeguardingFlag(flag({ status: 'inactive' }), flags, at)).toBeUndefined();
    expect(activeSafeguardingFlag(flag({ code: { text: 'CP' } }), flags, at)).toBeUndefined();
    expect(activeSafeguardingFlag(flag({}, { status: 'entered-in-error' }), flags, at)).toBeUndefined();
    expect(activeSafeguardingFlag(flag({}, { resourceType: 'Condition' }), flags, at)).toBeUndefined();
  });

  it('is active only within its period (ends inclusive)', () => {
    expect(activeSafeguardingFlag(flag({ period: { start: '2026-03-02' } }), flags, at)).toBeUndefined();
    expect(activeSafeguardingFlag(flag({ period: { end: '2026-02-28' } }), flags, at)).toBeUndefined();
    expect(activeSafeguardingFlag(flag({ period: { end: at } }), flags, at)).toBeDefined();
    expect(activeSafeguardingFlag(flag({ period: { start: 'soon' } }), flags, at)).toBeDefined();
  });
});

describe('unscheduledAttendance', () => {
  const settings = DEFAULT_CARE_SETTING_TABLE;

  it('reads an emergency attendance at its period start', () => {
    expect(
      unscheduledAttendance(encounter({ period: { start: '2026-03-01T09:30:00+01:00' } }), settings),
    ).toEqual({
      entryId: 'enc-1',
      organisation: 'HOSP1',
      setting: 'emergency-department',
      at: '2026-03-01T08:30:00.000Z',
    });
  });

  it('falls back to the effective time, then the recorded time', () => {
    expect(unscheduledAttendance(encounter(), settings)?.at).toBe('2026-03-01T10:00:00.000Z');
    const { effectiveAt: _e, ...undated } = encounter();
    expect(unscheduledAttendance(undated, settings)?.at).toBe('2026-03-01T12:00:00.000Z');
  });

  it('finds the setting in type or serviceType', () => {
    const ooh = { coding: [{ system: CARE_SETTING_SYSTEM, code: 'out-of-hours' }] };
    expect(unscheduledAttendance(encounter({ class: undefined, type: [ooh] }), settings)?.setting).toBe(
      'out-of-hours',
    );
    expect(unscheduledAttendance(encounter({ class: undefined, serviceType: ooh }), settings)?.setting).toBe(
      'out-of-hours',
    );
  });

  it('ignores scheduled care, cancelled or planned encounters and retracted entries', () => {
    const outpatient = { system: V3_ACT_CODE, code: 'AMB' };
    expect(unscheduledAttendance(encounter({ class: outpatient }), settings)).toBeUndefined();
    expect(unscheduledAttendance(encounter({ status: 'cancelled' }), settings)).toBeUndefined();
    expect(unscheduledAttendance(encounter({ status: 'planned' }), settings)).toBeUndefined();
    expect(unscheduledAttendance(encounter({}, { status: 'entered-in-error' }), settings)).toBeUndefined();
    expect(unscheduledAttendance(encounter({}, { resourceType: 'Flag' }), settings)).toBeUndefined();
  });
});
