import {
  type LocalRecordPersonChangedV1,
  LocalRecordPersonChangedV1Event,
  LocalRecordRegisteredV1Event,
  type LocalRecordRegisteredV1,
} from '@ilinks/identity-matching/contracts';
import type { IntegrationEvent } from '@ilinks/platform/messaging';
import {
  applyToReadModel,
  type ProjectionEvent,
  type ReadModelCollection,
  type ReadModelStore,
} from '@ilinks/platform/read-models';
import { projectionEventFromIntegrationEvent, READ_MODEL_STORE } from '@ilinks/platform/runtime';
import { Controller, Inject, type OnModuleInit } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { SafeguardingAlerts } from '../safeguarding/safeguarding-alerts';
import { localRecordIndexProjection, type LocalRecordIndexEntry } from './local-record-index.projection';

/** Identity's registrations and person changes, kept as the record service's index of local records. */
@Controller()
export class OnLocalRecordRegisteredConsumer implements OnModuleInit {
  private index!: ReadModelCollection<LocalRecordIndexEntry>;

  constructor(
    @Inject(READ_MODEL_STORE) private readonly store: ReadModelStore,
    private readonly safeguarding: SafeguardingAlerts,
  ) {}

  async onModuleInit(): Promise<void> {
    this.index = await this.store.collection<LocalRecordIndexEntry>(localRecordIndexProjection.collection);
  }

  @EventPattern(LocalRecordRegisteredV1Event.type)
  async onRegistered(@Payload() event: IntegrationEvent<LocalRecordRegisteredV1>): Promise<void> {
    await this.apply(projectionEventFromIntegrationEvent(event));
  }

  /**
   * Re-keys the record to its person: links, unlinks, merges and unmerges, one message per record.
   * A record that now has a person has its recent attendances assessed for safeguarding alerts
   * (an encounter recorded before the link would otherwise never be).
   */
  @EventPattern(LocalRecordPersonChangedV1Event.type)
  async onPersonChanged(@Payload() event: IntegrationEvent<LocalRecordPersonChangedV1>): Promise<void> {
    await this.apply(projectionEventFromIntegrationEvent(event));
    if (event.data.personId !== null)
      await this.safeguarding.reassessLocalRecord(event.data.localRecordId, event.id);
  }

  private async apply(event: ProjectionEvent<string, unknown>): Promise<void> {
    await applyToReadModel(
      this.index,
      localRecordIndexProjection,
      event as Parameters<typeof localRecordIndexProjection.evolve>[1],
    );
  }
}
