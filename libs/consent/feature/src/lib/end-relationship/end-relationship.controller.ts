import type { CareRelationshipV1 } from '@ilinks/consent/contracts';
import { CLOCK } from '@ilinks/platform/runtime';
import { type Clock, IllegalStateError, NotFoundError } from '@ilinks/shared/kernel';
import { Body, Controller, Headers, HttpCode, Inject, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { careRelationshipV1 } from '../consent-responses';
import { ConsentStreams } from '../consent-streams';
import { ConsentViews } from '../consent-views';
import { requestKeyFor } from '../request-key';
import { EndRelationshipDto } from './end-relationship.dto';

/** Ends a care relationship: the access policy drops it at once. */
@Controller('relationships/:relationshipId/end')
export class EndRelationshipController {
  constructor(
    private readonly streams: ConsentStreams,
    private readonly views: ConsentViews,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post()
  @HttpCode(200)
  async end(
    @Param('relationshipId', new ParseUUIDPipe()) relationshipId: string,
    @Body() body: EndRelationshipDto,
    @Headers('idempotency-key') header: string | undefined,
  ): Promise<CareRelationshipV1> {
    const found = await this.views.relationships.get(relationshipId);
    if (found === undefined) throw new NotFoundError('No such care relationship');
    const { personId } = found.body;
    const { idempotencyKey } = requestKeyFor(`end-${relationshipId}`, personId, header);
    await this.streams.execute({
      type: 'EndCareRelationship',
      data: { personId, relationshipId, endedBy: { ...body.endedBy } },
      metadata: { idempotencyKey, now: this.clock.now(), actor: body.endedBy.subject },
    });
    const relationship = (await this.streams.stateOf(personId)).relationships[relationshipId];
    if (relationship === undefined) throw new IllegalStateError('The care relationship was not recorded');
    return careRelationshipV1(personId, relationship);
  }
}
