import type { CareRelationshipV1 } from '@ilinks/consent/contracts';
import { CLOCK } from '@ilinks/platform/runtime';
import { type Clock, IllegalStateError } from '@ilinks/shared/kernel';
import { Body, Controller, Headers, Inject, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { careRelationshipV1 } from '../consent-responses';
import { ConsentStreams } from '../consent-streams';
import { requestKeyFor } from '../request-key';
import { StartRelationshipDto } from './start-relationship.dto';

/**
 * Starts a care relationship (registration, referral, admission, appointment, care team) or, with
 * who and why, a self-declared one — which the published event puts up for review.
 */
@Controller('persons/:personId/relationships')
export class StartRelationshipController {
  constructor(
    private readonly streams: ConsentStreams,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post()
  async start(
    @Param('personId', new ParseUUIDPipe()) personId: string,
    @Body() body: StartRelationshipDto,
    @Headers('idempotency-key') header: string | undefined,
  ): Promise<CareRelationshipV1> {
    const { idempotencyKey, newId: relationshipId } = requestKeyFor('relationship', personId, header);
    const { organisation, kind, since, until, declaredBy, reason } = body;
    await this.streams.execute({
      type: 'StartCareRelationship',
      data: {
        personId,
        relationshipId,
        organisation,
        kind,
        ...(since === undefined ? {} : { since }),
        ...(until === undefined ? {} : { until }),
        ...(declaredBy === undefined ? {} : { declaredBy }),
        ...(reason === undefined ? {} : { reason }),
      },
      metadata: { idempotencyKey, now: this.clock.now(), ...(declaredBy ? { actor: declaredBy } : {}) },
    });
    const relationship = (await this.streams.stateOf(personId)).relationships[relationshipId];
    if (relationship === undefined) throw new IllegalStateError('The care relationship was not recorded');
    return careRelationshipV1(personId, relationship);
  }
}
