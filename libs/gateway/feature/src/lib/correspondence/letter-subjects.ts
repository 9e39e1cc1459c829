import type { ResourceLabel } from '@ilinks/consent/domain';
import type { LetterSubjectV1 } from '@ilinks/correspondence/contracts';
import type { Principal } from '@ilinks/platform/security';
import { Injectable } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { type AuthorizedPerson, GoverningPersons } from '../patient/governing-persons';
import type { PatientReference } from '../patient/patient-reference.fhir';
import { PatientReferences } from '../patient/patient-references';
import type { ForwardedHeaders } from '../patient/service-call';

/** The request-level label of anything about a person's letters. */
export const LETTERS: ResourceLabel = { part: 'letters' };

/** The label of one letter: its part and the organisation that sent it. */
export function letterLabelOf(senderOrganisation: string): ResourceLabel {
  return { part: 'letters', organisation: senderOrganisation };
}

/**
 * Whom a letter is about, at the edge: the partner's patient reference (their identifier, an NHS
 * number, or our person id) or a practitioner's person id becomes the {@link LetterSubjectV1}, and
 * the sender must be allowed to see the person's letters (the same 404/403 as the record routes).
 */
@Injectable()
export class LetterSubjects {
  constructor(
    private readonly patients: PatientReferences,
    private readonly persons: GoverningPersons,
  ) {}

  /**
   * The subject of a partner's letter: their own identifier names their local record, an NHS
   * number or `Patient/<id>` the person. 422 when identity knows no such patient (or, by NHS
   * number, more than one).
   */
  async ofReference(
    reference: PatientReference,
    principal: Principal,
    request: IncomingMessage,
    forwarded: ForwardedHeaders,
  ): Promise<LetterSubjectV1> {
    const found = await this.patients.resolveOrRefuse(
      reference,
      principal.organisation,
      'Communication',
      forwarded,
    );
    await this.persons.authorize(request, principal, found.person, LETTERS, forwarded);
    return {
      personId: found.person.personId,
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

  /** The governing person (404 when unknown or not a UUID), authorized for their letters. */
  open(
    personId: string,
    principal: Principal,
    request: IncomingMessage,
    forwarded: ForwardedHeaders,
  ): Promise<AuthorizedPerson> {
    return this.persons.open(personId, principal, request, LETTERS, forwarded);
  }
}
