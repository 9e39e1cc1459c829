import {
  IDENTITY_TOPIC,
  LocalRecordPersonChangedV1Event,
  LocalRecordRegisteredV1Event,
} from '@ilinks/identity-matching/contracts';
import { RECORD_TOPIC } from '@ilinks/record-projection/contracts';
import type { ServiceDefinition } from '@ilinks/platform/runtime';
import { Module } from '@nestjs/common';
import { LocalRecordIndexController } from './on-local-record-registered/local-record-index.controller';
import { OnLocalRecordRegisteredConsumer } from './on-local-record-registered/on-local-record-registered.consumer';

/** The record service: partners' clinical entries and the whole-person views built from them (issue 5). */
export const recordProjectionService: ServiceDefinition = {
  name: 'record-projection',
  streamPrefixes: ['record.'],
  publishes: [RECORD_TOPIC],
  consumes: {
    topics: [IDENTITY_TOPIC],
    schemas: [LocalRecordRegisteredV1Event, LocalRecordPersonChangedV1Event],
  },
};

@Module({ controllers: [OnLocalRecordRegisteredConsumer, LocalRecordIndexController] })
export class RecordProjectionModule {}
