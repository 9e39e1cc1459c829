import { CONSENT_TOPIC } from '@ilinks/consent/contracts';
import type { ServiceDefinition } from '@ilinks/platform/runtime';
import { Module } from '@nestjs/common';

/**
 * The consent service: objections, sealed categories, care relationships, break-glass grants and carers' delegations (issue 4).
 * It runs, owns its streams and topic, and reports its health; its use cases arrive with that issue.
 */
export const consentService: ServiceDefinition = {
  name: 'consent',
  streamPrefixes: ['consent.'],
  publishes: [CONSENT_TOPIC],
};

@Module({})
export class ConsentModule {}
