import type { ServiceDefinition } from '@ilinks/platform/runtime';
import { Module } from '@nestjs/common';

/**
 * The audit service: the hash-chained audit trail of every access (issue 4).
 * It runs, owns its streams and topic, and reports its health; its use cases arrive with that issue.
 */
export const auditService: ServiceDefinition = {
  name: 'audit',
  streamPrefixes: ['audit.'],
  publishes: [],
};

@Module({})
export class AuditModule {}
