import { IsInt, IsNotEmpty, IsString, Matches, Max, Min } from 'class-validator';
import { Setting } from '../setting.decorator';

/** The HTTP listener. Extend the class to give an app its own port variable if needed. */
export class HttpConfig {
  @Setting('ILINKS_HTTP_PORT', { default: 8080, description: 'TCP port the HTTP API listens on' })
  @IsInt()
  @Min(1)
  @Max(65535)
  port!: number;

  @Setting('ILINKS_HTTP_HOST', {
    default: '127.0.0.1',
    description: 'Interface to bind; 0.0.0.0 in containers',
  })
  @IsString()
  @IsNotEmpty()
  host!: string;

  @Setting('ILINKS_HTTP_BODY_LIMIT', {
    default: '1mb',
    description: 'Largest accepted request body, e.g. 512kb or 1mb',
  })
  @Matches(/^\d+(b|kb|mb)$/i, { message: '$property must be a size such as 512kb or 1mb' })
  bodyLimit!: string;
}
