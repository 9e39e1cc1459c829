import type { ResourceLabel } from '@ilinks/consent/domain';
import type { PersonViewV1 } from '@ilinks/identity-matching/contracts';
import type { Principal } from '@ilinks/platform/security';
import { NotFoundError } from '@ilinks/shared/kernel';
import { Injectable } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { PERSON_NOT_FOUND } from '../access/consent-person-access';
import { type PermittedAccess, PersonAccess } from '../access/person-access';
import { noteAccess } from '../audit/request-audit';
import { IdentityClient } from './identity.client';
import { recordHoldersOf } from './person-visibility';
import type { ForwardedHeaders } from './service-call';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A person the caller was let see: the governing person (after any merge) and the decision. */
export interface AuthorizedPerson {
  readonly person: PersonViewV1;
  readonly access: PermittedAccess;
}

/**
 * The one way the gateway finds a person and decides a caller's access to them, as a Patient read
 * does: an unknown person is the same 404 everywhere, and a retired person's rules (and data) are
 * those of the person it was merged into.
 */
@Injectable()
export class GoverningPersons {
  constructor(
    private readonly identity: IdentityClient,
    private readonly access: PersonAccess,
  ) {}

  /** The person `personId` (a UUID, else 404), authorized for `label`; throws the refusal. */
  async open(
    personId: string,
    principal: Principal,
    request: IncomingMessage,
    label: ResourceLabel,
    forwarded: ForwardedHeaders,
  ): Promise<AuthorizedPerson> {
    if (!UUID.test(personId)) throw new NotFoundError(PERSON_NOT_FOUND);
    const person = await this.knownPerson(personId.toLowerCase(), forwarded);
    return this.authorize(request, principal, person, label, forwarded);
  }

  /** Authorizes against the governing person; asking about a retired one is audited under its own id too. */
  async authorize(
    request: IncomingMessage,
    principal: Principal,
    person: PersonViewV1,
    label: ResourceLabel,
    forwarded: ForwardedHeaders,
  ): Promise<AuthorizedPerson> {
    const governing = await this.governingOf(person, forwarded);
    if (governing !== person) noteAccess(request, person.personId);
    const access = await this.access.authorize(request, principal, governing.personId, label, {
      recordHolders: recordHoldersOf(governing),
    });
    return { person: governing, access };
  }

  /** The person a retired person was merged into; any other person itself. */
  governingOf(person: PersonViewV1, forwarded: ForwardedHeaders): Promise<PersonViewV1> {
    return person.status === 'retired' && person.mergedInto !== undefined
      ? this.knownPerson(person.mergedInto, forwarded)
      : Promise.resolve(person);
  }

  /** The person, or the 404 every unknown person id gets. */
  async knownPerson(personId: string, forwarded: ForwardedHeaders): Promise<PersonViewV1> {
    try {
      return await this.identity.getPerson(personId, forwarded);
    } catch (error) {
      if (error instanceof NotFoundError) throw new NotFoundError(PERSON_NOT_FOUND);
      throw error;
    }
  }
}

/** Whose data is a person's in a service that keeps it by local record and person id. */
export interface PersonDataScope {
  readonly localRecordIds: readonly string[];
  readonly personIds: readonly string[];
}

/**
 * The person's current local records and every person merged into them (a merge undone no longer
 * counts): how letters and results about the person are asked for.
 */
export function dataScopeOf(person: PersonViewV1): PersonDataScope {
  return {
    localRecordIds: person.localRecords.map((record) => record.localRecordId),
    personIds: [
      person.personId,
      ...person.merges.filter((merge) => !merge.undone).map((merge) => merge.mergedPersonId),
    ],
  };
}
