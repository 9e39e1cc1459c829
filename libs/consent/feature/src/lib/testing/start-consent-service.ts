import type { MessageBus } from '@ilinks/platform/messaging';
import { createLogger } from '@ilinks/platform/observability';
import {
  chooseAdapters,
  openServiceAdapters,
  type RunningService,
  startService,
} from '@ilinks/platform/runtime';
import type { Clock } from '@ilinks/shared/kernel';
import { ConsentModule, consentService } from '../consent.service';

/** The embedded adapters the service specs run on. */
export const EMBEDDED_FOR_SPECS = chooseAdapters('embedded', { sqliteSynchronous: 'normal' });

/** Starts the consent service (for specs) on the embedded adapters in `dataDir`, on an ephemeral loopback port. */
export async function startConsentService(
  dataDir: string,
  bus: MessageBus,
  clock?: Clock,
): Promise<RunningService> {
  return startService({
    definition: consentService,
    imports: [ConsentModule],
    adapters: await openServiceAdapters(consentService.name, EMBEDDED_FOR_SPECS, { dataDir }, bus),
    http: { host: '127.0.0.1', port: 0, bodyLimit: '100kb' },
    logger: createLogger({ service: consentService.name, level: 'silent' }),
    clock,
    shutdownHooks: false,
  });
}
