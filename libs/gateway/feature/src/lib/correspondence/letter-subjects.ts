import type { ResourceLabel } from '@ilinks/consent/domain';
import type { LetterSubjectV1 } from '@ilinks/correspondence/contracts';
import { IDENTITY_NHS_NUMBER_SYSTEM, type PersonViewV1 } from '@ilinks/identity-matching/contracts';
import type { Principal } from '@ilinks/platform/security';
import { NotFoundError } from '@ilinks/shared/kernel';
import { Injectable } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { PERSON_NOT_FOUND } from '../access/consent-person-access';
import { type PermittedAccess, PersonAccess } from '../access/person-access';
import { IdentityClient } from '../patient/identity.client';
import { recordHoldersOf } from '../patient/person-visibility';
import type { ForwardedHeaders } from '../patient/service-call';
import { UnprocessableEntryError } from '../record/ingest/unprocessable-entry';
import type { PatientReference } from './fhir-communication.parse';

/** The request-level label of anything about a person's letters. */
export const LETTERS: ResourceLabel = { part: 'letters' };

/** The label of one letter: its part and the organisation that sent it. */
export function letterLabelOf(senderOrganisation: string): ResourceLabel {
  return { part: 'letters', organisation: senderOrganisation };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SUBJECT = 'Communication.subject';

/** A person opened for their letters: the governing person (after any merge) and the decision. */
export interface OpenedPerson {
  readonly person: PersonViewV1;
  readonly access: PermittedAccess;
}

/**
 * Whom a letter is about, at the edge: the partner's patient reference (their identifier, an NHS
 * number, or our person id) or a practitioner's person id becomes the {@link LetterSubjectV1}, and
 * the sender must be allowed to see the person's letters (the same 404/403 as the record routes).
 */
@Injectable()
export class LetterSubjects {
  constructor(
    private readonly identity: IdentityClient,
    private readonly access: PersonAccess,
  ) {}

  /**
   * The subject of a partner's letter: their own identifier names their local record, an NHS
   * number or `Patient/<id>` the person. 422 when identity knows no such patient.
   */
  async ofReference(
    reference: PatientReference,
    principal: Principal,
    request: IncomingMessage,
    forwarded: ForwardedHeaders,
  ): Promise<LetterSubjectV1> {
    const found = await this.find(reference, principal.organisation, forwarded);
    const { person } = await this.authorize(found.person, principal, request, forwarded);
    return {
      personId: person.personId,
      ...(found.localRecordId === undefined ? {} : { localRecordId: found.localRecordId }),
    };
  }

  /** The subject of a practitioner's letter: the person and the sender's own local record of them, if any. */
  async ofPerson(
    personId: string,
    principal: Principal,
    request: IncomingMessage,
    forwarded: ForwardedHeaders,
  ): Promise<LetterSubjectV1> {
    const { person } = await this.open(personId, principal, request, forwarded);
    const own = person.localRecords.find((record) => record.organisation === principal.organisation);
    return { personId: person.personId, ...(own === undefined ? {} : { localRecordId: own.localRecordId }) };
  }

  /** The person (404 when unknown or not a UUID), authorized for their letters. */
  async open(
    personId: string,
    principal: Principal,
    request: IncomingMessage,
    forwarded: ForwardedHeaders,
  ): Promise<OpenedPerson> {
    if (!UUID.test(personId)) throw new NotFoundError(PERSON_NOT_FOUND);
    const person = await this.knownPerson(personId.toLowerCase(), forwarded);
    return this.authorize(person, principal, request, forwarded);
  }

  /** Authorizes against the governing person, as a Patient read does (a retired one's rules are its survivor's). */
  async authorize(
    person: PersonViewV1,
    principal: Principal,
    request: IncomingMessage,
    forwarded: ForwardedHeaders,
    label: ResourceLabel = LETTERS,
  ): Promise<OpenedPerson> {
    const governing =
      person.status === 'retired' && person.mergedInto !== undefined
        ? await this.knownPerson(person.mergedInto, forwarded)
        : person;
    const access = await this.access.authorize(request, principal, governing.personId, label, {
      recordHolders: recordHoldersOf(governing),
    });
    return { person: governing, access };
  }

  async knownPerson(personId: string, forwarded: ForwardedHeaders): Promise<PersonViewV1> {
    try {
      return await this.identity.getPerson(personId, forwarded);
    } catch (error) {
      if (error instanceof NotFoundError) throw new NotFoundError(PERSON_NOT_FOUND);
      throw error;
    }
  }

  private async find(
    reference: PatientReference,
    sender: string,
    forwarded: ForwardedHeaders,
  ): Promise<{ readonly person: PersonViewV1; readonly localRecordId?: string }> {
    switch (reference.by) {
      case 'person-id':
        return { person: await this.knownPerson(reference.personId, forwarded).catch(unregistered) };
      case 'nhs-number': {
        const { persons } = await this.identity.searchPersons(
          { system: IDENTITY_NHS_NUMBER_SYSTEM, value: reference.nhsNumber },
          forwarded,
        );
        const active = persons.filter((person) => person.status === 'active');
        if (active.length > 1) {
          throw subjectRefused(
            'more than one person holds this NHS number: name the patient by your own identifier',
          );
        }
        const [person] = active;
        if (person === undefined) throw unregistered();
        return { person };
      }
      case 'local-identifier': {
        const { persons } = await this.identity.searchPersons(reference, forwarded);
        for (const person of persons.filter((candidate) => candidate.status === 'active')) {
          const record = person.localRecords.find(
            (candidate) =>
              candidate.organisation === sender &&
              candidate.identifier.system === reference.system &&
              candidate.identifier.value === reference.value,
          );
          if (record !== undefined) return { person, localRecordId: record.localRecordId };
        }
        throw unregistered();
      }
    }
  }
}

function subjectRefused(message: string): UnprocessableEntryError {
  return new UnprocessableEntryError('the Communication cannot be accepted (1 problem)', [
    { path: SUBJECT, message },
  ]);
}

/** The 422 for a patient identity does not know (also used as a `catch` handler: any not-found). */
function unregistered(error?: unknown): never {
  if (error !== undefined && !(error instanceof NotFoundError)) throw error;
  throw subjectRefused(
    'no patient is registered under this reference: register the patient first (POST /fhir/Patient)',
  );
}
