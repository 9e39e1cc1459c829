import type { PersonAccessPolicyV1 } from '@ilinks/consent/contracts';
import type { DiagnosticSubjectV1 } from '@ilinks/diagnostics/contracts';
import { Injectable } from '@nestjs/common';
import { ConsentClient } from '../access/consent.client';
import type { PatientReference } from '../patient/patient-reference.fhir';
import { PatientReferences } from '../patient/patient-references';
import type { ForwardedHeaders } from '../patient/service-call';

/**
 * Who a request or report is about, and (for a report) the person's registered practice now. A lab
 * or requester is not authorized against the person: naming them by a reference it holds is enough.
 */
@Injectable()
export class DiagnosticSubjects {
  constructor(
    private readonly patients: PatientReferences,
    private readonly consent: ConsentClient,
  ) {}

  /**
   * The person the sender named: by their own identifier (with that local record), the NHS number,
   * or `Patient/<person id>`. A retired person resolves to the person it became.
   * @throws UnprocessableEntryError (422) at `<type>.subject` when no person (or, by NHS number,
   * more than one) is known.
   */
  async resolve(
    subject: PatientReference,
    organisation: string,
    type: string,
    forwarded: ForwardedHeaders,
  ): Promise<DiagnosticSubjectV1> {
    const found = await this.patients.resolveOrRefuse(subject, organisation, type, forwarded);
    return {
      personId: found.person.personId,
      ...(found.localRecordId === undefined ? {} : { localRecordId: found.localRecordId }),
    };
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
