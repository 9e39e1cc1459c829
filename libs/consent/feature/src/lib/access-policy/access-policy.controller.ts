import type { PersonAccessPolicyV1 } from '@ilinks/consent/contracts';
import { CLOCK } from '@ilinks/platform/runtime';
import type { Clock } from '@ilinks/shared/kernel';
import { Controller, Get, Inject, Param, ParseUUIDPipe } from '@nestjs/common';
import { PersonAccessPolicies } from './person-access-policies';

/** What the gateway's access decision needs about a person, as of now. */
@Controller('persons/:personId/access-policy')
export class AccessPolicyController {
  constructor(
    private readonly policies: PersonAccessPolicies,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  get(@Param('personId', new ParseUUIDPipe()) personId: string): Promise<PersonAccessPolicyV1> {
    return this.policies.policyOf(personId, this.clock.now());
  }
}
