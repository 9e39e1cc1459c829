import { loadConfig, Setting } from '@ilinks/platform/config';
import type { ReminderPolicy } from '@ilinks/correspondence/domain';
import { IsInt, Max, Min } from 'class-validator';

const YEAR_SECONDS = 366 * 24 * 3600;

/** When a letter's acknowledgement falls due and how reminders follow (documented in the feature README). */
export class ReminderConfig {
  @Setting('ILINKS_LETTER_ACK_DUE_SECONDS', {
    default: 259200,
    description: 'Seconds after delivery (sending or forwarding) by which a copy should be acknowledged',
  })
  @IsInt()
  @Min(1)
  @Max(YEAR_SECONDS)
  acknowledgementDueSeconds!: number;

  @Setting('ILINKS_LETTER_REMINDER_INTERVAL_SECONDS', {
    default: 86400,
    description: 'Seconds between one reminder of an unacknowledged copy and the next',
  })
  @IsInt()
  @Min(1)
  @Max(YEAR_SECONDS)
  reminderIntervalSeconds!: number;

  @Setting('ILINKS_LETTER_MAX_REMINDERS', {
    default: 3,
    description: 'Most reminders raised for one unacknowledged copy',
  })
  @IsInt()
  @Min(1)
  @Max(100)
  maxReminders!: number;

  @Setting('ILINKS_CORRESPONDENCE_SWEEP_SECONDS', {
    default: 60,
    description: 'Seconds between two sweeps for reminders that have fallen due',
  })
  @IsInt()
  @Min(1)
  @Max(86400)
  sweepSeconds!: number;
}

/** The reminder settings in force. */
export interface ReminderSettings {
  readonly acknowledgementDueSeconds: number;
  readonly policy: ReminderPolicy;
  readonly sweepSeconds: number;
}

/** Nest token of the {@link ReminderSettings} in force. */
export const REMINDER_SETTINGS = 'ilinks:correspondence:reminder-settings';

/** The reminder settings from the environment (`process.env` when none is given). */
export function loadReminderSettings(env?: Parameters<typeof loadConfig>[1]): ReminderSettings {
  const config = loadConfig(ReminderConfig, env);
  return {
    acknowledgementDueSeconds: config.acknowledgementDueSeconds,
    policy: { intervalSeconds: config.reminderIntervalSeconds, maxReminders: config.maxReminders },
    sweepSeconds: config.sweepSeconds,
  };
}
