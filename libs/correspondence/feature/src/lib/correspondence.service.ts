import { CORRESPONDENCE_TOPIC } from '@ilinks/correspondence/contracts';
import type { ServiceDefinition } from '@ilinks/platform/runtime';
import { Module } from '@nestjs/common';

/**
 * The correspondence service: letters between care settings, their deliveries and acknowledgements (issue 6).
 * It runs, owns its streams and topic, and reports its health; its use cases arrive with that issue.
 */
export const correspondenceService: ServiceDefinition = {
  name: 'correspondence',
  streamPrefixes: ['correspondence.'],
  publishes: [CORRESPONDENCE_TOPIC],
};

@Module({})
export class CorrespondenceModule {}
