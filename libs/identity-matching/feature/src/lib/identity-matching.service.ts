import { IDENTITY_TOPIC } from '@ilinks/identity-matching/contracts';
import { IDENTITY_STREAM_PREFIX } from '@ilinks/identity-matching/domain';
import type { ServiceDefinition } from '@ilinks/platform/runtime';
import { Module } from '@nestjs/common';
import { identityEventsMapper } from './integration-events/identity-events.mapper';
import { LocalRecordsController } from './local-records-view/local-records.controller';
import { localRecordsProjection } from './local-records-view/local-records.projection';
import { RegisterLocalRecordController } from './register-local-record/register-local-record.controller';

/** The identity-matching service: partners' patient records, and (issue 3) the persons they belong to. */
export const identityMatchingService: ServiceDefinition = {
  name: 'identity-matching',
  streamPrefixes: [IDENTITY_STREAM_PREFIX],
  publishes: [IDENTITY_TOPIC],
  relayMapper: identityEventsMapper,
  projections: [localRecordsProjection],
};

@Module({ controllers: [RegisterLocalRecordController, LocalRecordsController] })
export class IdentityMatchingModule {}
