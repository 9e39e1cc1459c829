import {
  LocalRecordRegisteredV1Event,
  type LocalRecordRegisteredV1,
} from '@ilinks/identity-matching/contracts';
import type { IntegrationEvent } from '@ilinks/platform/messaging';
import { projectionEventFromIntegrationEvent } from '@ilinks/platform/runtime';
import {
  applyToReadModel,
  type ReadModelCollection,
  type ReadModelStore,
} from '@ilinks/platform/read-models';
import { READ_MODEL_STORE } from '@ilinks/platform/runtime';
import { Controller, Inject, type OnModuleInit } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { localRecordIndexProjection, type LocalRecordIndexEntry } from './local-record-index.projection';

/** Identity's registrations, kept as the record service's index of local records. */
@Controller()
export class OnLocalRecordRegisteredConsumer implements OnModuleInit {
  private index!: ReadModelCollection<LocalRecordIndexEntry>;

  constructor(@Inject(READ_MODEL_STORE) private readonly store: ReadModelStore) {}

  async onModuleInit(): Promise<void> {
    this.index = await this.store.collection<LocalRecordIndexEntry>(localRecordIndexProjection.collection);
  }

  @EventPattern(LocalRecordRegisteredV1Event.type)
  async handle(@Payload() event: IntegrationEvent<LocalRecordRegisteredV1>): Promise<void> {
    await applyToReadModel(
      this.index,
      localRecordIndexProjection,
      projectionEventFromIntegrationEvent(event),
    );
  }
}
