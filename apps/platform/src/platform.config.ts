import { HttpConfig, Setting } from '@ilinks/platform/config';
import { IsInt, Matches, Max, Min } from 'class-validator';

/** The embedded platform's one public listener is the gateway's. */
export class PlatformHttpConfig extends HttpConfig {
  @Setting('ILINKS_GATEWAY_PORT', {
    default: 8080,
    description: 'TCP port of the gateway (the only public port) in embedded mode',
  })
  @IsInt()
  @Min(1)
  @Max(65535)
  override port: number = 8080;

  // Letters carry their document (up to ILINKS_LETTER_MAX_ATTACHMENT_BYTES, 5 MiB, as base64).
  @Setting('ILINKS_HTTP_BODY_LIMIT', {
    default: '8mb',
    description: 'Largest accepted request body, e.g. 512kb or 8mb (a letter carries its document)',
  })
  @Matches(/^\d+(b|kb|mb)$/i, { message: '$property must be a size such as 512kb or 8mb' })
  override bodyLimit: string = '8mb';
}
