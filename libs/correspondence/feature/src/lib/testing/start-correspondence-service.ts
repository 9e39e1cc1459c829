import type { MessageBus } from '@ilinks/platform/messaging';
import { createLogger } from '@ilinks/platform/observability';
import {
  chooseAdapters,
  openServiceAdapters,
  type RunningService,
  startService,
} from '@ilinks/platform/runtime';
import type { Clock } from '@ilinks/shared/kernel';
import { CorrespondenceModule, correspondenceService } from '../correspondence.service';

/** The embedded adapters the service specs run on. */
export const EMBEDDED_FOR_SPECS = chooseAdapters('embedded', { sqliteSynchronous: 'normal' });

export interface StartCorrespondenceOptions {
  /** Settings (`ILINKS_LETTER_*`, `ILINKS_CORRESPONDENCE_*`) instead of the process environment. */
  readonly env?: NodeJS.ProcessEnv;
  readonly clock?: Clock;
}

/** Starts the correspondence service (for specs) on the embedded adapters in `dataDir`, on an ephemeral loopback port. */
export async function startCorrespondenceService(
  dataDir: string,
  bus: MessageBus,
  options: StartCorrespondenceOptions = {},
): Promise<RunningService> {
  return startService({
    definition: correspondenceService,
    imports: [
      options.env === undefined ? CorrespondenceModule : CorrespondenceModule.withSettings(options.env),
    ],
    adapters: await openServiceAdapters(correspondenceService.name, EMBEDDED_FOR_SPECS, { dataDir }, bus),
    http: { host: '127.0.0.1', port: 0, bodyLimit: '8mb' },
    logger: createLogger({ service: correspondenceService.name, level: 'silent' }),
    ...(options.clock === undefined ? {} : { clock: options.clock }),
    shutdownHooks: false,
  });
}
