import type { ConsentItemV1 } from '@ilinks/consent/contracts';
import { CLOCK } from '@ilinks/platform/runtime';
import type { Clock } from '@ilinks/shared/kernel';
import { Body, Controller, Headers, Inject, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { consentItemFrom } from '../consent-item-response';
import { ConsentStreams } from '../consent-streams';
import { requestKeyFor } from '../request-key';
import { AgreeCategoryDto } from './agree-category.dto';

/** A person agrees that a sensitive category may be shown beyond the organisation that recorded it. */
@Controller('persons/:personId/category-agreements')
export class AgreeCategoryController {
  constructor(
    private readonly streams: ConsentStreams,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post()
  async agree(
    @Param('personId', new ParseUUIDPipe()) personId: string,
    @Body() body: AgreeCategoryDto,
    @Headers('idempotency-key') header: string | undefined,
  ): Promise<ConsentItemV1> {
    const { idempotencyKey, newId: consentId } = requestKeyFor('category-agreement', personId, header);
    const now = this.clock.now();
    await this.streams.execute({
      type: 'AgreeToShareCategory',
      data: { personId, consentId, recordedBy: { ...body.recordedBy }, category: body.category },
      metadata: { idempotencyKey, now, actor: body.recordedBy.subject },
    });
    return consentItemFrom(this.streams, personId, consentId, now);
  }
}
