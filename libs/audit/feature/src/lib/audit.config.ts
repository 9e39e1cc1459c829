import { loadConfig, Setting } from '@ilinks/platform/config';
import type { UnusualAccessSettings } from '@ilinks/audit/domain';
import { IsInt, Max, Min } from 'class-validator';

/** What the audit service counts as unusual access (issue 4, alerts). */
export class AuditConfig {
  @Setting('ILINKS_AUDIT_UNUSUAL_ACCESS_MAX_PERSONS', {
    default: 5,
    description:
      'Distinct persons one user may open by break-glass or a self-declared relationship within the window before an unusual-access alert',
  })
  @IsInt()
  @Min(1)
  @Max(10_000)
  unusualAccessMaxPersons!: number;

  @Setting('ILINKS_AUDIT_UNUSUAL_ACCESS_MAX_DENIED', {
    default: 10,
    description: 'Distinct persons one user may be denied within the window before an unusual-access alert',
  })
  @IsInt()
  @Min(1)
  @Max(10_000)
  unusualAccessMaxDenied!: number;

  @Setting('ILINKS_AUDIT_UNUSUAL_ACCESS_WINDOW_MINUTES', {
    default: 60,
    description:
      'The sliding window (minutes) the unusual-access counts are taken over; one alert per user per window',
  })
  @IsInt()
  @Min(1)
  @Max(7 * 24 * 60)
  unusualAccessWindowMinutes!: number;
}

/** Reads and validates the audit service's settings. */
export function loadAuditConfig(
  ...env: Parameters<typeof loadConfig> extends [unknown, ...infer Rest] ? Rest : never
): AuditConfig {
  return loadConfig(AuditConfig, ...env);
}

/** The detector's settings from the service's. */
export function unusualAccessSettingsOf(config: AuditConfig): UnusualAccessSettings {
  return {
    maxPersonsOutsideRelationship: config.unusualAccessMaxPersons,
    maxPersonsDenied: config.unusualAccessMaxDenied,
    windowMs: config.unusualAccessWindowMinutes * 60_000,
  };
}
