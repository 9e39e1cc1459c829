import {
  CORRESPONDENCE_TOPIC,
  LetterCopyChangedV1Event,
  LetterSentV1Event,
} from '@ilinks/correspondence/contracts';
import { CONSENT_TOPIC } from '@ilinks/consent/contracts';
import { CONSENT_STREAM_PREFIX } from '@ilinks/consent/domain';
import {
  IDENTITY_TOPIC,
  LocalRecordPersonChangedV1Event,
  LocalRecordRegisteredV1Event,
  PersonsMergedV1Event,
  PersonsMergeUndoneV1Event,
} from '@ilinks/identity-matching/contracts';
import { loadConfig } from '@ilinks/platform/config';
import { RECORD_TOPIC, RecordItemsSharedV1Event } from '@ilinks/record-projection/contracts';
import type { ServiceDefinition } from '@ilinks/platform/runtime';
import { Module } from '@nestjs/common';
import { AccessPolicyController } from './access-policy/access-policy.controller';
import { PersonAccessPolicies } from './access-policy/person-access-policies';
import { AgreeCategoryController } from './agree-category/agree-category.controller';
import { BreakGlassController } from './break-glass/break-glass.controller';
import { CONSENT_CONFIG, ConsentConfig } from './consent.config';
import { ConsentStreams } from './consent-streams';
import { ConsentViews } from './consent-views';
import { ConsentsController } from './consents-view/consents.controller';
import { consentsProjection } from './consents-view/consents.projection';
import { EndRelationshipController } from './end-relationship/end-relationship.controller';
import { GrantDelegationController } from './grant-delegation/grant-delegation.controller';
import { identityLocalRecordsProjection } from './identity-facts/identity-local-records.projection';
import { identityMergesProjection } from './identity-facts/identity-merges.projection';
import { OnIdentityEventConsumer } from './identity-facts/on-identity-event.consumer';
import { consentEventsMapper } from './integration-events/consent-events.mapper';
import { OnLetterSentConsumer } from './on-letter-sent/on-letter-sent.consumer';
import { OnRecordItemsSharedConsumer } from './on-record-items-shared/on-record-items-shared.consumer';
import { RecordObjectionController } from './record-objection/record-objection.controller';
import { relationshipsProjection } from './relationships-view/relationships.projection';
import { StartRelationshipController } from './start-relationship/start-relationship.controller';
import { WithdrawConsentController } from './withdraw-consent/withdraw-consent.controller';

/**
 * The consent service: objections, sensitive-category agreements, carers' delegations, care
 * relationships and break-glass grants, one stream per person; the access policy the gateway
 * decides with; identity's record holders and merges kept as its own views.
 */
export const consentService: ServiceDefinition = {
  name: 'consent',
  streamPrefixes: [CONSENT_STREAM_PREFIX],
  publishes: [CONSENT_TOPIC],
  relayMapper: consentEventsMapper,
  projections: [consentsProjection, relationshipsProjection],
  // Kept from identity's topic by this service's consumers, not by its projector.
  otherCollections: [identityLocalRecordsProjection.collection, identityMergesProjection.collection],
  consumes: {
    topics: [IDENTITY_TOPIC, RECORD_TOPIC, CORRESPONDENCE_TOPIC],
    schemas: [
      LocalRecordRegisteredV1Event,
      LocalRecordPersonChangedV1Event,
      PersonsMergedV1Event,
      PersonsMergeUndoneV1Event,
      RecordItemsSharedV1Event,
      LetterSentV1Event,
      LetterCopyChangedV1Event,
    ],
  },
};

const controllers = [
  RecordObjectionController,
  AgreeCategoryController,
  GrantDelegationController,
  WithdrawConsentController,
  ConsentsController,
  StartRelationshipController,
  EndRelationshipController,
  BreakGlassController,
  AccessPolicyController,
  OnIdentityEventConsumer,
  OnRecordItemsSharedConsumer,
  OnLetterSentConsumer,
];

/** The service's internal HTTP API and identity consumer; `ConsentConfig` is read and validated at start. */
@Module({
  controllers,
  providers: [
    ConsentViews,
    ConsentStreams,
    PersonAccessPolicies,
    { provide: CONSENT_CONFIG, useFactory: () => loadConfig(ConsentConfig) },
  ],
})
export class ConsentModule {}
