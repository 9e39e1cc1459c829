import {
  type LetterCopyChangedV1,
  LetterCopyChangedV1Event,
  type LetterSentV1,
  LetterSentV1Event,
} from '@ilinks/correspondence/contracts';
import type { IntegrationEvent } from '@ilinks/platform/messaging';
import { CLOCK } from '@ilinks/platform/runtime';
import type { Clock } from '@ilinks/shared/kernel';
import { Controller, Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { CONSENT_CONFIG, type ConsentConfig } from '../consent.config';
import { ConsentStreams } from '../consent-streams';
import { forwardedLetterReferralsOf, letterReferralsOf } from './letter-referrals';

/**
 * A letter about a person was sent, or a copy of it forwarded: each recipient organisation (and
 * each organisation forwarded to) now has a reason to care for the person, recorded as a
 * time-limited `referral` (idempotent on redelivery).
 */
@Controller()
export class OnLetterSentConsumer {
  constructor(
    private readonly streams: ConsentStreams,
    @Inject(CONSENT_CONFIG) private readonly config: ConsentConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @EventPattern(LetterSentV1Event.type)
  async onSent(@Payload() event: IntegrationEvent<LetterSentV1>): Promise<void> {
    for (const command of letterReferralsOf(event.data, this.config.shareReferralDays, this.clock.now())) {
      await this.streams.execute(command);
    }
  }

  @EventPattern(LetterCopyChangedV1Event.type)
  async onCopyChanged(@Payload() event: IntegrationEvent<LetterCopyChangedV1>): Promise<void> {
    for (const command of forwardedLetterReferralsOf(
      event.data,
      this.config.shareReferralDays,
      this.clock.now(),
    )) {
      await this.streams.execute(command);
    }
  }
}
