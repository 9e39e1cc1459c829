import { BusTransportStrategy } from '@ilinks/platform/messaging';
import type { Logger } from '@ilinks/platform/observability';
import { type Clock, systemClock } from '@ilinks/shared/kernel';
import type { INestApplication, ModuleMetadata } from '@nestjs/common';
import { createHttpApplication, listenOn } from './http-application';
import { runtimeMetrics } from './runtime-metrics';
import type { ServiceAdapters } from './service-adapters';
import type { ServiceDefinition } from './service-definition';
import { ServiceRootModule } from './service-root.module';
import { ServiceRuntime } from './service-runtime';

export interface StartServiceOptions {
  readonly definition: ServiceDefinition;
  /** The service's feature modules (controllers, consumers). */
  readonly imports: NonNullable<ModuleMetadata['imports']>;
  readonly adapters: ServiceAdapters;
  readonly http: { readonly host: string; readonly port: number; readonly bodyLimit: string };
  readonly logger: Logger;
  readonly clock?: Clock;
  /** Register SIGTERM handlers (a standalone service); the embedded platform handles signals itself. */
  readonly shutdownHooks?: boolean;
}

export interface RunningService {
  readonly name: string;
  /** Base URL the service listens on, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  readonly app: INestApplication;
  stop(): Promise<void>;
}

/**
 * Starts one service: Nest app with its HTTP API, its bus consumers (a Nest microservice over the
 * messaging port, so `@EventPattern` handlers run on Kafka and in-process alike), its projector
 * and relay. Resolves when it listens.
 */
export async function startService(options: StartServiceOptions): Promise<RunningService> {
  const { definition, adapters } = options;
  const runtime = new ServiceRuntime(definition, adapters, options.clock ?? systemClock, {
    onRelayBatch: (service, messages, maxLagMs) => {
      if (messages > 0) runtimeMetrics().relayPublishLag.record(maxLagMs / 1000, { service });
    },
    onRelayError: (service, error, attempt) =>
      options.logger.warn({ service, attempt, err: error }, 'relay: the broker refused a batch; retrying'),
  });
  const app = await createHttpApplication(ServiceRootModule.for(runtime, options.imports), {
    logger: options.logger,
    bodyLimit: options.http.bodyLimit,
    shutdownHooks: options.shutdownHooks,
  });
  if (definition.consumes && definition.consumes.topics.length > 0) {
    app.connectMicroservice(
      {
        strategy: new BusTransportStrategy({
          bus: adapters.bus,
          groupId: definition.name,
          topics: definition.consumes.topics,
          schemas: definition.consumes.schemas,
        }),
      },
      { inheritAppConfig: true },
    );
  }
  await app.init();
  await app.startAllMicroservices();
  const url = await listenOn(app, options.http.host, options.http.port);
  return {
    name: definition.name,
    url,
    app,
    async stop() {
      await app.close();
      await adapters.close();
    },
  };
}
