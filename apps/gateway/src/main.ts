import 'reflect-metadata';
import {
  accessPolicySettingsFrom,
  sensitiveCodesFrom,
  backendServicesFrom,
  gatewayAppSettings,
  startGateway,
} from '@ilinks/gateway/feature';
import { exitOnConfigError, loadConfigs } from '@ilinks/platform/config';
import { createLogger, shutdownTelemetry, startTelemetry } from '@ilinks/platform/observability';
import { exitOnStartupFailure, openBusOnly, stopGracefullyOnSignals } from '@ilinks/platform/runtime';

exitOnConfigError(async () => {
  const settings = loadConfigs(gatewayAppSettings);
  startTelemetry({
    serviceName: settings.telemetry.serviceName ?? 'gateway',
    otlpEndpoint: settings.telemetry.otlpEndpoint,
  });
  const logger = createLogger({ service: 'gateway', level: settings.runtime.logLevel });
  // The gateway keeps no event store and no views: only its bus, where the audit records go.
  const bus = openBusOnly(settings, logger, 'gateway');
  const gateway = await startGateway({
    runtime: settings.runtime,
    auth: settings.auth,
    http: settings.http,
    services: backendServicesFrom(settings.services),
    bus,
    auditTimeoutMs: settings.audit.timeoutMs,
    accessPolicy: accessPolicySettingsFrom(settings.access),
    sensitiveCodes: sensitiveCodesFrom(settings.access),
    logger,
    shutdownHooks: false,
  });
  stopGracefullyOnSignals(logger, async () => {
    await gateway.stop();
    await bus.close();
    await shutdownTelemetry();
  });
  logger.info({ url: gateway.url, mode: settings.runtime.mode }, 'gateway listening');
}).catch(exitOnStartupFailure);
