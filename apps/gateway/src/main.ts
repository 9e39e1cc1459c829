import 'reflect-metadata';
import {
  AccessPolicyConfig,
  accessPolicySettingsFrom,
  AuditTrailConfig,
  BackendServicesConfig,
  backendServicesFrom,
  startGateway,
} from '@ilinks/gateway/feature';
import { AuthConfig, exitOnConfigError, HttpConfig, loadConfigs } from '@ilinks/platform/config';
import { createLogger, shutdownTelemetry, startTelemetry } from '@ilinks/platform/observability';
import { exitOnStartupFailure, hostSettings, openBus, resolveAdapters } from '@ilinks/platform/runtime';

exitOnConfigError(async () => {
  const settings = loadConfigs({
    ...hostSettings,
    http: HttpConfig,
    auth: AuthConfig,
    services: BackendServicesConfig,
    audit: AuditTrailConfig,
    access: AccessPolicyConfig,
  });
  startTelemetry({
    serviceName: settings.telemetry.serviceName ?? 'gateway',
    otlpEndpoint: settings.telemetry.otlpEndpoint,
  });
  const logger = createLogger({ service: 'gateway', level: settings.runtime.logLevel });
  // The gateway keeps no event store and no views: only its bus (Kafka when distributed, where the
  // audit records go) is chosen, so the other adapters' settings are not asked for.
  const { choice, adapterSettings } = resolveAdapters(
    { ...settings, adapters: { ...settings.adapters, eventStore: 'sqlite', readModels: 'sqlite' } },
    logger,
  );
  const bus = openBus(choice, adapterSettings, 'gateway');
  const gateway = await startGateway({
    runtime: settings.runtime,
    auth: settings.auth,
    http: settings.http,
    services: backendServicesFrom(settings.services),
    bus,
    auditTimeoutMs: settings.audit.timeoutMs,
    accessPolicy: accessPolicySettingsFrom(settings.access),
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
  logger.info({ url: gateway.url, mode: settings.runtime.mode, bus: choice.bus }, 'gateway listening');
}).catch(exitOnStartupFailure);
