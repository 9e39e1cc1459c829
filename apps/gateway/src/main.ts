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
import { exitOnStartupFailure, openBusOnly } from '@ilinks/platform/runtime';

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
  });
  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    await gateway.stop();
    await bus.close();
    await shutdownTelemetry();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  logger.info({ url: gateway.url, mode: settings.runtime.mode }, 'gateway listening');
}).catch(exitOnStartupFailure);
