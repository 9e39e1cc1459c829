import {
  type AccessPolicySettings,
  DEFAULT_SENSITIVE_CODES,
  parseSensitiveCodeTable,
  type SensitiveCodeTable,
} from '@ilinks/consent/domain';
import { Setting } from '@ilinks/platform/config';
import { IsBoolean, IsString } from 'class-validator';
import { readFileSync } from 'node:fs';

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

  @Setting('ILINKS_SENSITIVE_CODES_FILE', {
    default: '',
    description:
      "A JSON file with the region's sealed-category code list ([{system, code, category, display?}]), replacing the default list; empty: the default",
  })
  @IsString()
  sensitiveCodesFile!: string;
}

/** The decision's settings from the loaded config. */
export function accessPolicySettingsFrom(config: AccessPolicyConfig): AccessPolicySettings {
  return {
    breakGlassOverridesObjection: config.breakGlassOverridesObjection,
    selfDeclaredRelationshipsAllowed: config.selfDeclaredRelationships,
  };
}

/**
 * The region's sealed-category code list: the file `ILINKS_SENSITIVE_CODES_FILE` names, checked
 * entry by entry, or the default list. A file that cannot be read or parsed stops the start (a
 * silently shorter list would unseal what the region meant to seal).
 */
export function sensitiveCodesFrom(
  config: Pick<AccessPolicyConfig, 'sensitiveCodesFile'>,
  readFile: (path: string) => string = (path) => readFileSync(path, 'utf8'),
): SensitiveCodeTable {
  if (config.sensitiveCodesFile === '') return DEFAULT_SENSITIVE_CODES;
  let json: unknown;
  try {
    json = JSON.parse(readFile(config.sensitiveCodesFile));
  } catch (error) {
    throw new Error(
      `ILINKS_SENSITIVE_CODES_FILE ${config.sensitiveCodesFile}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  try {
    return parseSensitiveCodeTable(json);
  } catch (error) {
    throw new Error(
      `ILINKS_SENSITIVE_CODES_FILE ${config.sensitiveCodesFile}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
