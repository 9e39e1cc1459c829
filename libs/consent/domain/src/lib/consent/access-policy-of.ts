import { deterministicUuid } from '@ilinks/shared/kernel';
import type {
  BreakGlassGrant,
  CareRelationship,
  Objection,
  PersonAccessPolicy,
  ProxyDelegation,
  SensitiveCategory,
} from '../access/access.types';
import type { ConsentState, RecordedRelationship } from './consent.state';

/** One person's folded consent stream. */
export interface PersonConsentState {
  readonly personId: string;
  readonly state: ConsentState;
}

/** An organisation that holds a local record for the person (from identity), since when. */
export interface LocalRecordHolding {
  readonly organisation: string;
  readonly since: string;
}

const HOLDS_LOCAL_RECORD_NAMESPACE = 'ilinks:consent:holds-local-record';

/** Stable id of the relationship an organisation has by holding a local record for the person. */
export const holdsLocalRecordRelationshipId = (personId: string, organisation: string): string =>
  deterministicUuid(HOLDS_LOCAL_RECORD_NAMESPACE, `${personId}|${organisation}`);

const startedBy = (since: string, now: Date): boolean => Date.parse(since) <= now.getTime();
const endsAfter = (until: string | undefined, now: Date): boolean =>
  until === undefined || Date.parse(until) > now.getTime();

function activeRelationships(relationship: RecordedRelationship, now: Date): CareRelationship[] {
  if (relationship.endedAt !== undefined) return [];
  if (!startedBy(relationship.since, now) || !endsAfter(relationship.until, now)) return [];
  const { endedAt: _endedAt, endedBy: _endedBy, ...active } = relationship;
  return [active];
}

/** One relationship per organisation holding a record, from the earliest registration. */
function holdsLocalRecord(
  personId: string,
  holdings: readonly LocalRecordHolding[],
  now: Date,
): CareRelationship[] {
  const earliest = new Map<string, string>();
  for (const { organisation, since } of holdings) {
    const known = earliest.get(organisation);
    if (known === undefined || Date.parse(since) < Date.parse(known)) earliest.set(organisation, since);
  }
  return [...earliest]
    .filter(([, since]) => startedBy(since, now))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([organisation, since]) => ({
      relationshipId: holdsLocalRecordRelationshipId(personId, organisation),
      organisation,
      kind: 'holds-local-record',
      since,
    }));
}

function policyItemsOf(state: ConsentState, now: Date) {
  const objections: Objection[] = [];
  const sharedCategories: SensitiveCategory[] = [];
  const delegations: ProxyDelegation[] = [];
  for (const item of Object.values(state.items)) {
    if (item.withdrawnAt !== undefined) continue;
    switch (item.kind) {
      case 'objection':
        objections.push({
          objectionId: item.consentId,
          recordedBy: item.recordedBy.organisation,
          recordedAt: item.recordedAt,
          onBehalf: item.onBehalf,
        });
        break;
      case 'category-agreement':
        sharedCategories.push(item.category);
        break;
      case 'delegation':
        if (endsAfter(item.until, now)) {
          delegations.push({
            delegationId: item.consentId,
            carer: item.carer,
            parts: item.parts,
            grantedAt: item.recordedAt,
            until: item.until,
          });
        }
        break;
    }
  }
  const breakGlass: BreakGlassGrant[] = Object.values(state.breakGlass).filter(
    (grant) => Date.parse(grant.expiresAt) > now.getTime(),
  );
  const relationships = Object.values(state.relationships).flatMap((relationship) =>
    activeRelationships(relationship, now),
  );
  return { objections, sharedCategories, delegations, breakGlass, relationships };
}

/**
 * What the access decision needs to know about `personId` at `now`: only what is active — withdrawn
 * items, ended or expired relationships, expired delegations and grants are left out — across the
 * person's own stream and the streams of everyone merged into them (`states`), plus a
 * `holds-local-record` relationship per organisation that holds a record for them.
 */
export function accessPolicyOf(
  personId: string,
  states: readonly PersonConsentState[],
  holdings: readonly LocalRecordHolding[],
  now: Date,
): PersonAccessPolicy {
  const parts = states.map(({ state }) => policyItemsOf(state, now));
  return {
    personId,
    personIds: [...new Set([personId, ...states.map((entry) => entry.personId)])],
    relationships: [
      ...holdsLocalRecord(personId, holdings, now),
      ...parts.flatMap((part) => part.relationships),
    ],
    objections: parts.flatMap((part) => part.objections),
    sharedCategories: [...new Set(parts.flatMap((part) => part.sharedCategories))].sort(),
    breakGlass: parts.flatMap((part) => part.breakGlass),
    delegations: parts.flatMap((part) => part.delegations),
  };
}
