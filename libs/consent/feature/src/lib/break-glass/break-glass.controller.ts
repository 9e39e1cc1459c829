import type { BreakGlassGrantV1 } from '@ilinks/consent/contracts';
import { unexpiredBreakGlassGrant } from '@ilinks/consent/domain';
import { CLOCK } from '@ilinks/platform/runtime';
import { type Clock, IllegalStateError } from '@ilinks/shared/kernel';
import { Body, Controller, Headers, Inject, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { CONSENT_CONFIG, type ConsentConfig } from '../consent.config';
import { ConsentStreams } from '../consent-streams';
import { requestKeyFor } from '../request-key';
import { BreakGlassDto } from './break-glass.dto';

/**
 * A practitioner without a relationship breaks the glass: time-limited access, published for
 * review. While a grant for the same user and organisation runs, it is returned as it is (200).
 */
@Controller('persons/:personId/break-glass')
export class BreakGlassController {
  constructor(
    private readonly streams: ConsentStreams,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CONSENT_CONFIG) private readonly config: ConsentConfig,
  ) {}

  @Post()
  async breakGlass(
    @Param('personId', new ParseUUIDPipe()) personId: string,
    @Body() body: BreakGlassDto,
    @Headers('idempotency-key') header: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<BreakGlassGrantV1> {
    const { idempotencyKey, newId: grantId } = requestKeyFor('break-glass', personId, header);
    const { subject, organisation, reason } = body;
    const now = this.clock.now();
    const result = await this.streams.execute({
      type: 'GrantBreakGlass',
      data: {
        personId,
        grantId,
        subject,
        organisation,
        reason,
        durationMinutes: this.config.breakGlassMinutes,
      },
      metadata: { idempotencyKey, now, actor: subject },
    });
    const state = await this.streams.stateOf(personId);
    const grant = state.breakGlass[grantId] ?? unexpiredBreakGlassGrant(state, subject, organisation, now);
    if (grant === undefined) throw new IllegalStateError('The break-glass grant was not recorded');
    response.status(result.events.length > 0 ? 201 : 200);
    return { ...grant, personId };
  }
}
