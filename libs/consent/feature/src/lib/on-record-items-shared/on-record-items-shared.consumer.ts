import { type RecordItemsSharedV1, RecordItemsSharedV1Event } from '@ilinks/record-projection/contracts';
import type { IntegrationEvent } from '@ilinks/platform/messaging';
import { CLOCK } from '@ilinks/platform/runtime';
import type { Clock } from '@ilinks/shared/kernel';
import { Controller, Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { CONSENT_CONFIG, type ConsentConfig } from '../consent.config';
import { ConsentStreams } from '../consent-streams';
import { shareReferralOf } from './share-referral';

/**
 * A practitioner shared items of a person's record with another organisation: that organisation
 * now has a reason to care for the person, recorded as a time-limited `referral` through the same
 * command as any other care relationship (idempotent on redelivery).
 */
@Controller()
export class OnRecordItemsSharedConsumer {
  constructor(
    private readonly streams: ConsentStreams,
    @Inject(CONSENT_CONFIG) private readonly config: ConsentConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @EventPattern(RecordItemsSharedV1Event.type)
  async onShared(@Payload() event: IntegrationEvent<RecordItemsSharedV1>): Promise<void> {
    const command = shareReferralOf(event.data, this.config.shareReferralDays, this.clock.now());
    if (command !== undefined) await this.streams.execute(command);
  }
}
