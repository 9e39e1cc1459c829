import type { ResourceLabel } from '@ilinks/consent/domain';
import type { PersonViewV1 } from '@ilinks/identity-matching/contracts';
import type { Principal } from '@ilinks/platform/security';
import { NotFoundError } from '@ilinks/shared/kernel';
import { Injectable } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { PERSON_NOT_FOUND } from '../access/consent-person-access';
import { type PermittedAccess, PersonAccess } from '../access/person-access';
import { noteAccess } from '../audit/request-audit';
import { IdentityClient } from '../patient/identity.client';
import { recordHoldersOf } from '../patient/person-visibility';
import { forwardedOf } from '../record/read/person-record';
import type { PersonReportsScope } from './diagnostics.client';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A person whose results the caller was let see, and how to sift them. */
export interface AuthorizedPerson {
  /** The governing person (the one a retired person was merged into). */
  readonly person: PersonViewV1;
  readonly access: PermittedAccess;
}

/**
 * The access decision for a person's results, as a Patient read makes it: the person must be known
 * (404 otherwise), and a retired person's rules are those of the person it became.
 */
@Injectable()
export class DiagnosticsPersons {
  constructor(
    private readonly identity: IdentityClient,
    private readonly access: PersonAccess,
  ) {}

  /** Authorizes the caller for `label` on `personId`, or throws the refusal (403, or 404). */
  async authorize(
    personId: string,
    label: ResourceLabel,
    principal: Principal,
    request: IncomingMessage,
  ): Promise<AuthorizedPerson> {
    if (!UUID.test(personId)) throw new NotFoundError(PERSON_NOT_FOUND);
    const asked = await this.knownPerson(personId.toLowerCase(), request);
    const person =
      asked.status === 'retired' && asked.mergedInto !== undefined
        ? await this.knownPerson(asked.mergedInto, request)
        : asked;
    if (person !== asked) noteAccess(request, asked.personId);
    const access = await this.access.authorize(request, principal, person.personId, label, {
      recordHolders: recordHoldersOf(person),
    });
    return { person, access };
  }

  private async knownPerson(personId: string, request: IncomingMessage): Promise<PersonViewV1> {
    try {
      return await this.identity.getPerson(personId, forwardedOf(request));
    } catch (error) {
      if (error instanceof NotFoundError) throw new NotFoundError(PERSON_NOT_FOUND);
      throw error;
    }
  }
}

/**
 * Whose reports are the person's: their current local records and every person merged into them
 * (a merge undone no longer counts).
 */
export function reportsScopeOf(person: PersonViewV1): PersonReportsScope {
  return {
    localRecordIds: person.localRecords.map((record) => record.localRecordId),
    personIds: [
      person.personId,
      ...person.merges.filter((merge) => !merge.undone).map((merge) => merge.mergedPersonId),
    ],
  };
}
