import { loadDiagnosticsSettings } from './diagnostics.config';

describe('loadDiagnosticsSettings', () => {
  it('defaults to 1 h for critical, 4 h for abnormal, duty-clinician, 60 s sweeps and 48 h release', () => {
    expect(loadDiagnosticsSettings({})).toEqual({
      escalation: { criticalAfterSeconds: 3600, abnormalAfterSeconds: 14_400, dutyTeam: 'duty-clinician' },
      sweepIntervalMs: 60_000,
      releaseDelayHours: 48,
    });
  });

  it('reads the environment', () => {
    expect(
      loadDiagnosticsSettings({
        ILINKS_RESULT_ESCALATE_CRITICAL_AFTER_SECONDS: '600',
        ILINKS_RESULT_ESCALATE_ABNORMAL_AFTER_SECONDS: '1200',
        ILINKS_RESULT_DUTY_CLINICIAN_TEAM: 'on-call',
        ILINKS_DIAGNOSTICS_SWEEP_SECONDS: '5',
        ILINKS_RESULT_RELEASE_DELAY_HOURS: '0',
      }),
    ).toEqual({
      escalation: { criticalAfterSeconds: 600, abnormalAfterSeconds: 1200, dutyTeam: 'on-call' },
      sweepIntervalMs: 5000,
      releaseDelayHours: 0,
    });
  });

  it('refuses values that are not valid, naming the setting', () => {
    expect(() => loadDiagnosticsSettings({ ILINKS_DIAGNOSTICS_SWEEP_SECONDS: '0' })).toThrow(
      /ILINKS_DIAGNOSTICS_SWEEP_SECONDS/,
    );
    expect(() => loadDiagnosticsSettings({ ILINKS_RESULT_ESCALATE_CRITICAL_AFTER_SECONDS: 'soon' })).toThrow(
      /ILINKS_RESULT_ESCALATE_CRITICAL_AFTER_SECONDS/,
    );
    expect(() => loadDiagnosticsSettings({ ILINKS_RESULT_RELEASE_DELAY_HOURS: '-1' })).toThrow(
      /ILINKS_RESULT_RELEASE_DELAY_HOURS/,
    );
    expect(() => loadDiagnosticsSettings({ ILINKS_RESULT_DUTY_CLINICIAN_TEAM: 'duty team' })).toThrow(
      /ILINKS_RESULT_DUTY_CLINICIAN_TEAM/,
    );
  });
});
