import {
  IDENTITY_TOPIC,
  LocalRecordPersonChangedV1Event,
  LocalRecordRegisteredV1Event,
} from '@ilinks/identity-matching/contracts';
import { RECORD_TOPIC } from '@ilinks/record-projection/contracts';
import { RECORD_STREAM_PREFIX } from '@ilinks/record-projection/domain';
import type { ServiceDefinition } from '@ilinks/platform/runtime';
import { Module } from '@nestjs/common';
import { EntriesController } from './entries-view/entries.controller';
import { entriesProjection } from './entries-view/entries.projection';
import { recordEventsMapper } from './integration-events/record-events.mapper';
import { LocalRecordIndexController } from './on-local-record-registered/local-record-index.controller';
import { OnLocalRecordRegisteredConsumer } from './on-local-record-registered/on-local-record-registered.consumer';
import { PersonEntriesController } from './person-entries/person-entries.controller';
import { RecordEntries } from './record-entry/record-entries';
import { RecordEntryController } from './record-entry/record-entry.controller';
import { RecordViews } from './record-views';

/** The record service: partners' clinical entries and the whole-person views built from them (issue 5). */
export const recordProjectionService: ServiceDefinition = {
  name: 'record-projection',
  streamPrefixes: [RECORD_STREAM_PREFIX],
  publishes: [RECORD_TOPIC],
  relayMapper: recordEventsMapper,
  projections: [entriesProjection],
  consumes: {
    topics: [IDENTITY_TOPIC],
    schemas: [LocalRecordRegisteredV1Event, LocalRecordPersonChangedV1Event],
  },
};

@Module({
  controllers: [
    OnLocalRecordRegisteredConsumer,
    LocalRecordIndexController,
    RecordEntryController,
    EntriesController,
    PersonEntriesController,
  ],
  providers: [RecordViews, RecordEntries],
})
export class RecordProjectionModule {}
