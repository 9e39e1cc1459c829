import type { ConsentItemV1 } from '@ilinks/consent/contracts';
import { CLOCK } from '@ilinks/platform/runtime';
import type { Clock } from '@ilinks/shared/kernel';
import { Body, Controller, Headers, Inject, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { consentItemFrom } from '../consent-item-response';
import { ConsentStreams } from '../consent-streams';
import { requestKeyFor } from '../request-key';
import { GrantDelegationDto } from './grant-delegation.dto';

/** A person lets a carer see named parts of their record until an end date. */
@Controller('persons/:personId/delegations')
export class GrantDelegationController {
  constructor(
    private readonly streams: ConsentStreams,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post()
  async grant(
    @Param('personId', new ParseUUIDPipe()) personId: string,
    @Body() body: GrantDelegationDto,
    @Headers('idempotency-key') header: string | undefined,
  ): Promise<ConsentItemV1> {
    const { idempotencyKey, newId: consentId } = requestKeyFor('delegation', personId, header);
    const now = this.clock.now();
    await this.streams.execute({
      type: 'GrantDelegation',
      data: {
        personId,
        consentId,
        recordedBy: { ...body.recordedBy },
        carer: body.carer,
        parts: [...body.parts],
        until: body.until,
      },
      metadata: { idempotencyKey, now, actor: body.recordedBy.subject },
    });
    return consentItemFrom(this.streams, personId, consentId, now);
  }
}
