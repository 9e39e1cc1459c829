import type { MessageBus } from '@ilinks/platform/messaging';
import { createLogger } from '@ilinks/platform/observability';
import {
  chooseAdapters,
  openServiceAdapters,
  type RunningService,
  startService,
} from '@ilinks/platform/runtime';
import { RecordProjectionModule, recordProjectionService } from '../record-projection.service';

/** The embedded adapters the service specs run on. */
export const EMBEDDED_FOR_SPECS = chooseAdapters('embedded', { sqliteSynchronous: 'normal' });

/** Starts the record service (for specs) on the embedded adapters in `dataDir`, on an ephemeral loopback port. */
export async function startRecordService(dataDir: string, bus: MessageBus): Promise<RunningService> {
  return startService({
    definition: recordProjectionService,
    imports: [RecordProjectionModule],
    adapters: await openServiceAdapters(recordProjectionService.name, EMBEDDED_FOR_SPECS, { dataDir }, bus),
    http: { host: '127.0.0.1', port: 0, bodyLimit: '1mb' },
    logger: createLogger({ service: recordProjectionService.name, level: 'silent' }),
    shutdownHooks: false,
  });
}
