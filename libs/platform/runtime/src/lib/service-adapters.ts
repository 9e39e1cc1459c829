import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { EventStoreDbEventStore, SqliteEventStore, type EventStore } from '@ilinks/platform/event-store';
import {
  InProcessMessageBus,
  KafkaMessageBus,
  type BusLogger,
  type KafkaMessageBusOptions,
  type MessageBus,
} from '@ilinks/platform/messaging';
import { MongoReadModelStore, SqliteReadModelStore, type ReadModelStore } from '@ilinks/platform/read-models';
import type { AdapterChoice } from './adapters.config';

/** The adapters behind a service's ports, and who closes what. */
export interface ServiceAdapters {
  readonly eventStore: EventStore;
  readonly bus: MessageBus;
  readonly readModels: ReadModelStore;
  /** Closes what this service owns (a shared bus is closed by its owner). */
  close(): Promise<void>;
}

/** Connection settings; each is needed only when its adapter is chosen (config validation enforces it). */
export interface AdapterSettings {
  readonly dataDir: string;
  readonly sqliteSynchronous?: 'normal' | 'full';
  readonly eventStoreConnectionString?: string;
  readonly kafka?: KafkaMessageBusOptions & { readonly clientId: string };
  readonly mongo?: { readonly url: string; readonly database: string };
  readonly busLogger?: BusLogger;
}

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`${what} is required for the chosen adapter`);
  return value;
}

/** The bus: the durable in-process log under the data directory, or Kafka. One per process. */
export function openBus(choice: AdapterChoice, settings: AdapterSettings, clientName: string): MessageBus {
  if (choice.bus === 'in-process') {
    mkdirSync(settings.dataDir, { recursive: true });
    return new InProcessMessageBus({
      filename: join(settings.dataDir, 'bus.sqlite'),
      logger: settings.busLogger,
    });
  }
  const kafka = required(settings.kafka, 'KAFKA_BROKERS');
  return new KafkaMessageBus({
    ...kafka,
    clientId: `${kafka.clientId}-${clientName}`,
    logger: settings.busLogger,
  });
}

/**
 * A service's own event store and read models, beside a bus it may share. SQLite files live in
 * `<dataDir>/<service>/`; a MongoDB database is named after the service when several share a server.
 */
export async function openServiceAdapters(
  service: string,
  choice: AdapterChoice,
  settings: AdapterSettings,
  bus: MessageBus,
  options: { readonly ownsBus?: boolean; readonly databasePerService?: boolean } = {},
): Promise<ServiceAdapters> {
  const directory = join(settings.dataDir, service);
  if (choice.eventStore === 'sqlite' || choice.readModels === 'sqlite')
    mkdirSync(directory, { recursive: true });
  const eventStore =
    choice.eventStore === 'sqlite'
      ? new SqliteEventStore(join(directory, 'events.sqlite'), {
          synchronous: settings.sqliteSynchronous ?? 'normal',
        })
      : EventStoreDbEventStore.fromConnectionString(
          required(settings.eventStoreConnectionString, 'EVENTSTORE_CONNECTION_STRING'),
        );
  const readModels =
    choice.readModels === 'sqlite'
      ? new SqliteReadModelStore({ filename: join(directory, 'views.sqlite') })
      : await openMongo(
          required(settings.mongo, 'MONGODB_URL'),
          service,
          options.databasePerService ?? false,
        );
  return {
    eventStore,
    bus,
    readModels,
    async close() {
      if (options.ownsBus) await bus.close();
      await eventStore.close();
      await readModels.close();
    },
  };
}

function openMongo(
  mongo: { url: string; database: string },
  service: string,
  databasePerService: boolean,
): Promise<MongoReadModelStore> {
  const dbName = databasePerService ? `${mongo.database}_${service.replace(/-/g, '_')}` : mongo.database;
  return MongoReadModelStore.connect({ url: mongo.url, dbName });
}
