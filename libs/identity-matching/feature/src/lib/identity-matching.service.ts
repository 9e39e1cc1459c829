import { IDENTITY_TOPIC } from '@ilinks/identity-matching/contracts';
import { IDENTITY_STREAM_PREFIX } from '@ilinks/identity-matching/domain';
import type { ServiceDefinition } from '@ilinks/platform/runtime';
import { Module } from '@nestjs/common';
import { blockingIndexProjection } from './blocking-index/blocking-index.projection';
import { MatchCandidates } from './blocking-index/match-candidates';
import { loadIdentityMatchingConfig } from './identity-matching.config';
import { IDENTITY_MATCHING_CONFIG } from './identity-matching.tokens';
import { IdentityViews } from './identity-views';
import { identityEventsMapper } from './integration-events/identity-events.mapper';
import { knownDifferentProjection } from './known-different/known-different.projection';
import { IdentityWriteQueue } from './link-local-record/identity-write-queue';
import { LocalRecordLinker } from './link-local-record/local-record-linker';
import { LocalRecordsController } from './local-records-view/local-records.controller';
import { localRecordsProjection } from './local-records-view/local-records.projection';
import { MatchController } from './match/match.controller';
import { MatchModelController } from './match-model/match-model.controller';
import { MatchModelProvider } from './match-model/match-model.provider';
import { MatchReviewsController } from './match-reviews/match-reviews.controller';
import { matchReviewsProjection } from './match-reviews/match-reviews.projection';
import { PersonChanges } from './match-reviews/person-merges';
import { PersonViews } from './persons-view/person-views';
import { PersonsController } from './persons-view/persons.controller';
import { personsProjection } from './persons-view/persons.projection';
import { RegisterLocalRecordController } from './register-local-record/register-local-record.controller';
import { UndoMergeController } from './undo-merge/undo-merge.controller';
import { UnlinkLocalRecordController } from './unlink-local-record/unlink-local-record.controller';

/** The identity-matching service: partners' patient records, the persons they belong to, and the review queue. */
export const identityMatchingService: ServiceDefinition = {
  name: 'identity-matching',
  streamPrefixes: [IDENTITY_STREAM_PREFIX],
  publishes: [IDENTITY_TOPIC],
  relayMapper: identityEventsMapper,
  projections: [
    localRecordsProjection,
    blockingIndexProjection,
    personsProjection,
    knownDifferentProjection,
    matchReviewsProjection,
  ],
};

const controllers = [
  RegisterLocalRecordController,
  LocalRecordsController,
  PersonsController,
  MatchController,
  MatchReviewsController,
  UnlinkLocalRecordController,
  UndoMergeController,
  MatchModelController,
];

const providers = [
  IdentityViews,
  IdentityWriteQueue,
  MatchCandidates,
  MatchModelProvider,
  LocalRecordLinker,
  PersonChanges,
  PersonViews,
];

/** The service's HTTP API; its settings (`IdentityMatchingConfig`) are read and validated at start. */
@Module({
  controllers,
  providers: [
    ...providers,
    { provide: IDENTITY_MATCHING_CONFIG, useFactory: () => loadIdentityMatchingConfig() },
  ],
})
export class IdentityMatchingModule {}
