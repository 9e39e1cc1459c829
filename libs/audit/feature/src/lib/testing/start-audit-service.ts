import type { MessageBus } from '@ilinks/platform/messaging';
import { createLogger } from '@ilinks/platform/observability';
import {
  chooseAdapters,
  openServiceAdapters,
  type RunningService,
  startService,
} from '@ilinks/platform/runtime';
import { AuditModule, auditService } from '../audit.service';

/** The embedded adapters the service specs run on. */
export const EMBEDDED_FOR_SPECS = chooseAdapters('embedded', { sqliteSynchronous: 'normal' });

/**
 * Starts the audit service (for specs) on the embedded adapters in `dataDir`, on an ephemeral
 * loopback port; several may share one data dir and bus, like replicas.
 */
export async function startAuditService(dataDir: string, bus: MessageBus): Promise<RunningService> {
  return startService({
    definition: auditService,
    imports: [AuditModule],
    adapters: await openServiceAdapters(auditService.name, EMBEDDED_FOR_SPECS, { dataDir }, bus),
    http: { host: '127.0.0.1', port: 0, bodyLimit: '100kb' },
    logger: createLogger({ service: auditService.name, level: 'silent' }),
    shutdownHooks: false,
  });
}
