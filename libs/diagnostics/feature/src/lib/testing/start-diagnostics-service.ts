import type { Environment } from '@ilinks/platform/config';
import type { MessageBus } from '@ilinks/platform/messaging';
import { createLogger } from '@ilinks/platform/observability';
import {
  chooseAdapters,
  openServiceAdapters,
  type RunningService,
  startService,
} from '@ilinks/platform/runtime';
import type { Clock } from '@ilinks/shared/kernel';
import { DiagnosticsModule, diagnosticsService } from '../diagnostics.service';

/** The embedded adapters the service specs run on. */
export const EMBEDDED_FOR_SPECS = chooseAdapters('embedded', { sqliteSynchronous: 'normal' });

/** What a spec may change: the settings (as environment variables) and the clock. */
export interface DiagnosticsSpecOptions {
  readonly env?: Environment;
  readonly clock?: Clock;
}

/**
 * Starts the diagnostics service (for specs) on the embedded adapters in `dataDir`, on an ephemeral
 * loopback port, with its settings read from `options.env` (defaults for what it leaves out).
 */
export async function startDiagnosticsService(
  dataDir: string,
  bus: MessageBus,
  options: DiagnosticsSpecOptions = {},
): Promise<RunningService> {
  return startService({
    definition: diagnosticsService,
    imports: [DiagnosticsModule.withEnvironment(options.env ?? {})],
    adapters: await openServiceAdapters(diagnosticsService.name, EMBEDDED_FOR_SPECS, { dataDir }, bus),
    http: { host: '127.0.0.1', port: 0, bodyLimit: '5mb' },
    logger: createLogger({ service: diagnosticsService.name, level: 'silent' }),
    ...(options.clock === undefined ? {} : { clock: options.clock }),
    shutdownHooks: false,
  });
}
