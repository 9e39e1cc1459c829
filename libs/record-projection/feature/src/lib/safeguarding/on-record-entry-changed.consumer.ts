import { type RecordEntryChangedV1, RecordEntryChangedV1Event } from '@ilinks/record-projection/contracts';
import type { IntegrationEvent } from '@ilinks/platform/messaging';
import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { SafeguardingAlerts } from './safeguarding-alerts';

/**
 * The record service's own `RecordEntryChangedV1`, consumed back from the bus so that an alert is
 * raised even if the service crashed right after recording the encounter (at-least-once delivery;
 * alerts are idempotent by id, so a redelivery raises nothing new).
 */
@Controller()
export class OnRecordEntryChangedConsumer {
  constructor(private readonly alerts: SafeguardingAlerts) {}

  @EventPattern(RecordEntryChangedV1Event.type)
  async onEntryChanged(@Payload() event: IntegrationEvent<RecordEntryChangedV1>): Promise<void> {
    await this.alerts.assess(event.data, event.id);
  }
}
