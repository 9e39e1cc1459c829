import type { Principal } from '@ilinks/platform/security';
import { NotFoundError } from '@ilinks/shared/kernel';
import { Injectable } from '@nestjs/common';
import { IdentityClient } from '../../patient/identity.client';
import type { ForwardedHeaders } from '../../patient/service-call';
import { type Contributor, notYourOwnRecord } from './individual-contribution';

/** Merges followed at most this far (identity merges into an active person; this only stops a loop). */
const MAX_MERGE_HOPS = 8;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Who an individual writes as: the person their token names or, when that person was merged away,
 * the person it became (as a Patient read governs by it).
 */
@Injectable()
export class RecordContributors {
  constructor(private readonly identity: IdentityClient) {}

  /** @throws ForbiddenError when the token names no person identity knows. */
  async contributorOf(principal: Principal, headers: ForwardedHeaders): Promise<Contributor> {
    const tokenPersonId = principal.patient;
    if (tokenPersonId === undefined || !UUID.test(tokenPersonId)) throw notYourOwnRecord();
    // A read: safe to repeat, so only the trace context goes with it.
    const traced = headers.traceparent === undefined ? {} : { traceparent: headers.traceparent };
    let personId = tokenPersonId.toLowerCase();
    for (let hop = 0; hop < MAX_MERGE_HOPS; hop += 1) {
      const person = await this.identity.getPerson(personId, traced).catch((error: unknown) => {
        throw error instanceof NotFoundError ? notYourOwnRecord() : error;
      });
      if (person.status !== 'retired' || person.mergedInto === undefined) break;
      personId = person.mergedInto;
    }
    return { tokenPersonId, personId };
  }
}
