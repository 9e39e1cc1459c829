import { createLogger } from '@ilinks/platform/observability';
import type { CollectionSpec, DocumentBody, ReadModelStore } from '@ilinks/platform/read-models';
import type { ModuleMetadata } from '@nestjs/common';
import { chooseAdapters } from './adapters.config';
import { openBus, openServiceAdapters } from './service-adapters';
import type { ServiceDefinition } from './service-definition';
import { startService } from './start-service';

/** A read-model store that notes the name of every collection opened through it. */
export function recordingOpenedCollections(store: ReadModelStore): {
  readonly store: ReadModelStore;
  readonly opened: ReadonlySet<string>;
} {
  const opened = new Set<string>();
  return {
    opened,
    store: {
      collection<T extends DocumentBody = DocumentBody>(spec: CollectionSpec) {
        opened.add(spec.name);
        return store.collection<T>(spec);
      },
      close: () => store.close(),
    },
  };
}

/**
 * For the spec that proves a service's definition lists every collection it keeps (so `prepare`
 * builds all their indexes): starts the service on the embedded adapters in `dataDir`, stops it,
 * and resolves with the names of the collections opened meanwhile. Feature code opens its
 * collections when its module initialises, so starting is enough.
 */
export async function collectionsOpenedAtStart(
  definition: ServiceDefinition,
  imports: NonNullable<ModuleMetadata['imports']>,
  dataDir: string,
): Promise<string[]> {
  const choice = chooseAdapters('embedded', { sqliteSynchronous: 'normal' });
  const bus = openBus(choice, { dataDir }, definition.name);
  const adapters = await openServiceAdapters(definition.name, choice, { dataDir }, bus, { ownsBus: true });
  const recording = recordingOpenedCollections(adapters.readModels);
  const service = await startService({
    definition,
    imports,
    adapters: { ...adapters, readModels: recording.store },
    http: { host: '127.0.0.1', port: 0, bodyLimit: '100kb' },
    logger: createLogger({ service: definition.name, level: 'silent' }),
    shutdownHooks: false,
  });
  await service.stop();
  return [...recording.opened].sort();
}
