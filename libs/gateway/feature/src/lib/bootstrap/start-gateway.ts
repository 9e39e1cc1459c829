import { AUDIT_RECORDS_TOPIC } from '@ilinks/audit/contracts';
import { JWT_VERIFIER, type JwtVerifier } from '@ilinks/platform/security';
import type { AccessPolicySettings, SensitiveCodeTable } from '@ilinks/consent/domain';
import type { AuthConfig, RuntimeConfig } from '@ilinks/platform/config';
import { configureHttpApp } from '@ilinks/platform/http';
import type { MessageBus } from '@ilinks/platform/messaging';
import {
  HealthModule,
  httpTelemetryMiddleware,
  type Logger,
  PinoNestLogger,
} from '@ilinks/platform/observability';
import { listenOn, runtimeMetrics } from '@ilinks/platform/runtime';
import { type DynamicModule, type INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { auditEveryRequest } from '../audit/audit-every-request.middleware';
import { AuditTrail } from '../audit/audit-trail';
import { GatewayAuditModule } from '../audit/gateway-audit.module';
import { AccessModule } from '../access/access.module';
import { GatewayConsentModule } from '../consent/consent.module';
import { GatewayCorrespondenceModule } from '../correspondence/correspondence.module';
import { GatewayDiagnosticsModule } from '../diagnostics/diagnostics.module';
import { GatewayRecordIngestModule } from '../record/ingest/record-ingest.module';
import { GatewayRecordReadModule } from '../record/read/record-read.module';
import { GatewaySafeguardingModule } from '../record/safeguarding/safeguarding.module';
import { GatewayRecordSharingModule } from '../record/sharing/record-sharing.module';
import { GatewayRecordViewsModule } from '../record/views/record-views.module';
import { GatewayModule } from '../gateway.module';
import { PatientModule } from '../patient/patient.module';
import { BACKEND_SERVICES, type BackendServices, backendReadinessChecks } from './backend-services';

export interface StartGatewayOptions {
  readonly runtime: Pick<RuntimeConfig, 'mode' | 'dataDir'>;
  readonly auth: AuthConfig;
  readonly http: { readonly host: string; readonly port: number; readonly bodyLimit: string };
  /** Base URLs of the services the gateway calls, by service name. */
  readonly services: BackendServices;
  /**
   * Where every request's audit record is written. Owned by the caller, who closes it after
   * `stop()`: the platform shares its in-process bus, the gateway app opens its own Kafka client.
   */
  readonly bus: MessageBus;
  /** The region's access-policy choices (`AccessPolicyConfig`); the defaults when unset. */
  readonly accessPolicy?: AccessPolicySettings;
  /** The region's sealed-category code list (`sensitiveCodesFrom`); the default list when unset. */
  readonly sensitiveCodes?: SensitiveCodeTable;
  /** Longest wait for the audit record's acknowledgement (`ILINKS_AUDIT_TIMEOUT_MS`); default 2000. */
  readonly auditTimeoutMs?: number;
  readonly logger: Logger;
  readonly shutdownHooks?: boolean;
}

export interface RunningGateway {
  readonly url: string;
  readonly app: INestApplication;
  stop(): Promise<void>;
}

const DEFAULT_AUDIT_TIMEOUT_MS = 2000;

@Module({})
class GatewayRootModule {
  static for(options: StartGatewayOptions): DynamicModule {
    return {
      module: GatewayRootModule,
      imports: [
        GatewayModule.fromConfig(options.runtime, options.auth),
        HealthModule.forRoot({
          checks: [
            ...backendReadinessChecks(options.services),
            // Person-data routes fail closed without the broker (their audit record cannot be written).
            { name: 'audit-bus', check: () => options.bus.ensureTopics([AUDIT_RECORDS_TOPIC]) },
          ],
        }),
        AccessModule.forRoot({
          services: options.services,
          ...(options.accessPolicy ? { settings: options.accessPolicy } : {}),
        }),
        PatientModule.forRoot({ services: options.services }),
        GatewayConsentModule.forRoot({ services: options.services }),
        GatewayRecordIngestModule.forRoot({ services: options.services }),
        GatewayRecordReadModule.forRoot({ services: options.services, ...sensitiveCodesOf(options) }),
        GatewayRecordViewsModule.forRoot({ services: options.services, ...sensitiveCodesOf(options) }),
        GatewaySafeguardingModule.forRoot({ services: options.services }),
        GatewayRecordSharingModule.forRoot({ services: options.services, ...sensitiveCodesOf(options) }),
        GatewayCorrespondenceModule.forRoot({ services: options.services }),
        GatewayDiagnosticsModule.forRoot({ services: options.services }),
        GatewayAuditModule.forRoot({
          bus: options.bus,
          services: options.services,
          timeoutMs: options.auditTimeoutMs ?? DEFAULT_AUDIT_TIMEOUT_MS,
        }),
      ],
      providers: [{ provide: BACKEND_SERVICES, useValue: options.services }],
    };
  }
}

function sensitiveCodesOf(options: StartGatewayOptions): { sensitiveCodes?: SensitiveCodeTable } {
  return options.sensitiveCodes === undefined ? {} : { sensitiveCodes: options.sensitiveCodes };
}

/** Starts the gateway, the one public entry point, in front of the given services. */
export async function startGateway(options: StartGatewayOptions): Promise<RunningGateway> {
  const app = await NestFactory.create<NestExpressApplication>(GatewayRootModule.for(options), {
    logger: new PinoNestLogger(options.logger),
    bufferLogs: true,
    bodyParser: false,
  });
  // As `createHttpApplication` does for the services, with one addition between telemetry (so the
  // request's span is active) and everything else: the audit hook must see the response of every
  // request, including the ones the body parser, the router or the guards refuse.
  app.use(httpTelemetryMiddleware(runtimeMetrics().platform));
  app.use(auditEveryRequest(app.get(AuditTrail), { verifier: app.get<JwtVerifier>(JWT_VERIFIER) }));
  configureHttpApp(app, { bodyLimit: options.http.bodyLimit, shutdownHooks: options.shutdownHooks ?? true });
  const url = await listenOn(app, options.http.host, options.http.port);
  return { url, app, stop: () => app.close() };
}
