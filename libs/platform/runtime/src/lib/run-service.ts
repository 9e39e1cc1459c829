import {
  EventStoreDbConfig,
  exitOnConfigError,
  HttpConfig,
  KafkaConfig,
  loadConfigs,
  MongoConfig,
  RuntimeConfig,
  TelemetryConfig,
} from '@ilinks/platform/config';
import { createLogger, shutdownTelemetry, startTelemetry } from '@ilinks/platform/observability';
import type { ModuleMetadata } from '@nestjs/common';
import { openDistributedAdapters, openEmbeddedAdapters, openEmbeddedBus, type ServiceAdapters } from './service-adapters';
import type { ServiceDefinition } from './service-definition';
import { startService } from './start-service';

/** Everything a standalone service process reads from its environment. */
const serviceSettings = {
  runtime: RuntimeConfig,
  http: HttpConfig,
  kafka: KafkaConfig,
  mongo: MongoConfig,
  eventStoreDb: EventStoreDbConfig,
  telemetry: TelemetryConfig,
};

/**
 * The whole `main.ts` of a service app: read and validate settings (a bad one stops the process
 * naming it), start tracing, choose adapters by mode, start the service and log where it listens.
 */
export function runService(definition: ServiceDefinition, imports: NonNullable<ModuleMetadata['imports']>): Promise<void> {
  return exitOnConfigError(async () => {
    const settings = loadConfigs(serviceSettings);
    const name = settings.runtime.serviceName ?? definition.name;
    startTelemetry({ serviceName: settings.telemetry.serviceName ?? name, otlpEndpoint: settings.telemetry.otlpEndpoint });
    const logger = createLogger({ service: name, level: settings.runtime.logLevel });
    const adapters = await openAdapters(definition, settings);
    const service = await startService({ definition, imports, adapters, http: settings.http, logger });
    process.once('beforeExit', () => void shutdownTelemetry());
    logger.info({ url: service.url, mode: settings.runtime.mode }, `${definition.name} listening`);
  });
}

async function openAdapters(
  definition: ServiceDefinition,
  settings: ReturnType<typeof loadConfigs<typeof serviceSettings>>,
): Promise<ServiceAdapters> {
  if (settings.runtime.mode === 'embedded') {
    const bus = openEmbeddedBus(settings.runtime.dataDir);
    const adapters = openEmbeddedAdapters(settings.runtime.dataDir, definition.name, bus);
    return { ...adapters, close: async () => (await adapters.close(), await bus.close()) };
  }
  // Required in distributed mode: validated by the config classes, so these are present.
  return openDistributedAdapters({
    service: definition.name,
    eventStoreConnectionString: settings.eventStoreDb.connectionString as string,
    kafka: { brokers: settings.kafka.brokers as string[], clientId: settings.kafka.clientId },
    mongo: { url: settings.mongo.url as string, database: settings.mongo.database as string },
  });
}
