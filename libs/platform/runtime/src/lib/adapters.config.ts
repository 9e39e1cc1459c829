import {
  ConfigError,
  type ConfigProblem,
  type EventStoreDbConfig,
  type KafkaConfig,
  type MongoConfig,
  type RuntimeMode,
  Setting,
} from '@ilinks/platform/config';
import { IsIn, IsOptional } from 'class-validator';

export const EVENT_STORE_ADAPTERS = ['sqlite', 'eventstoredb'] as const;
export const BUS_ADAPTERS = ['in-process', 'kafka'] as const;
export const READ_MODEL_ADAPTERS = ['sqlite', 'mongodb'] as const;

export type EventStoreAdapter = (typeof EVENT_STORE_ADAPTERS)[number];
export type BusAdapter = (typeof BUS_ADAPTERS)[number];
export type ReadModelAdapter = (typeof READ_MODEL_ADAPTERS)[number];

/**
 * Which adapter backs each port. The mode gives the defaults (embedded: SQLite and in-process;
 * distributed: EventStoreDB, Kafka, MongoDB); each can be chosen on its own, e.g. the integration
 * run keeps the SQLite event store but uses real Kafka and a MongoDB-wire server.
 */
export class AdaptersConfig {
  @Setting('ILINKS_EVENT_STORE', {
    description: `Event store adapter: ${EVENT_STORE_ADAPTERS.join(', ')} (default by mode)`,
  })
  @IsOptional()
  @IsIn(EVENT_STORE_ADAPTERS)
  eventStore?: EventStoreAdapter;

  @Setting('ILINKS_BUS', { description: `Message bus adapter: ${BUS_ADAPTERS.join(', ')} (default by mode)` })
  @IsOptional()
  @IsIn(BUS_ADAPTERS)
  bus?: BusAdapter;

  @Setting('ILINKS_READ_MODELS', {
    description: `Read-model adapter: ${READ_MODEL_ADAPTERS.join(', ')} (default by mode)`,
  })
  @IsOptional()
  @IsIn(READ_MODEL_ADAPTERS)
  readModels?: ReadModelAdapter;

  @Setting('ILINKS_SQLITE_SYNCHRONOUS', {
    default: 'normal',
    description:
      'SQLite durability: normal (WAL; an acknowledged write survives a process crash) or full (also a power loss, ~10x slower per write)',
  })
  @IsIn(['normal', 'full'])
  sqliteSynchronous!: 'normal' | 'full';
}

export interface AdapterChoice {
  readonly eventStore: EventStoreAdapter;
  readonly bus: BusAdapter;
  readonly readModels: ReadModelAdapter;
}

export function chooseAdapters(mode: RuntimeMode, config: AdaptersConfig): AdapterChoice {
  const embedded = mode === 'embedded';
  return {
    eventStore: config.eventStore ?? (embedded ? 'sqlite' : 'eventstoredb'),
    bus: config.bus ?? (embedded ? 'in-process' : 'kafka'),
    readModels: config.readModels ?? (embedded ? 'sqlite' : 'mongodb'),
  };
}

/** The settings the chosen adapters need, checked together so that one start-up names them all. */
export function adapterSettingsProblems(
  choice: AdapterChoice,
  settings: { kafka: KafkaConfig; mongo: MongoConfig; eventStoreDb: EventStoreDbConfig },
): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  if (choice.bus === 'kafka' && !settings.kafka.brokers)
    problems.push({ env: 'KAFKA_BROKERS', problem: 'is required when the bus is kafka' });
  if (choice.readModels === 'mongodb' && !settings.mongo.url)
    problems.push({ env: 'MONGODB_URL', problem: 'is required when read models are in mongodb' });
  if (choice.readModels === 'mongodb' && !settings.mongo.database)
    problems.push({ env: 'MONGODB_DB', problem: 'is required when read models are in mongodb' });
  if (choice.eventStore === 'eventstoredb' && !settings.eventStoreDb.connectionString)
    problems.push({
      env: 'EVENTSTORE_CONNECTION_STRING',
      problem: 'is required when the event store is eventstoredb',
    });
  return problems;
}

/** Throws a ConfigError naming every setting the chosen adapters miss. */
export function assertAdapterSettings(...args: Parameters<typeof adapterSettingsProblems>): void {
  const problems = adapterSettingsProblems(...args);
  if (problems.length > 0) throw new ConfigError(problems);
}
