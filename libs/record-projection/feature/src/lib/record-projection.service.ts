import {
  IDENTITY_TOPIC,
  LocalRecordPersonChangedV1Event,
  LocalRecordRegisteredV1Event,
  PersonsMergedV1Event,
  PersonsMergeUndoneV1Event,
} from '@ilinks/identity-matching/contracts';
import { RECORD_TOPIC } from '@ilinks/record-projection/contracts';
import { RecordEntryChangedV1Event } from '@ilinks/record-projection/contracts';
import { RECORD_STREAM_PREFIX } from '@ilinks/record-projection/domain';
import type { ServiceDefinition } from '@ilinks/platform/runtime';
import { Module } from '@nestjs/common';
import { EntriesController } from './entries-view/entries.controller';
import { entriesProjection } from './entries-view/entries.projection';
import { recordEventsMapper } from './integration-events/record-events.mapper';
import { LocalRecordIndexController } from './on-local-record-registered/local-record-index.controller';
import { localRecordIndexProjection } from './on-local-record-registered/local-record-index.projection';
import { OnLocalRecordRegisteredConsumer } from './on-local-record-registered/on-local-record-registered.consumer';
import { PersonEntriesController } from './person-entries/person-entries.controller';
import { OnPersonsMergedConsumer } from './person-merges/on-persons-merged.consumer';
import { personMergesProjection } from './person-merges/person-merges.projection';
import { RecordEntries } from './record-entry/record-entries';
import { RecordEntryController } from './record-entry/record-entry.controller';
import { RecordViews } from './record-views';
import { OnRecordEntryChangedConsumer } from './safeguarding/on-record-entry-changed.consumer';
import { SafeguardingAlerts } from './safeguarding/safeguarding-alerts';
import { SafeguardingAlertsController } from './safeguarding/safeguarding-alerts.controller';
import { safeguardingAlertsProjection } from './safeguarding/safeguarding-alerts.projection';
import { loadSafeguardingSettings, SAFEGUARDING_SETTINGS } from './safeguarding/safeguarding.config';
import { entryAnnotationsProjection } from './sharing/entry-annotations.projection';
import { RecordSharing } from './sharing/record-sharing';
import { EntryAnnotationsController, RecordSharesController } from './sharing/record-sharing.controller';
import { recordSharesProjection } from './sharing/record-shares.projection';

/** The record service: partners' clinical entries and the whole-person views built from them (issue 5). */
export const recordProjectionService: ServiceDefinition = {
  name: 'record-projection',
  streamPrefixes: [RECORD_STREAM_PREFIX],
  publishes: [RECORD_TOPIC],
  relayMapper: recordEventsMapper,
  projections: [
    entriesProjection,
    safeguardingAlertsProjection,
    entryAnnotationsProjection,
    recordSharesProjection,
  ],
  // Kept from identity's topic by this service's consumers, not by its projector.
  otherCollections: [localRecordIndexProjection.collection, personMergesProjection.collection],
  consumes: {
    topics: [IDENTITY_TOPIC, RECORD_TOPIC],
    schemas: [
      LocalRecordRegisteredV1Event,
      LocalRecordPersonChangedV1Event,
      PersonsMergedV1Event,
      PersonsMergeUndoneV1Event,
      RecordEntryChangedV1Event,
    ],
  },
};

@Module({
  controllers: [
    OnLocalRecordRegisteredConsumer,
    LocalRecordIndexController,
    RecordEntryController,
    EntriesController,
    PersonEntriesController,
    OnPersonsMergedConsumer,
    OnRecordEntryChangedConsumer,
    SafeguardingAlertsController,
    EntryAnnotationsController,
    RecordSharesController,
  ],
  providers: [
    RecordViews,
    RecordEntries,
    SafeguardingAlerts,
    RecordSharing,
    { provide: SAFEGUARDING_SETTINGS, useFactory: () => loadSafeguardingSettings() },
  ],
})
export class RecordProjectionModule {}
