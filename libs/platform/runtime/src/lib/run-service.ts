import {
  ConfigError,
  EventStoreDbConfig,
  exitOnConfigError,
  HttpConfig,
  KafkaConfig,
  loadConfigs,
  MongoConfig,
  RuntimeConfig,
  TelemetryConfig,
} from '@ilinks/platform/config';
import { createLogger, type Logger, shutdownTelemetry, startTelemetry } from '@ilinks/platform/observability';
import { DEAD_LETTERED_LOG_MESSAGE, type MessageBus } from '@ilinks/platform/messaging';
import type { ModuleMetadata } from '@nestjs/common';
import { AdaptersConfig, assertAdapterSettings, chooseAdapters, type AdapterChoice } from './adapters.config';
import { type AdapterSettings, openBus, openServiceAdapters, type ServiceAdapters } from './service-adapters';
import type { ServiceDefinition } from './service-definition';
import { runtimeMetrics } from './runtime-metrics';
import { prepareService } from './prepare-service';
import { rebuildProjections } from './rebuild-projections';
import { startService } from './start-service';
import { stopGracefullyOnSignals } from './stop-on-signals';

/** Everything a process that hosts services reads from its environment, besides its HTTP listener. */
export const hostSettings = {
  runtime: RuntimeConfig,
  adapters: AdaptersConfig,
  kafka: KafkaConfig,
  mongo: MongoConfig,
  eventStoreDb: EventStoreDbConfig,
  telemetry: TelemetryConfig,
};

export type HostSettings = ReturnType<typeof loadConfigs<typeof hostSettings>>;

/** Chooses the adapters and gathers what they need; throws a ConfigError naming what is missing. */
export function resolveAdapters(
  settings: HostSettings,
  logger: Logger,
): { choice: AdapterChoice; adapterSettings: AdapterSettings } {
  const choice = chooseAdapters(settings.runtime.mode, settings.adapters);
  assertAdapterSettings(choice, settings);
  const adapterSettings: AdapterSettings = {
    dataDir: settings.runtime.dataDir,
    sqliteSynchronous: settings.adapters.sqliteSynchronous,
    eventStoreConnectionString: settings.eventStoreDb.connectionString,
    kafka: settings.kafka.brokers ? kafkaOptions(settings.kafka, settings.kafka.brokers) : undefined,
    mongo:
      settings.mongo.url && settings.mongo.database
        ? { url: settings.mongo.url, database: settings.mongo.database }
        : undefined,
    busLogger: busLoggerFor(logger),
  };
  return { choice, adapterSettings };
}

/** What a process that uses only the bus reads (the gateway: it publishes audit records). */
export const busHostSettings = {
  runtime: RuntimeConfig,
  adapters: AdaptersConfig,
  kafka: KafkaConfig,
  telemetry: TelemetryConfig,
};

export type BusHostSettings = ReturnType<typeof loadConfigs<typeof busHostSettings>>;

/**
 * The bus alone, for a process with no event store and no views: the durable in-process log under
 * the data dir when embedded, Kafka otherwise. Throws a ConfigError when Kafka is chosen but unset.
 */
export function openBusOnly(settings: BusHostSettings, logger: Logger, clientName: string): MessageBus {
  const { bus } = chooseAdapters(settings.runtime.mode, settings.adapters);
  if (bus === 'kafka' && !settings.kafka.brokers)
    throw new ConfigError([{ env: 'KAFKA_BROKERS', problem: 'is required when the bus is kafka' }]);
  return openBus(
    { bus, eventStore: 'sqlite', readModels: 'sqlite' },
    {
      dataDir: settings.runtime.dataDir,
      sqliteSynchronous: settings.adapters.sqliteSynchronous,
      kafka: settings.kafka.brokers ? kafkaOptions(settings.kafka, settings.kafka.brokers) : undefined,
      busLogger: busLoggerFor(logger),
    },
    clientName,
  );
}

function busLoggerFor(logger: Logger): NonNullable<AdapterSettings['busLogger']> {
  return (level, message, context) => {
    logger[level]({ component: 'message-bus', ...context }, message);
    if (message === DEAD_LETTERED_LOG_MESSAGE) {
      runtimeMetrics().platform.recordDeadLetter(
        String(context?.['topic'] ?? 'unknown'),
        String(context?.['groupId'] ?? 'unknown'),
      );
    }
  };
}

function kafkaOptions(kafka: KafkaConfig, brokers: string[]): NonNullable<AdapterSettings['kafka']> {
  const { saslMechanism, saslUsername, saslPassword } = kafka;
  return {
    brokers,
    clientId: kafka.clientId,
    ssl: kafka.ssl,
    ...(saslMechanism && saslUsername && saslPassword
      ? { sasl: { mechanism: saslMechanism, username: saslUsername, password: saslPassword } }
      : {}),
  };
}

/**
 * The command a service app was started with: serve (the default), rebuild its views and exit, or
 * prepare the backing services for a release (indexes, topics) and exit.
 */
export type ServiceCommand = 'serve' | 'rebuild-projections' | 'prepare';

const SERVICE_COMMANDS: readonly ServiceCommand[] = ['serve', 'rebuild-projections', 'prepare'];

export function serviceCommandOf(argv: readonly string[]): ServiceCommand {
  const [command = 'serve'] = argv;
  const known = SERVICE_COMMANDS.find((candidate) => candidate === command);
  if (known === undefined)
    throw new Error(`unknown command "${command}": expected ${SERVICE_COMMANDS.join(', ')}`);
  return known;
}

/**
 * The whole `main.ts` of a service app: read and validate settings (a bad one stops the process
 * naming it), start tracing, choose adapters, start the service and log where it listens.
 * `main.js rebuild-projections` instead rebuilds the service's views from its event store, prints
 * the report as JSON and exits (run it with the service scaled to zero, e.g. as a Kubernetes Job).
 * `main.js prepare` creates the indexes of every collection the service keeps and checks its topics,
 * prints the report as JSON and exits: run it before a rollout (the prepare Jobs), not in a pod's start.
 */
export function runService(
  definition: ServiceDefinition,
  imports: NonNullable<ModuleMetadata['imports']>,
  argv: readonly string[] = process.argv.slice(2),
): Promise<void> {
  return exitOnConfigError(async () => {
    const command = serviceCommandOf(argv);
    if (command === 'rebuild-projections')
      return runToReport(definition, (adapters) => rebuildProjections(definition, adapters));
    if (command === 'prepare')
      return runToReport(definition, (adapters) => prepareService(definition, adapters));
    const settings = loadConfigs({ ...hostSettings, http: HttpConfig });
    const name = settings.runtime.serviceName ?? definition.name;
    startTelemetry({
      serviceName: settings.telemetry.serviceName ?? name,
      otlpEndpoint: settings.telemetry.otlpEndpoint,
    });
    const logger = createLogger({ service: name, level: settings.runtime.logLevel });
    const { choice, adapterSettings } = resolveAdapters(settings, logger);
    const bus = openBus(choice, adapterSettings, definition.name);
    const adapters = await openServiceAdapters(definition.name, choice, adapterSettings, bus, {
      ownsBus: true,
    });
    const service = await startService({
      definition,
      imports,
      adapters,
      http: settings.http,
      logger,
      shutdownHooks: false,
    });
    stopGracefullyOnSignals(logger, async () => {
      await service.stop();
      await shutdownTelemetry();
    });
    logger.info(
      { url: service.url, mode: settings.runtime.mode, adapters: choice },
      `${definition.name} listening`,
    );
  });
}

/**
 * A one-off command: opens the service's adapters with the same host settings as `serve`, runs
 * `task`, prints its report as one JSON line and closes the adapters (a failure is thrown on).
 */
async function runToReport(
  definition: ServiceDefinition,
  task: (adapters: ServiceAdapters) => Promise<object>,
): Promise<void> {
  const settings = loadConfigs(hostSettings);
  const logger = createLogger({ service: definition.name, level: settings.runtime.logLevel });
  const { choice, adapterSettings } = resolveAdapters(settings, logger);
  const bus = openBus(choice, adapterSettings, definition.name);
  const adapters = await openServiceAdapters(definition.name, choice, adapterSettings, bus, {
    ownsBus: true,
  });
  try {
    process.stdout.write(`${JSON.stringify(await task(adapters))}\n`);
  } finally {
    await adapters.close();
  }
}

/** Last resort of a `main.ts`: a start-up failure that is not a config problem stops the process with its message. */
export function exitOnStartupFailure(error: unknown): never {
  process.stderr.write(`iLINKS failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
