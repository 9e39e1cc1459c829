import {
  IDENTITY_NHS_NUMBER_SYSTEM,
  type PersonSearchResponseV1,
  type PersonViewV1,
} from '@ilinks/identity-matching/contracts';
import { normaliseNhsNumber } from '@ilinks/identity-matching/domain';
import type { Filter } from '@ilinks/platform/read-models';
import { ValidationError } from '@ilinks/shared/kernel';
import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { IdentityViews } from '../identity-views';
import { PersonViews } from './person-views';

@Controller('persons')
export class PersonsController {
  constructor(
    private readonly views: IdentityViews,
    private readonly persons: PersonViews,
  ) {}

  /** A person with its golden record and every linked local record; a retired one says whom it was merged into. */
  @Get(':personId')
  byId(@Param('personId', new ParseUUIDPipe()) personId: string): Promise<PersonViewV1> {
    return this.persons.get(personId);
  }

  /** The persons holding a partner identifier, or an NHS number (`https://fhir.nhs.uk/Id/nhs-number`). */
  @Get()
  async byIdentifier(
    @Query('identifierSystem') system?: string,
    @Query('identifierValue') value?: string,
  ): Promise<PersonSearchResponseV1> {
    if (!system || !value) {
      throw new ValidationError('identifierSystem and identifierValue are required', [
        { path: 'identifier', message: 'both the system and the value are required' },
      ]);
    }
    const where: Filter =
      system === IDENTITY_NHS_NUMBER_SYSTEM
        ? { nhsNumber: normaliseNhsNumber(value) }
        : { identifierSystem: system, identifierValue: value };
    const page = await this.views.localRecords.find({ where, limit: 100 });
    return { persons: await this.persons.ofRecords(page.items.map((item) => item.body)) };
  }
}
