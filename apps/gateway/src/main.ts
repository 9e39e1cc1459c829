import 'reflect-metadata';
import { BackendServicesConfig, backendServicesFrom, startGateway } from '@ilinks/gateway/feature';
import {
  AuthConfig,
  exitOnConfigError,
  HttpConfig,
  loadConfigs,
  RuntimeConfig,
  TelemetryConfig,
} from '@ilinks/platform/config';
import { createLogger, startTelemetry } from '@ilinks/platform/observability';
import { exitOnStartupFailure } from '@ilinks/platform/runtime';

exitOnConfigError(async () => {
  const settings = loadConfigs({
    runtime: RuntimeConfig,
    http: HttpConfig,
    auth: AuthConfig,
    services: BackendServicesConfig,
    telemetry: TelemetryConfig,
  });
  startTelemetry({
    serviceName: settings.telemetry.serviceName ?? 'gateway',
    otlpEndpoint: settings.telemetry.otlpEndpoint,
  });
  const logger = createLogger({ service: 'gateway', level: settings.runtime.logLevel });
  const gateway = await startGateway({
    runtime: settings.runtime,
    auth: settings.auth,
    http: settings.http,
    services: backendServicesFrom(settings.services),
    logger,
  });
  logger.info({ url: gateway.url, mode: settings.runtime.mode }, 'gateway listening');
}).catch(exitOnStartupFailure);
