import { IsOptional, IsUrl, Matches } from 'class-validator';
import { Setting } from '../setting.decorator';

/** OpenTelemetry export. Without an endpoint, spans still exist (for log correlation) but go nowhere. */
export class TelemetryConfig {
  @Setting('OTEL_EXPORTER_OTLP_ENDPOINT', {
    description: 'OTLP/HTTP collector base URL, e.g. http://otel-collector:4318; unset to export nothing',
  })
  @IsOptional()
  @IsUrl(
    { protocols: ['https', 'http'], require_protocol: true, require_tld: false },
    { message: '$property must be an http(s) URL' },
  )
  otlpEndpoint?: string;

  @Setting('OTEL_SERVICE_NAME', {
    description: 'service.name resource attribute (defaults to ILINKS_SERVICE_NAME, then the app name)',
  })
  @IsOptional()
  @Matches(/^[A-Za-z0-9._-]{1,63}$/, {
    message: '$property must be 1 to 63 letters, digits, dots, dashes or underscores',
  })
  serviceName?: string;
}
