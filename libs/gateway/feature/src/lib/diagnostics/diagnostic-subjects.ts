import type { PersonAccessPolicyV1 } from '@ilinks/consent/contracts';
import type { DiagnosticSubjectV1 } from '@ilinks/diagnostics/contracts';
import type { PersonViewV1 } from '@ilinks/identity-matching/contracts';
import { NotFoundError } from '@ilinks/shared/kernel';
import { Injectable } from '@nestjs/common';
import { ConsentClient } from '../access/consent.client';
import { NHS_NUMBER_SYSTEM } from '../patient/fhir-patient.mapping';
import { IdentityClient } from '../patient/identity.client';
import type { ForwardedHeaders } from '../patient/service-call';
import { UnprocessableEntryError } from '../record/ingest/unprocessable-entry';
import type { SubjectReference } from './fhir-diagnostics-elements';

/** What a sender is told when the patient they name is not known (never who it might be). */
export const REGISTER_FIRST =
  'no patient is known by this identifier: register the patient first (POST /fhir/Patient), then send this again';

/** Who a request or report is about, and (for a report) the person's registered practice now. */
@Injectable()
export class DiagnosticSubjects {
  constructor(
    private readonly identity: IdentityClient,
    private readonly consent: ConsentClient,
  ) {}

  /**
   * The person the sender named: by their own identifier (with that local record), the NHS number,
   * or `Patient/<person id>`. A retired person resolves to the person it became.
   * @throws UnprocessableEntryError (422) at `<type>.subject` when no person is known.
   */
  async resolve(
    subject: SubjectReference,
    organisation: string,
    type: string,
    forwarded: ForwardedHeaders,
  ): Promise<DiagnosticSubjectV1> {
    const resolved = await this.lookUp(subject, organisation, forwarded);
    if (resolved === undefined) {
      throw new UnprocessableEntryError(`the ${type} cannot be recorded (1 problem)`, [
        { path: `${type}.subject`, message: REGISTER_FIRST },
      ]);
    }
    return resolved;
  }

  /** The organisation of the person's active `registered-practice` relationship; none when unknown. */
  async registeredPracticeOf(
    personId: string,
    now: Date,
    forwarded: ForwardedHeaders,
  ): Promise<string | undefined> {
    const policy = await this.consent.getAccessPolicy(personId, forwarded);
    return policy === undefined ? undefined : registeredPracticeIn(policy, now);
  }

  private async lookUp(
    subject: SubjectReference,
    organisation: string,
    forwarded: ForwardedHeaders,
  ): Promise<DiagnosticSubjectV1 | undefined> {
    switch (subject.kind) {
      case 'person': {
        const person = await this.identity
          .getPerson(subject.personId, forwarded)
          .catch(undefinedWhenNotFound);
        return person === undefined ? undefined : { personId: governingIdOf(person) };
      }
      case 'nhs-number': {
        const { persons } = await this.identity.searchPersons(
          { system: NHS_NUMBER_SYSTEM, value: subject.nhsNumber },
          forwarded,
        );
        const ids = [...new Set(persons.map(governingIdOf))];
        return ids.length === 1 && ids[0] !== undefined ? { personId: ids[0] } : undefined;
      }
      case 'local': {
        const { persons } = await this.identity.searchPersons(subject.identifier, forwarded);
        return localSubjectOf(persons, organisation, subject.identifier);
      }
    }
  }
}

/** The person holding the sender's own local record with `identifier`, and that record's id. */
export function localSubjectOf(
  persons: readonly PersonViewV1[],
  organisation: string,
  identifier: { readonly system: string; readonly value: string },
): DiagnosticSubjectV1 | undefined {
  for (const person of persons) {
    const record = person.localRecords.find(
      (candidate) =>
        candidate.organisation === organisation &&
        candidate.identifier.system === identifier.system &&
        candidate.identifier.value === identifier.value,
    );
    if (record !== undefined) return { personId: governingIdOf(person), localRecordId: record.localRecordId };
  }
  return undefined;
}

/** The organisation of the active `registered-practice` relationship (the latest, should two overlap). */
export function registeredPracticeIn(policy: PersonAccessPolicyV1, now: Date): string | undefined {
  const at = now.getTime();
  const active = policy.relationships.filter(
    (relationship) =>
      relationship.kind === 'registered-practice' &&
      Date.parse(relationship.since) <= at &&
      (relationship.until === undefined || Date.parse(relationship.until) > at),
  );
  const latest = [...active].sort((a, b) => Date.parse(b.since) - Date.parse(a.since))[0];
  return latest?.organisation;
}

/** A retired person's data goes to the person it was merged into. */
function governingIdOf(person: PersonViewV1): string {
  return person.status === 'retired' && person.mergedInto !== undefined ? person.mergedInto : person.personId;
}

function undefinedWhenNotFound(error: unknown): undefined {
  if (error instanceof NotFoundError) return undefined;
  throw error;
}
