import type { AccessPolicySettings } from '@ilinks/consent/domain';
import { Setting } from '@ilinks/platform/config';
import { IsBoolean } from 'class-validator';

/** Injection token of the region's {@link AccessPolicySettings}. */
export const ACCESS_POLICY_SETTINGS = 'ilinks:access-policy-settings';

/** The region's access-policy choices, read at start-up (see `docs/access-control.md`). */
export class AccessPolicyConfig {
  @Setting('ILINKS_BREAK_GLASS_OVERRIDES_OBJECTION', {
    default: false,
    description: "Whether break-glass overrides a person's objection to sharing",
  })
  @IsBoolean()
  breakGlassOverridesObjection!: boolean;

  @Setting('ILINKS_SELF_DECLARED_RELATIONSHIPS', {
    default: true,
    description: 'Whether practitioners may declare a care relationship themselves, with a reason',
  })
  @IsBoolean()
  selfDeclaredRelationships!: boolean;
}

/** The decision's settings from the loaded config. */
export function accessPolicySettingsFrom(config: AccessPolicyConfig): AccessPolicySettings {
  return {
    breakGlassOverridesObjection: config.breakGlassOverridesObjection,
    selfDeclaredRelationshipsAllowed: config.selfDeclaredRelationships,
  };
}
