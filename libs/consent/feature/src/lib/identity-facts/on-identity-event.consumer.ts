import {
  type LocalRecordPersonChangedV1,
  LocalRecordPersonChangedV1Event,
  type LocalRecordRegisteredV1,
  LocalRecordRegisteredV1Event,
  type PersonsMergedV1,
  PersonsMergedV1Event,
  type PersonsMergeUndoneV1,
  PersonsMergeUndoneV1Event,
} from '@ilinks/identity-matching/contracts';
import type { IntegrationEvent } from '@ilinks/platform/messaging';
import { applyToReadModel } from '@ilinks/platform/read-models';
import { projectionEventFromIntegrationEvent } from '@ilinks/platform/runtime';
import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { ConsentViews } from '../consent-views';
import { identityLocalRecordsProjection } from './identity-local-records.projection';
import { identityMergesProjection } from './identity-merges.projection';

type LocalRecordEvent = Parameters<typeof identityLocalRecordsProjection.evolve>[1];
type MergeEvent = Parameters<typeof identityMergesProjection.evolve>[1];

/** Identity's facts the access policy needs: who holds a record for whom, and who was merged into whom. */
@Controller()
export class OnIdentityEventConsumer {
  constructor(private readonly views: ConsentViews) {}

  @EventPattern(LocalRecordRegisteredV1Event.type)
  async onRegistered(@Payload() event: IntegrationEvent<LocalRecordRegisteredV1>): Promise<void> {
    await this.applyLocalRecord(event);
  }

  @EventPattern(LocalRecordPersonChangedV1Event.type)
  async onPersonChanged(@Payload() event: IntegrationEvent<LocalRecordPersonChangedV1>): Promise<void> {
    await this.applyLocalRecord(event);
  }

  @EventPattern(PersonsMergedV1Event.type)
  async onMerged(@Payload() event: IntegrationEvent<PersonsMergedV1>): Promise<void> {
    await this.applyMerge(event);
  }

  @EventPattern(PersonsMergeUndoneV1Event.type)
  async onMergeUndone(@Payload() event: IntegrationEvent<PersonsMergeUndoneV1>): Promise<void> {
    await this.applyMerge(event);
  }

  private async applyLocalRecord(event: IntegrationEvent<unknown>): Promise<void> {
    await applyToReadModel(
      this.views.localRecords,
      identityLocalRecordsProjection,
      projectionEventFromIntegrationEvent(event) as LocalRecordEvent,
    );
  }

  private async applyMerge(event: IntegrationEvent<unknown>): Promise<void> {
    await applyToReadModel(
      this.views.merges,
      identityMergesProjection,
      projectionEventFromIntegrationEvent(event) as MergeEvent,
    );
  }
}
