import { IDENTITY_NHS_NUMBER_SYSTEM, type PersonViewV1 } from '@ilinks/identity-matching/contracts';
import { NotFoundError } from '@ilinks/shared/kernel';
import { Injectable } from '@nestjs/common';
import { UnprocessableEntryError } from '../record/ingest/unprocessable-entry';
import { GoverningPersons } from './governing-persons';
import { IdentityClient } from './identity.client';
import type { PatientReference } from './patient-reference.fhir';
import type { ForwardedHeaders } from './service-call';

/** The person a sender's reference names: the governing person, and the sender's own record of them. */
export interface FoundPatient {
  /** The governing person: a retired person resolves to the person it was merged into. */
  readonly person: PersonViewV1;
  /** The sender's local record, when they named the patient by their own identifier. */
  readonly localRecordId?: string;
}

/** What a reference comes to: one person, no one, or more than one person (an NHS number held twice). */
export type PatientResolution = FoundPatient | 'unknown' | 'ambiguous';

/** What a sender is told when the patient they name is not known (never who it might be). */
export const REGISTER_FIRST =
  'no patient is known by this reference: register the patient first (POST /fhir/Patient), then send this again';
/** What a sender is told when their NHS number names more than one person. */
export const NAME_BY_OWN_IDENTIFIER =
  'more than one person holds this NHS number: name the patient by your own identifier';

/**
 * Turns the patient a sender named (their own identifier, an NHS number, or our person id) into
 * the person, for every edge that receives a resource about a patient. Deciding the sender's
 * access to that person is each edge's own policy.
 */
@Injectable()
export class PatientReferences {
  constructor(
    private readonly identity: IdentityClient,
    private readonly persons: GoverningPersons,
  ) {}

  /**
   * The person `reference` names for `sender`, or the 422 at `<type>.subject` when it names no
   * one (or, by NHS number, more than one).
   */
  async resolveOrRefuse(
    reference: PatientReference,
    sender: string,
    type: string,
    forwarded: ForwardedHeaders,
  ): Promise<FoundPatient> {
    const resolution = await this.resolve(reference, sender, forwarded);
    if (typeof resolution !== 'string') return resolution;
    throw new UnprocessableEntryError(`the ${type} cannot be accepted (1 problem)`, [
      {
        path: `${type}.subject`,
        message: resolution === 'ambiguous' ? NAME_BY_OWN_IDENTIFIER : REGISTER_FIRST,
      },
    ]);
  }

  /** The person `reference` names for `sender` (whose own identifiers are theirs alone). */
  async resolve(
    reference: PatientReference,
    sender: string,
    forwarded: ForwardedHeaders,
  ): Promise<PatientResolution> {
    switch (reference.by) {
      case 'person-id': {
        const person = await this.identity
          .getPerson(reference.personId, forwarded)
          .catch(undefinedWhenNotFound);
        return person === undefined ? 'unknown' : this.governing({ person }, forwarded);
      }
      case 'nhs-number': {
        const { persons } = await this.identity.searchPersons(
          { system: IDENTITY_NHS_NUMBER_SYSTEM, value: reference.nhsNumber },
          forwarded,
        );
        const holders = persons.filter(isCurrentOrMerged);
        const governingIds = new Set(holders.map(governingIdOf));
        if (governingIds.size > 1) return 'ambiguous';
        const [person] = holders;
        return person === undefined ? 'unknown' : this.governing({ person }, forwarded);
      }
      case 'local-identifier': {
        const { persons } = await this.identity.searchPersons(reference, forwarded);
        const found = localRecordOf(persons, sender, reference);
        return found === undefined ? 'unknown' : this.governing(found, forwarded);
      }
    }
  }

  private async governing(found: FoundPatient, forwarded: ForwardedHeaders): Promise<PatientResolution> {
    const person = await this.persons.governingOf(found.person, forwarded).catch(undefinedWhenNotFound);
    return person === undefined ? 'unknown' : { ...found, person };
  }
}

/** The person holding `sender`'s own local record with `identifier`, and that record's id. */
export function localRecordOf(
  persons: readonly PersonViewV1[],
  sender: string,
  identifier: { readonly system: string; readonly value: string },
): FoundPatient | undefined {
  for (const person of persons.filter(isCurrentOrMerged)) {
    const record = person.localRecords.find(
      (candidate) =>
        candidate.organisation === sender &&
        candidate.identifier.system === identifier.system &&
        candidate.identifier.value === identifier.value,
    );
    if (record !== undefined) return { person, localRecordId: record.localRecordId };
  }
  return undefined;
}

/** An active person, or a retired one that lives on in the person it was merged into. */
function isCurrentOrMerged(person: PersonViewV1): boolean {
  return person.status === 'active' || person.mergedInto !== undefined;
}

function governingIdOf(person: PersonViewV1): string {
  return person.status === 'retired' && person.mergedInto !== undefined ? person.mergedInto : person.personId;
}

function undefinedWhenNotFound(error: unknown): undefined {
  if (error instanceof NotFoundError) return undefined;
  throw error;
}
