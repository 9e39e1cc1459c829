import 'reflect-metadata';
import {
  AccessPolicyConfig,
  accessPolicySettingsFrom,
  sensitiveCodesFrom,
  AuditTrailConfig,
  startGateway,
} from '@ilinks/gateway/feature';
import { AuthConfig, exitOnConfigError, loadConfigs } from '@ilinks/platform/config';
import { createLogger, shutdownTelemetry, startTelemetry } from '@ilinks/platform/observability';
import {
  exitOnStartupFailure,
  hostSettings,
  openBus,
  openServiceAdapters,
  rebuildProjections,
  resolveAdapters,
  type RunningService,
  startService,
  stopGracefullyOnSignals,
} from '@ilinks/platform/runtime';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { lockDataDir } from './data-dir-lock';
import { embeddedServices } from './embedded-services';
import { PlatformHttpConfig } from './platform.config';

/**
 * Embedded mode: every service in this one process on SQLite and the durable in-process bus.
 * Services listen on ephemeral loopback ports (so two platforms never collide); the gateway on
 * ILINKS_GATEWAY_PORT is the only public entry point.
 */
exitOnConfigError(async () => {
  const settings = loadConfigs({
    ...hostSettings,
    http: PlatformHttpConfig,
    auth: AuthConfig,
    audit: AuditTrailConfig,
    access: AccessPolicyConfig,
  });
  if (settings.runtime.mode !== 'embedded')
    throw new Error('The platform app runs embedded mode only; deploy the service apps for distributed mode');
  const dataDir = resolve(settings.runtime.dataDir);
  settings.runtime.dataDir = dataDir;
  const unlock = lockDataDir(dataDir);
  startTelemetry({
    serviceName: settings.telemetry.serviceName ?? 'ilinks-platform',
    otlpEndpoint: settings.telemetry.otlpEndpoint,
  });
  const logger = createLogger({ service: 'platform', level: settings.runtime.logLevel });
  const { choice, adapterSettings } = resolveAdapters(settings, logger);

  const bus = openBus(choice, adapterSettings, 'platform');
  if (process.argv[2] === 'rebuild-projections') {
    // `main.js rebuild-projections [service…]`: rebuild views from the event stores, then exit.
    const only = process.argv.slice(3);
    for (const { definition } of embeddedServices.filter(
      ({ definition }) => only.length === 0 || only.includes(definition.name),
    )) {
      const adapters = await openServiceAdapters(definition.name, choice, adapterSettings, bus, {
        databasePerService: true,
      });
      const report = await rebuildProjections(definition, adapters);
      process.stdout.write(`${JSON.stringify(report)}\n`);
      await adapters.close();
    }
    await bus.close();
    unlock();
    return;
  }
  // Started together: each joins its consumer group on its own, and order does not matter for
  // correctness (consumers resume from their committed offsets, relays from their checkpoints).
  const services: RunningService[] = await Promise.all(
    embeddedServices.map(async ({ definition, module }) =>
      startService({
        definition,
        imports: [module],
        adapters: await openServiceAdapters(definition.name, choice, adapterSettings, bus, {
          databasePerService: true,
        }),
        http: { host: '127.0.0.1', port: 0, bodyLimit: settings.http.bodyLimit },
        logger: logger.child({ service: definition.name }),
        shutdownHooks: false,
      }),
    ),
  );
  const gateway = await startGateway({
    runtime: { ...settings.runtime, dataDir },
    auth: settings.auth,
    http: settings.http,
    services: Object.fromEntries(services.map((service) => [service.name, service.url])),
    bus,
    auditTimeoutMs: settings.audit.timeoutMs,
    accessPolicy: accessPolicySettingsFrom(settings.access),
    sensitiveCodes: sensitiveCodesFrom(settings.access),
    logger: logger.child({ service: 'gateway' }),
    shutdownHooks: false,
  });
  writeFileSync(
    join(dataDir, 'platform.json'),
    JSON.stringify(
      {
        pid: process.pid,
        gateway: gateway.url,
        services: Object.fromEntries(services.map((s) => [s.name, s.url])),
      },
      null,
      2,
    ),
  );

  stopGracefullyOnSignals(logger, async () => {
    await gateway.stop();
    for (const service of [...services].reverse()) await service.stop();
    await bus.close();
    await shutdownTelemetry();
    unlock();
  });

  logger.info({ gateway: gateway.url, dataDir, adapters: choice }, 'iLINKS platform ready');
  process.stdout.write(
    [
      '',
      `iLINKS Information Exchange (embedded) is listening on ${gateway.url}`,
      `  data:         ${dataDir}`,
      `  capability:   curl ${gateway.url}/fhir/metadata`,
      `  a dev token:  curl -s -X POST ${gateway.url}/auth/dev-token -H 'content-type: application/json' \\`,
      `                  -d '{"sub":"dr-jones","org":"RBS","role":"practitioner"}'`,
      '',
    ].join('\n') + '\n',
  );
}).catch(exitOnStartupFailure);
