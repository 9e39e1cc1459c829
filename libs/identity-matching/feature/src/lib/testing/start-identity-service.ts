import type { MessageBus } from '@ilinks/platform/messaging';
import { createLogger } from '@ilinks/platform/observability';
import {
  chooseAdapters,
  openServiceAdapters,
  type RunningService,
  startService,
} from '@ilinks/platform/runtime';
import { IdentityMatchingModule, identityMatchingService } from '../identity-matching.service';

/** The embedded adapters the service specs run on. */
export const EMBEDDED_FOR_SPECS = chooseAdapters('embedded', { sqliteSynchronous: 'normal' });

/**
 * Starts the identity service (for specs) on the embedded adapters in `dataDir`, on an ephemeral
 * loopback port; several may share one data dir and bus, like replicas.
 */
export async function startIdentityService(dataDir: string, bus: MessageBus): Promise<RunningService> {
  return startService({
    definition: identityMatchingService,
    imports: [IdentityMatchingModule],
    adapters: await openServiceAdapters(identityMatchingService.name, EMBEDDED_FOR_SPECS, { dataDir }, bus),
    http: { host: '127.0.0.1', port: 0, bodyLimit: '100kb' },
    logger: createLogger({ service: identityMatchingService.name, level: 'silent' }),
    shutdownHooks: false,
  });
}
