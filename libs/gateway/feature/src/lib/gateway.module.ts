import type { AuthConfig, RuntimeConfig, RuntimeMode } from '@ilinks/platform/config';
import { HttpPlatformModule } from '@ilinks/platform/http';
import {
  type AuthenticationListener,
  type DevTokenIssuer,
  type JwtVerifier,
  SecurityModule,
  createDevTokenIssuer,
  createJwtVerifier,
} from '@ilinks/platform/security';
import { type Clock, systemClock } from '@ilinks/shared/kernel';
import { type DynamicModule, Module, type Provider, type Type } from '@nestjs/common';
import type { SoftwareInfo } from './capability-statement/capability-statement';
import { FhirCapabilityRegistry } from './capability-statement/fhir-capability.registry';
import { MetadataController } from './capability-statement/metadata.controller';
import { readSoftwareInfo } from './capability-statement/software-info';
import { DevTokenController } from './dev-token/dev-token.controller';
import { DEV_TOKEN_ISSUER, GATEWAY_SETTINGS, type GatewaySettings } from './gateway.settings';

export interface GatewayModuleOptions {
  readonly mode: RuntimeMode;
  readonly verifier: JwtVerifier;
  /** Required in embedded mode (mounts `POST /auth/dev-token`); refused in distributed mode. */
  readonly devTokenIssuer?: DevTokenIssuer;
  /** Told about every authentication success and failure (the audit trail). */
  readonly authenticationListener?: AuthenticationListener;
  /** For the CapabilityStatement; read from package.json by default. */
  readonly software?: SoftwareInfo;
  /** Public base URL of the FHIR API (`https://exchange.example/fhir`); derived per request when unset. */
  readonly baseUrl?: string;
  /** Installs the OperationOutcome filter and strict validation pipe (default true). Turn off when the app installs `HttpPlatformModule` itself. */
  readonly installHttpPlatform?: boolean;
  readonly clock?: Clock;
}

/**
 * The gateway's edge: every route authenticated with a bearer JWT unless `@Public()`, `@Roles()`
 * enforced, errors as FHIR OperationOutcome, strict validation, `GET /fhir/metadata`, and in
 * embedded mode `POST /auth/dev-token`. Global: resource modules inject `FhirCapabilityRegistry`.
 */
@Module({})
export class GatewayModule {
  static forRoot(options: GatewayModuleOptions): DynamicModule {
    if (options.mode === 'embedded' && !options.devTokenIssuer)
      throw new Error('GatewayModule: embedded mode needs a devTokenIssuer');
    if (options.mode === 'distributed' && options.devTokenIssuer)
      throw new Error('GatewayModule: the dev token issuer is refused in distributed mode');

    const settings: GatewaySettings = {
      mode: options.mode,
      software: options.software ?? readSoftwareInfo(),
      ...(options.baseUrl ? { baseUrl: options.baseUrl.replace(/\/+$/, '') } : {}),
      startedAt: (options.clock ?? systemClock).now(),
    };
    const providers: Provider[] = [{ provide: GATEWAY_SETTINGS, useValue: settings }, FhirCapabilityRegistry];
    const controllers: Type[] = [MetadataController];
    if (options.devTokenIssuer) {
      providers.push({ provide: DEV_TOKEN_ISSUER, useValue: options.devTokenIssuer });
      controllers.push(DevTokenController);
    }
    return {
      module: GatewayModule,
      global: true,
      imports: [
        SecurityModule.forRoot({
          verifier: options.verifier,
          ...(options.authenticationListener ? { listener: options.authenticationListener } : {}),
        }),
        ...((options.installHttpPlatform ?? true) ? [HttpPlatformModule.forRoot()] : []),
      ],
      controllers,
      providers,
      exports: [FhirCapabilityRegistry],
    };
  }

  /**
   * Wires the gateway from validated configuration: the dev issuer (keyed under the data dir) and
   * its verifier in embedded mode, the external issuer's JWKS in distributed mode.
   */
  static fromConfig(
    runtime: Pick<RuntimeConfig, 'mode' | 'dataDir'>,
    auth: AuthConfig,
    options: Omit<GatewayModuleOptions, 'mode' | 'verifier' | 'devTokenIssuer'> = {},
  ): DynamicModule {
    const clock = options.clock;
    const devTokenIssuer =
      runtime.mode === 'embedded'
        ? createDevTokenIssuer({
            mode: runtime.mode,
            dataDir: runtime.dataDir,
            auth,
            ...(clock ? { clock } : {}),
          })
        : undefined;
    const verifier = createJwtVerifier({
      mode: runtime.mode,
      auth,
      ...(devTokenIssuer ? { devTokenIssuer } : {}),
      ...(clock ? { clock } : {}),
    });
    return GatewayModule.forRoot({
      ...options,
      mode: runtime.mode,
      verifier,
      ...(devTokenIssuer ? { devTokenIssuer } : {}),
    });
  }
}
