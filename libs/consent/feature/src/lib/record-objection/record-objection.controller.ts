import type { ConsentItemV1 } from '@ilinks/consent/contracts';
import { CLOCK } from '@ilinks/platform/runtime';
import type { Clock } from '@ilinks/shared/kernel';
import { Body, Controller, Headers, Inject, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ConsentStreams } from '../consent-streams';
import { consentItemFrom } from '../consent-item-response';
import { requestKeyFor } from '../request-key';
import { RecordObjectionDto } from './record-objection.dto';

/** A person objects to sharing: their data then stays inside the organisation that recorded it. */
@Controller('persons/:personId/objections')
export class RecordObjectionController {
  constructor(
    private readonly streams: ConsentStreams,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post()
  async record(
    @Param('personId', new ParseUUIDPipe()) personId: string,
    @Body() body: RecordObjectionDto,
    @Headers('idempotency-key') header: string | undefined,
  ): Promise<ConsentItemV1> {
    const { idempotencyKey, newId: consentId } = requestKeyFor('objection', personId, header);
    const now = this.clock.now();
    await this.streams.execute({
      type: 'RecordObjection',
      data: { personId, consentId, recordedBy: { ...body.recordedBy }, onBehalf: body.onBehalf },
      metadata: { idempotencyKey, now, actor: body.recordedBy.subject },
    });
    return consentItemFrom(this.streams, personId, consentId, now);
  }
}
