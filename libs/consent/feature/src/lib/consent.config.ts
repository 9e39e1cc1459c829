import { Setting } from '@ilinks/platform/config';
import { IsInt, Max, Min } from 'class-validator';

/** How the consent service grants access. */
export class ConsentConfig {
  @Setting('ILINKS_BREAK_GLASS_MINUTES', {
    default: 240,
    description: 'How long a break-glass grant lasts, in minutes (every use is audited and reviewed)',
  })
  @IsInt()
  @Min(1)
  @Max(24 * 60)
  breakGlassMinutes!: number;

  @Setting('ILINKS_SHARE_REFERRAL_DAYS', {
    default: 90,
    description:
      'How long sharing record items or sending a letter gives each recipient organisation a referral care relationship, in days',
  })
  @IsInt()
  @Min(1)
  @Max(3650)
  shareReferralDays!: number;
}

/** Injection token of the service's `ConsentConfig`. */
export const CONSENT_CONFIG = 'ilinks:consent-config';
