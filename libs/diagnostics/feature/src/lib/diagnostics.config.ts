import { loadConfig, Setting } from '@ilinks/platform/config';
import type { EscalationPolicy } from '@ilinks/diagnostics/domain';
import { IsInt, Matches, Max, Min } from 'class-validator';

const DAY_SECONDS = 86_400;

/** The closed loop's settings: when unacknowledged abnormal results escalate, and when results are released. */
export class DiagnosticsConfig {
  @Setting('ILINKS_RESULT_ESCALATE_CRITICAL_AFTER_SECONDS', {
    default: 3600,
    description: 'Seconds an unacknowledged critical result waits before each escalation level',
  })
  @IsInt()
  @Min(1)
  @Max(30 * DAY_SECONDS)
  criticalAfterSeconds!: number;

  @Setting('ILINKS_RESULT_ESCALATE_ABNORMAL_AFTER_SECONDS', {
    default: 14_400,
    description: 'Seconds an unacknowledged abnormal result waits before each escalation level',
  })
  @IsInt()
  @Min(1)
  @Max(30 * DAY_SECONDS)
  abnormalAfterSeconds!: number;

  @Setting('ILINKS_RESULT_DUTY_CLINICIAN_TEAM', {
    default: 'duty-clinician',
    description: "Team of an organisation's duty clinician: level 2 escalations go to it",
  })
  @Matches(/^\S{1,128}$/, { message: '$property must be a team name without spaces' })
  dutyTeam!: string;

  @Setting('ILINKS_DIAGNOSTICS_SWEEP_SECONDS', {
    default: 60,
    description: 'Seconds between two sweeps for escalations that fell due',
  })
  @IsInt()
  @Min(1)
  @Max(DAY_SECONDS)
  sweepSeconds!: number;

  @Setting('ILINKS_RESULT_RELEASE_DELAY_HOURS', {
    default: 48,
    description: 'Hours after issue before a final result is released to the individual (0: at once)',
  })
  @IsInt()
  @Min(0)
  @Max(8760)
  releaseDelayHours!: number;
}

/** The settings in force, as the service uses them. */
export interface DiagnosticsSettings {
  readonly escalation: EscalationPolicy;
  readonly sweepIntervalMs: number;
  readonly releaseDelayHours: number;
}

/** Nest token of the {@link DiagnosticsSettings} in force. */
export const DIAGNOSTICS_SETTINGS = 'ilinks:diagnostics:settings';

/** The settings from the environment (`process.env` unless given). */
export function loadDiagnosticsSettings(env?: Parameters<typeof loadConfig>[1]): DiagnosticsSettings {
  const config = loadConfig(DiagnosticsConfig, env);
  return {
    escalation: {
      abnormalAfterSeconds: config.abnormalAfterSeconds,
      criticalAfterSeconds: config.criticalAfterSeconds,
      dutyTeam: config.dutyTeam,
    },
    sweepIntervalMs: config.sweepSeconds * 1000,
    releaseDelayHours: config.releaseDelayHours,
  };
}
