import { DIAGNOSTICS_TOPIC } from '@ilinks/diagnostics/contracts';
import type { ServiceDefinition } from '@ilinks/platform/runtime';
import { Module } from '@nestjs/common';

/**
 * The diagnostics service: requests, reports and results, and who must acknowledge them (issue 6).
 * It runs, owns its streams and topic, and reports its health; its use cases arrive with that issue.
 */
export const diagnosticsService: ServiceDefinition = {
  name: 'diagnostics',
  streamPrefixes: ['diagnostics.'],
  publishes: [DIAGNOSTICS_TOPIC],
};

@Module({})
export class DiagnosticsModule {}
