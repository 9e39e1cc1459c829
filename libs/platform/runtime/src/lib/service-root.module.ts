import { HttpPlatformModule } from '@ilinks/platform/http';
import { HealthModule } from '@ilinks/platform/observability';
import {
  type DynamicModule,
  Global,
  type ModuleMetadata,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { ServiceRuntime } from './service-runtime';
import { CLOCK, EVENT_STORE, MESSAGE_BUS, READ_MODEL_STORE } from './tokens';

/** Starts the runtime after the app is initialised and stops it before the process ends. */
class ServiceRuntimeLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(private readonly runtime: ServiceRuntime) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.runtime.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.runtime.stop();
  }
}

/**
 * The root module of one service: its feature modules, the ports bound to the chosen adapters,
 * health endpoints that check those adapters, and the OperationOutcome / validation set-up.
 */
@Global()
@Module({})
export class ServiceRootModule {
  static for(runtime: ServiceRuntime, imports: NonNullable<ModuleMetadata['imports']>): DynamicModule {
    return {
      module: ServiceRootModule,
      imports: [
        HttpPlatformModule.forRoot(),
        HealthModule.forRoot({
          checks: [
            { name: 'event-store', check: () => runtime.checkEventStore() },
            { name: 'read-models', check: () => runtime.checkReadModels() },
            { name: 'bus', check: () => runtime.checkBus() },
          ],
        }),
        ...imports,
      ],
      providers: [
        { provide: ServiceRuntime, useValue: runtime },
        { provide: EVENT_STORE, useValue: runtime.adapters.eventStore },
        { provide: MESSAGE_BUS, useValue: runtime.adapters.bus },
        { provide: READ_MODEL_STORE, useValue: runtime.adapters.readModels },
        { provide: CLOCK, useValue: runtime.clock },
        { provide: ServiceRuntimeLifecycle, useFactory: () => new ServiceRuntimeLifecycle(runtime) },
      ],
      exports: [ServiceRuntime, EVENT_STORE, MESSAGE_BUS, READ_MODEL_STORE, CLOCK],
    };
  }
}
