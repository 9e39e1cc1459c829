import { accessPolicyOf, type PersonAccessPolicy } from '@ilinks/consent/domain';
import type { ReadModelCollection, StoredDocument } from '@ilinks/platform/read-models';
import { Injectable } from '@nestjs/common';
import { ConsentStreams } from '../consent-streams';
import { ConsentViews } from '../consent-views';
import type { IdentityLocalRecord } from '../identity-facts/identity-local-records.projection';
import type { IdentityMerge } from '../identity-facts/identity-merges.projection';

/** Merges chain (A into B, B into C); a bound keeps a corrupt cycle from looping. */
const MAX_MERGE_DEPTH = 32;

type DocumentBody = IdentityLocalRecord | IdentityMerge;

async function findAll<T extends DocumentBody>(
  collection: ReadModelCollection<T>,
  where: Readonly<Record<string, string>>,
): Promise<StoredDocument<T>[]> {
  const documents: StoredDocument<T>[] = [];
  let cursor: string | undefined;
  do {
    const page = await collection.find({ where, limit: 500, cursor });
    documents.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return documents;
}

/**
 * Assembles a person's access policy fresh from the consent streams (never from the consent views,
 * so a withdrawal or an ended relationship counts at once), following identity's merges: a merged
 * person's policy is its survivor's, and the survivor's takes in everyone merged into it.
 */
@Injectable()
export class PersonAccessPolicies {
  constructor(
    private readonly streams: ConsentStreams,
    private readonly views: ConsentViews,
  ) {}

  async policyOf(personId: string, now: Date): Promise<PersonAccessPolicy> {
    const survivor = await this.survivorOf(personId);
    const persons = await this.personsMergedInto(survivor);
    const [states, holdings] = await Promise.all([
      Promise.all(persons.map(async (id) => ({ personId: id, state: await this.streams.stateOf(id) }))),
      Promise.all(persons.map((id) => findAll(this.views.localRecords, { personId: id }))),
    ]);
    return accessPolicyOf(
      survivor,
      states,
      holdings.flat().map((doc) => ({ organisation: doc.body.organisation, since: doc.body.since })),
      now,
    );
  }

  /** The person everyone's records now belong to, following merges. */
  private async survivorOf(personId: string): Promise<string> {
    let current = personId;
    for (let depth = 0; depth < MAX_MERGE_DEPTH; depth += 1) {
      const merge = await this.views.merges.get(current);
      if (merge === undefined) return current;
      current = merge.body.survivorId;
    }
    return current;
  }

  /** The survivor first, then everyone merged into it, directly or through another merge. */
  private async personsMergedInto(survivor: string): Promise<string[]> {
    const persons = [survivor];
    for (let index = 0; index < persons.length && persons.length < MAX_MERGE_DEPTH * 8; index += 1) {
      const merged = await findAll(this.views.merges, { survivorId: persons[index] });
      for (const doc of merged) {
        if (!persons.includes(doc.body.mergedPersonId)) persons.push(doc.body.mergedPersonId);
      }
    }
    return persons;
  }
}
