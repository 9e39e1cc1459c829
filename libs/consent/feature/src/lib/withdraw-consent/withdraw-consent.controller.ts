import type { ConsentItemV1 } from '@ilinks/consent/contracts';
import { CLOCK } from '@ilinks/platform/runtime';
import { type Clock, NotFoundError } from '@ilinks/shared/kernel';
import { Body, Controller, Headers, HttpCode, Inject, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { consentItemFrom } from '../consent-item-response';
import { ConsentStreams } from '../consent-streams';
import { ConsentViews } from '../consent-views';
import { requestKeyFor } from '../request-key';
import { WithdrawConsentDto } from './withdraw-consent.dto';

/** Withdraws an objection or an agreement, or revokes a delegation: the access policy drops it at once. */
@Controller('consents/:consentId/withdraw')
export class WithdrawConsentController {
  constructor(
    private readonly streams: ConsentStreams,
    private readonly views: ConsentViews,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post()
  @HttpCode(200)
  async withdraw(
    @Param('consentId', new ParseUUIDPipe()) consentId: string,
    @Body() body: WithdrawConsentDto,
    @Headers('idempotency-key') header: string | undefined,
  ): Promise<ConsentItemV1> {
    const found = await this.views.consents.get(consentId);
    if (found === undefined) throw new NotFoundError('No such consent item');
    const { personId } = found.body;
    const { idempotencyKey } = requestKeyFor(`withdraw-${consentId}`, personId, header);
    const now = this.clock.now();
    await this.streams.execute({
      type: 'WithdrawConsent',
      data: { personId, consentId, withdrawnBy: { ...body.recordedBy } },
      metadata: { idempotencyKey, now, actor: body.recordedBy.subject },
    });
    return consentItemFrom(this.streams, personId, consentId, now);
  }
}
