import { HttpConfig, Setting } from '@ilinks/platform/config';
import { IsInt, Max, Min } from 'class-validator';

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
}
