import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { EventStoreDbEventStore, SqliteEventStore, type EventStore } from '@ilinks/platform/event-store';
import { InProcessMessageBus, KafkaMessageBus, type BusLogger, type MessageBus } from '@ilinks/platform/messaging';
import { MongoReadModelStore, SqliteReadModelStore, type ReadModelStore } from '@ilinks/platform/read-models';

/** The adapters behind a service's ports, and who closes what. */
export interface ServiceAdapters {
  readonly eventStore: EventStore;
  readonly bus: MessageBus;
  readonly readModels: ReadModelStore;
  /** Closes what this service owns (a shared bus is closed by its owner). */
  close(): Promise<void>;
}

/** The in-process bus every embedded service shares: one durable log under the data directory. */
export function openEmbeddedBus(dataDir: string, logger?: BusLogger): InProcessMessageBus {
  mkdirSync(dataDir, { recursive: true });
  return new InProcessMessageBus({ filename: join(dataDir, 'bus.sqlite'), logger });
}

/** Embedded: the service's own SQLite files under `<dataDir>/<service>/`, and the shared bus. */
export function openEmbeddedAdapters(dataDir: string, service: string, sharedBus: MessageBus): ServiceAdapters {
  const directory = join(dataDir, service);
  mkdirSync(directory, { recursive: true });
  const eventStore = new SqliteEventStore(join(directory, 'events.sqlite'));
  const readModels = new SqliteReadModelStore({ filename: join(directory, 'views.sqlite') });
  return {
    eventStore,
    bus: sharedBus,
    readModels,
    async close() {
      await eventStore.close();
      await readModels.close();
    },
  };
}

export interface DistributedSettings {
  readonly service: string;
  readonly eventStoreConnectionString: string;
  readonly kafka: { readonly brokers: readonly string[]; readonly clientId: string };
  readonly mongo: { readonly url: string; readonly database: string };
  readonly logger?: BusLogger;
}

/** Distributed: EventStoreDB, Kafka and MongoDB, each owned by this service's process. */
export async function openDistributedAdapters(settings: DistributedSettings): Promise<ServiceAdapters> {
  const eventStore = EventStoreDbEventStore.fromConnectionString(settings.eventStoreConnectionString);
  const bus = new KafkaMessageBus({ brokers: settings.kafka.brokers, clientId: `${settings.kafka.clientId}-${settings.service}`, logger: settings.logger });
  const readModels = await MongoReadModelStore.connect({ url: settings.mongo.url, dbName: settings.mongo.database });
  return {
    eventStore,
    bus,
    readModels,
    async close() {
      await bus.close();
      await eventStore.close();
      await readModels.close();
    },
  };
}
