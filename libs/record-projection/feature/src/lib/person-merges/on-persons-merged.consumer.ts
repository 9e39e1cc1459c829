import {
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
import { RecordViews } from '../record-views';
import { personMergesProjection } from './person-merges.projection';

type MergeEvent = Parameters<typeof personMergesProjection.evolve>[1];

/** Identity's merges and their undoing, kept as `person_merges_v1`. */
@Controller()
export class OnPersonsMergedConsumer {
  constructor(private readonly views: RecordViews) {}

  @EventPattern(PersonsMergedV1Event.type)
  async onMerged(@Payload() event: IntegrationEvent<PersonsMergedV1>): Promise<void> {
    await this.apply(event);
  }

  @EventPattern(PersonsMergeUndoneV1Event.type)
  async onMergeUndone(@Payload() event: IntegrationEvent<PersonsMergeUndoneV1>): Promise<void> {
    await this.apply(event);
  }

  private async apply(event: IntegrationEvent<unknown>): Promise<void> {
    await applyToReadModel(
      this.views.merges,
      personMergesProjection,
      projectionEventFromIntegrationEvent(event) as MergeEvent,
    );
  }
}
