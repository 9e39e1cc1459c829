import { loadConfig, Setting } from '@ilinks/platform/config';
import { IsInt, Max, Min } from 'class-validator';

/** Letter attachment settings (documented in this folder's README). */
export class AttachmentSettings {
  @Setting('ILINKS_LETTER_MAX_ATTACHMENT_BYTES', {
    default: 5242880,
    description: 'Largest letter attachment accepted, in bytes (after base64 decoding); larger ones get 413',
  })
  @IsInt()
  @Min(1)
  @Max(16777216)
  maxBytes!: number;
}

/** Nest token of the {@link AttachmentSettings} in force. */
export const ATTACHMENT_SETTINGS = 'ilinks:correspondence:attachment-settings';

/** The attachment settings from the environment (`process.env` when none is given). */
export function loadAttachmentSettings(env?: Parameters<typeof loadConfig>[1]): AttachmentSettings {
  return loadConfig(AttachmentSettings, env);
}
