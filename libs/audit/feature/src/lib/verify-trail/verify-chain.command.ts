import type { TrailVerificationV1 } from '@ilinks/audit/contracts';
import { loadConfigs } from '@ilinks/platform/config';
import { createLogger } from '@ilinks/platform/observability';
import { hostSettings, openBus, openServiceAdapters, resolveAdapters } from '@ilinks/platform/runtime';
import { systemClock } from '@ilinks/shared/kernel';
import { auditService } from '../audit.service';
import { verifyAuditTrail } from './verify-trail.controller';

/**
 * `main.js verify-chain`: verifies the audit trail in the configured event store (the same settings
 * as the service), prints the `TrailVerificationV1` as one line of JSON and resolves with it; the
 * caller exits non-zero when the chain is broken (the Kubernetes CronJob then fails: an incident).
 */
export async function runVerifyChainCommand(
  write: (line: string) => void = (line) => process.stdout.write(line),
): Promise<TrailVerificationV1> {
  const settings = loadConfigs(hostSettings);
  const logger = createLogger({ service: auditService.name, level: settings.runtime.logLevel });
  const { choice, adapterSettings } = resolveAdapters(settings, logger);
  const bus = openBus(choice, adapterSettings, auditService.name);
  const adapters = await openServiceAdapters(auditService.name, choice, adapterSettings, bus, {
    ownsBus: true,
  });
  try {
    const result = await verifyAuditTrail(adapters.eventStore, systemClock);
    write(`${JSON.stringify(result)}\n`);
    return result;
  } finally {
    await adapters.close();
  }
}
