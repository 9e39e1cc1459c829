import 'reflect-metadata';
import { AuditModule, auditService, runVerifyChainCommand } from '@ilinks/audit/feature';
import { exitOnStartupFailure, runService } from '@ilinks/platform/runtime';

const [command] = process.argv.slice(2);
if (command === 'verify-chain') {
  // A broken chain fails the run (exit 1), so the scheduled job reports it.
  runVerifyChainCommand()
    .then((result) => {
      process.exitCode = result.verified ? 0 : 1;
    })
    .catch(exitOnStartupFailure);
} else {
  runService(auditService, [AuditModule]).catch(exitOnStartupFailure);
}
