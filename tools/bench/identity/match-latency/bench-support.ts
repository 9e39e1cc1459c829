import { IdentityMatchingModule, identityMatchingService } from '@ilinks/identity-matching/feature';
import type { MessageBus } from '@ilinks/platform/messaging';
import { createLogger } from '@ilinks/platform/observability';
import {
  chooseAdapters,
  openBus,
  openServiceAdapters,
  type RunningService,
  startService,
} from '@ilinks/platform/runtime';

export * from '../../support/latency';

/** The identity service on the embedded adapters, listening on 127.0.0.1 only. */
export interface IdentityServiceUnderTest {
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * Starts the identity service in this process as its own spec does: embedded adapters (SQLite event
 * store and read models, in-process bus) under `dataDir`, HTTP on an ephemeral loopback port.
 */
export async function startIdentityService(dataDir: string): Promise<IdentityServiceUnderTest> {
  const choice = chooseAdapters('embedded', { sqliteSynchronous: 'normal' });
  const bus: MessageBus = openBus(choice, { dataDir }, 'bench');
  const adapters = await openServiceAdapters(identityMatchingService.name, choice, { dataDir }, bus);
  const service: RunningService = await startService({
    definition: identityMatchingService,
    imports: [IdentityMatchingModule],
    adapters,
    http: { host: '127.0.0.1', port: 0, bodyLimit: '100kb' },
    logger: createLogger({ service: 'identity-matching', level: 'silent' }),
    shutdownHooks: false,
  });
  return {
    url: service.url,
    async stop() {
      try {
        await service.stop();
      } catch (error) {
        // Known: on an event store with no events the relay saves checkpoint -1 on stop, which the
        // read-model guard refuses (reported). Close what the failed stop left open.
        console.error(`service stop: ${error instanceof Error ? error.message : String(error)}`);
        await adapters.close();
      }
      await bus.close();
    },
  };
}

/** POSTs JSON to the service and returns the parsed answer; a non-2xx status is an error. */
export async function postJson<T>(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<T> {
  const send = () =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  // A pooled keep-alive connection the server is closing just then resets: send once more on a
  // fresh one (the time of both attempts counts), and say so in the figures.
  const response = await send().catch((error: unknown) => {
    if (!isConnectionReset(error)) throw error;
    connectionResets++;
    return send();
  });
  if (!response.ok) throw new Error(`POST ${new URL(url).pathname} answered ${response.status}`);
  return (await response.json()) as T;
}

let connectionResets = 0;

/** How many requests `postJson` had to send again after a connection reset. */
export function connectionResetsSoFar(): number {
  return connectionResets;
}

function isConnectionReset(error: unknown): boolean {
  const cause = (error as { cause?: { code?: string } } | undefined)?.cause;
  return cause?.code === 'ECONNRESET' || cause?.code === 'UND_ERR_SOCKET';
}
