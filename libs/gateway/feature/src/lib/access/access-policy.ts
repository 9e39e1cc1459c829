import type { BreakGlassGrantV1, PersonAccessPolicyV1 } from '@ilinks/consent/contracts';
import {
  type BreakGlassGrant,
  CARE_RELATIONSHIP_KINDS,
  type CareRelationship,
  type CareRelationshipKind,
  type PersonAccessPolicy,
  RECORD_PARTS,
  type RecordPart,
  SENSITIVE_CATEGORIES,
  type SensitiveCategory,
} from '@ilinks/consent/domain';

/** A person the consent service has not heard of yet: no relationships, no choices recorded. */
export function emptyPolicy(personId: string): PersonAccessPolicy {
  return {
    personId,
    personIds: [personId],
    relationships: [],
    objections: [],
    sharedCategories: [],
    breakGlass: [],
    delegations: [],
  };
}

/**
 * The consent service's answer as the decision's `PersonAccessPolicy`. Values outside the domain's
 * vocabulary (a newer service, a typo) are dropped, which can only narrow access: an unknown
 * relationship or shared category grants nothing, an unknown delegated part shows nothing.
 */
export function policyFromV1(v1: PersonAccessPolicyV1): PersonAccessPolicy {
  return {
    personId: v1.personId,
    personIds: v1.personIds.includes(v1.personId) ? v1.personIds : [v1.personId, ...v1.personIds],
    relationships: v1.relationships.flatMap((relationship) =>
      isOneOf(CARE_RELATIONSHIP_KINDS, relationship.kind)
        ? [{ ...relationship, kind: relationship.kind }]
        : [],
    ),
    objections: v1.objections,
    sharedCategories: v1.sharedCategories.filter((category): category is SensitiveCategory =>
      isOneOf(SENSITIVE_CATEGORIES, category),
    ),
    breakGlass: v1.breakGlass,
    delegations: v1.delegations.map((delegation) => ({
      ...delegation,
      parts: delegation.parts.filter((part): part is RecordPart => isOneOf(RECORD_PARTS, part)),
    })),
  };
}

/**
 * Adds a `holds-local-record` relationship for every organisation that identity says holds a
 * record linked to the person and the policy does not list yet: the consent service learns of
 * links from events, later than identity's own view shows them.
 */
export function withRecordHolders(
  policy: PersonAccessPolicy,
  organisations: readonly string[],
  now: Date,
): PersonAccessPolicy {
  const known = new Set(
    policy.relationships.filter((r) => r.kind === 'holds-local-record').map((r) => r.organisation),
  );
  const added = [...new Set(organisations)]
    .filter((organisation) => !known.has(organisation))
    .map(
      (organisation): CareRelationship => ({
        relationshipId: `identity-link:${organisation}`,
        organisation,
        kind: 'holds-local-record' satisfies CareRelationshipKind,
        since: now.toISOString(),
      }),
    );
  return added.length === 0 ? policy : { ...policy, relationships: [...policy.relationships, ...added] };
}

/** Adds a grant the consent service just answered with, unless the policy already lists it. */
export function withGrant(policy: PersonAccessPolicy, grant: BreakGlassGrantV1): PersonAccessPolicy {
  if (policy.breakGlass.some((known) => known.grantId === grant.grantId)) return policy;
  const { personId: _personId, ...asInPolicy } = grant;
  const added: BreakGlassGrant = asInPolicy;
  return { ...policy, breakGlass: [...policy.breakGlass, added] };
}

/** Whether `organisation` has a relationship with the person in force at `now`. */
export function hasRelationshipAt(policy: PersonAccessPolicy, organisation: string, now: Date): boolean {
  return policy.relationships.some(
    (relationship) => relationship.organisation === organisation && isInForce(relationship, now),
  );
}

/** The caller's own unexpired break-glass grant, if any. */
export function activeGrantOf(
  policy: PersonAccessPolicy,
  subject: string,
  organisation: string,
  now: Date,
): BreakGlassGrant | undefined {
  return policy.breakGlass.find(
    (grant) =>
      grant.subject === subject &&
      grant.organisation === organisation &&
      Date.parse(grant.expiresAt) > now.getTime(),
  );
}

function isInForce(relationship: CareRelationship, now: Date): boolean {
  const since = Date.parse(relationship.since);
  const until = relationship.until === undefined ? Number.POSITIVE_INFINITY : Date.parse(relationship.until);
  // An unreadable date is not in force (NaN compares false): fail closed.
  return since <= now.getTime() && now.getTime() < until;
}

function isOneOf<T extends string>(values: readonly T[], value: string): value is T {
  return (values as readonly string[]).includes(value);
}
