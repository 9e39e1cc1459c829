import { loadConfig, Setting } from '@ilinks/platform/config';
import {
  DEFAULT_CARE_SETTING_TABLE,
  DEFAULT_SAFEGUARDING_FLAG_TABLE,
  type SafeguardingSettings,
} from '@ilinks/record-projection/domain';
import { IsInt, Matches, Max, Min } from 'class-validator';

/** The child protection early warning's settings (documented in this folder's README). */
export class SafeguardingConfig {
  @Setting('ILINKS_SAFEGUARDING_HUB_ORGANISATION', {
    default: 'SGHUB',
    description: "ODS code of the region's safeguarding hub, addressed by unscheduled-care pattern alerts",
  })
  @Matches(/^[A-Z0-9]{3,10}$/, { message: '$property must be an ODS code' })
  hubOrganisation!: string;

  @Setting('ILINKS_SAFEGUARDING_PATTERN_ATTENDANCES', {
    default: 3,
    description: 'Unscheduled attendances within the window that raise a pattern alert',
  })
  @IsInt()
  @Min(2)
  @Max(50)
  patternAttendances!: number;

  @Setting('ILINKS_SAFEGUARDING_PATTERN_ORGANISATIONS', {
    default: 2,
    description: 'Distinct organisations those attendances must span',
  })
  @IsInt()
  @Min(1)
  @Max(50)
  patternOrganisations!: number;

  @Setting('ILINKS_SAFEGUARDING_PATTERN_DAYS', {
    default: 30,
    description: 'Length of the pattern window in days',
  })
  @IsInt()
  @Min(1)
  @Max(366)
  patternDays!: number;
}

/** Nest token of the {@link SafeguardingSettings} in force. */
export const SAFEGUARDING_SETTINGS = 'ilinks:record-projection:safeguarding-settings';

/** The settings from the environment, with the default flag and care-setting tables. */
export function loadSafeguardingSettings(env?: Parameters<typeof loadConfig>[1]): SafeguardingSettings {
  const config = loadConfig(SafeguardingConfig, env);
  return {
    flagTable: DEFAULT_SAFEGUARDING_FLAG_TABLE,
    settingTable: DEFAULT_CARE_SETTING_TABLE,
    hubOrganisation: config.hubOrganisation,
    pattern: {
      attendances: config.patternAttendances,
      organisations: config.patternOrganisations,
      days: config.patternDays,
    },
  };
}
