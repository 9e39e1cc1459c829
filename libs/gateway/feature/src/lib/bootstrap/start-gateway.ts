import type { AuthConfig, RuntimeConfig } from '@ilinks/platform/config';
import { HealthModule, type Logger } from '@ilinks/platform/observability';
import { createHttpApplication, listenOn } from '@ilinks/platform/runtime';
import { type DynamicModule, type INestApplication, Module } from '@nestjs/common';
import { GatewayModule } from '../gateway.module';
import { PatientModule } from '../patient/patient.module';
import { BACKEND_SERVICES, type BackendServices, backendReadinessChecks } from './backend-services';

export interface StartGatewayOptions {
  readonly runtime: Pick<RuntimeConfig, 'mode' | 'dataDir'>;
  readonly auth: AuthConfig;
  readonly http: { readonly host: string; readonly port: number; readonly bodyLimit: string };
  /** Base URLs of the services the gateway calls, by service name. */
  readonly services: BackendServices;
  readonly logger: Logger;
  readonly shutdownHooks?: boolean;
}

export interface RunningGateway {
  readonly url: string;
  readonly app: INestApplication;
  stop(): Promise<void>;
}

@Module({})
class GatewayRootModule {
  static for(options: StartGatewayOptions): DynamicModule {
    return {
      module: GatewayRootModule,
      imports: [
        GatewayModule.fromConfig(options.runtime, options.auth),
        HealthModule.forRoot({ checks: backendReadinessChecks(options.services) }),
        PatientModule.forRoot({ services: options.services }),
      ],
      providers: [{ provide: BACKEND_SERVICES, useValue: options.services }],
    };
  }
}

/** Starts the gateway, the one public entry point, in front of the given services. */
export async function startGateway(options: StartGatewayOptions): Promise<RunningGateway> {
  const app = await createHttpApplication(GatewayRootModule.for(options), {
    logger: options.logger,
    bodyLimit: options.http.bodyLimit,
    shutdownHooks: options.shutdownHooks,
  });
  const url = await listenOn(app, options.http.host, options.http.port);
  return { url, app, stop: () => app.close() };
}
