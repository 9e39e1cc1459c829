import {
  DENY_REASONS,
  SENSITIVE_CATEGORIES,
  type AccessBasis,
  type AccessContext,
  type AccessDecision,
  type AccessPolicySettings,
  type AccessPrincipal,
  type BreakGlassGrant,
  type CareRelationship,
  type DenyReason,
  type PersonAccessPolicy,
  type ProxyDelegation,
  type PurposeOfUse,
  type RecordPart,
  type ResourceLabel,
  type SensitiveCategory,
} from './access.types';
import { hiddenBecause } from './item-filter';
import { isPurposeAllowedForRole } from './purpose-of-use';

/** Parts an information-governance officer may read: who accessed, what was agreed, who the person is. */
export const GOVERNANCE_PARTS: readonly RecordPart[] = ['access-log', 'consents', 'demographics'];
/** Parts an administrator may read: demographics only. */
export const ADMINISTRATION_PARTS: readonly RecordPart[] = ['demographics'];

type RelationshipBasis = 'care-relationship' | 'self-declared-relationship';

// Decisions that carry no per-request data are built once: `decide` runs for every item of $everything.
const DENIALS = Object.freeze(
  Object.fromEntries(DENY_REASONS.map((reason) => [reason, Object.freeze({ effect: 'deny', reason })])),
) as Readonly<Record<DenyReason, AccessDecision>>;
const PERMITS: Readonly<Record<AccessBasis, AccessDecision>> = Object.freeze({
  'care-relationship': permit('care-relationship'),
  'self-declared-relationship': permit('self-declared-relationship'),
  'break-glass': permit('break-glass'),
  'own-record': permit('own-record'),
  delegation: permit('delegation'),
  governance: permit('governance'),
  administration: permit('administration'),
});
const OWN_RECORD: AccessDecision = Object.freeze({
  effect: 'permit-with-filter',
  basis: 'own-record',
  filter: Object.freeze({ excludeNotForPatientView: true }),
});

/**
 * The access decision (ARCHITECTURE §7): may `principal` read `resource` of the person described by
 * `policy`, for `purpose`, at `context.now`? Pure and deterministic.
 *
 * First the purpose must be one the role may claim, then the role's rule decides (see the
 * `decideFor…` functions). For a request-level label (no `organisation`) the result is final and a
 * `permit-with-filter` tells the gateway which items to leave out. For an item-level label
 * (`organisation` set) the filter is also applied to the item itself: a hidden item is denied with the
 * reason that hid it, a visible one gets the role's decision unchanged.
 *
 * Expired relationships, grants and delegations never count, even when the policy still lists them.
 */
export function decide(
  principal: AccessPrincipal,
  policy: PersonAccessPolicy,
  resource: ResourceLabel,
  purpose: PurposeOfUse,
  context: AccessContext,
): AccessDecision {
  if (!isPurposeAllowedForRole(principal.role, purpose)) return DENIALS['purpose-not-allowed-for-role'];
  const decision = decideForRole(principal, policy, resource, context);
  return resource.organisation === undefined ? decision : decideForItem(decision, resource);
}

function decideForRole(
  principal: AccessPrincipal,
  policy: PersonAccessPolicy,
  resource: ResourceLabel,
  context: AccessContext,
): AccessDecision {
  const nowMs = context.now.getTime();
  switch (principal.role) {
    case 'practitioner':
      return decideForPractitioner(principal, policy, nowMs, context.settings);
    case 'system':
      return decideForSystem(principal, policy, nowMs, context.settings);
    case 'individual':
      return decideForIndividual(principal, policy);
    case 'carer':
      return decideForCarer(principal, policy, resource, nowMs);
    case 'ig-officer':
      return decideForGovernanceOfficer(resource);
    case 'admin':
      return decideForAdministrator(resource);
  }
}

function decideForItem(decision: AccessDecision, item: ResourceLabel): AccessDecision {
  if (decision.effect !== 'permit-with-filter') return decision;
  const reason = hiddenBecause(decision.filter, item);
  return reason === undefined ? decision : DENIALS[reason];
}

/** Direct care through a relationship of the practitioner's organisation, else break-glass. */
function decideForPractitioner(
  principal: AccessPrincipal,
  policy: PersonAccessPolicy,
  nowMs: number,
  settings: AccessPolicySettings,
): AccessDecision {
  const basis: AccessBasis | undefined =
    relationshipBasis(policy.relationships, principal.organisation, nowMs, settings) ??
    (hasActiveBreakGlass(policy.breakGlass, principal, nowMs) ? 'break-glass' : undefined);
  if (basis === undefined) return DENIALS['no-relationship'];
  return directCareDecision(principal, policy, basis, settings);
}

/** A partner system reads only what its organisation's relationships allow; it never breaks glass. */
function decideForSystem(
  principal: AccessPrincipal,
  policy: PersonAccessPolicy,
  nowMs: number,
  settings: AccessPolicySettings,
): AccessDecision {
  const basis = relationshipBasis(policy.relationships, principal.organisation, nowMs, settings);
  if (basis === undefined) return DENIALS['no-relationship'];
  return directCareDecision(principal, policy, basis, settings);
}

/** The person's own record, less what clinicians marked not for patient view. */
function decideForIndividual(principal: AccessPrincipal, policy: PersonAccessPolicy): AccessDecision {
  const ownRecord = principal.patient !== undefined && policy.personIds.includes(principal.patient);
  return ownRecord ? OWN_RECORD : DENIALS['not-own-record'];
}

/** The delegated parts only, never sealed items (unless the person wrote them) nor not-for-patient-view. */
function decideForCarer(
  principal: AccessPrincipal,
  policy: PersonAccessPolicy,
  resource: ResourceLabel,
  nowMs: number,
): AccessDecision {
  const parts = activeDelegatedParts(policy.delegations, principal.subject, nowMs);
  if (parts === undefined) return DENIALS['no-delegation'];
  if (!parts.includes(resource.part)) return DENIALS['part-not-delegated'];
  return {
    effect: 'permit-with-filter',
    basis: 'delegation',
    filter: { onlyParts: parts, excludeNotForPatientView: true, sealedCategories: SENSITIVE_CATEGORIES },
  };
}

/** Audit and review: the access log, consents and demographics, no clinical content. */
function decideForGovernanceOfficer(resource: ResourceLabel): AccessDecision {
  return GOVERNANCE_PARTS.includes(resource.part)
    ? PERMITS.governance
    : DENIALS['clinical-content-not-for-role'];
}

/** Administration: demographics only. */
function decideForAdministrator(resource: ResourceLabel): AccessDecision {
  return ADMINISTRATION_PARTS.includes(resource.part)
    ? PERMITS.administration
    : DENIALS['clinical-content-not-for-role'];
}

/**
 * The filter of a direct-care permit: an objection keeps the data inside the caller's organisation
 * (unless break-glass may override it), and sealed categories the person has not agreed to share
 * stay with the organisation that recorded them. Break-glass never unseals.
 */
function directCareDecision(
  principal: AccessPrincipal,
  policy: PersonAccessPolicy,
  basis: AccessBasis,
  settings: AccessPolicySettings,
): AccessDecision {
  const objectionOverridden = basis === 'break-glass' && settings.breakGlassOverridesObjection;
  const objectionApplies = policy.objections.length > 0 && !objectionOverridden;
  const sealed = categoriesNotShared(policy.sharedCategories);
  const sealingApplies = sealed.length > 0;
  if (!objectionApplies && !sealingApplies) return PERMITS[basis];
  if (!sealingApplies) {
    return {
      effect: 'permit-with-filter',
      basis,
      filter: { onlyFromOrganisations: [principal.organisation] },
    };
  }
  if (!objectionApplies) {
    return {
      effect: 'permit-with-filter',
      basis,
      filter: { sealedCategories: sealed, sealedVisibleTo: principal.organisation },
    };
  }
  return {
    effect: 'permit-with-filter',
    basis,
    filter: {
      onlyFromOrganisations: [principal.organisation],
      sealedCategories: sealed,
      sealedVisibleTo: principal.organisation,
    },
  };
}

/**
 * `care-relationship` when an active, non-self-declared relationship of `organisation` exists;
 * `self-declared-relationship` when only self-declared ones do (and settings allow them).
 */
function relationshipBasis(
  relationships: readonly CareRelationship[],
  organisation: string,
  nowMs: number,
  settings: AccessPolicySettings,
): RelationshipBasis | undefined {
  let selfDeclared = false;
  for (const relationship of relationships) {
    if (relationship.organisation !== organisation || !isRelationshipActive(relationship, nowMs)) continue;
    if (relationship.kind !== 'self-declared') return 'care-relationship';
    if (settings.selfDeclaredRelationshipsAllowed) selfDeclared = true;
  }
  return selfDeclared ? 'self-declared-relationship' : undefined;
}

// An unparseable instant gives NaN, which fails every comparison: the item then never counts.
function isRelationshipActive(relationship: CareRelationship, nowMs: number): boolean {
  if (!(Date.parse(relationship.since) <= nowMs)) return false;
  return relationship.until === undefined || nowMs < Date.parse(relationship.until);
}

function hasActiveBreakGlass(
  grants: readonly BreakGlassGrant[],
  principal: AccessPrincipal,
  nowMs: number,
): boolean {
  return grants.some(
    (grant) =>
      grant.subject === principal.subject &&
      grant.organisation === principal.organisation &&
      nowMs < Date.parse(grant.expiresAt),
  );
}

/** The union of the parts of `carer`'s active delegations, or `undefined` when none is active. */
function activeDelegatedParts(
  delegations: readonly ProxyDelegation[],
  carer: string,
  nowMs: number,
): readonly RecordPart[] | undefined {
  let parts: readonly RecordPart[] | undefined;
  for (const delegation of delegations) {
    if (delegation.carer !== carer || !(nowMs < Date.parse(delegation.until))) continue;
    parts = parts === undefined ? delegation.parts : unionOf(parts, delegation.parts);
  }
  return parts;
}

function unionOf(first: readonly RecordPart[], second: readonly RecordPart[]): readonly RecordPart[] {
  const missing = second.filter((part) => !first.includes(part));
  return missing.length === 0 ? first : [...first, ...missing];
}

function categoriesNotShared(shared: readonly SensitiveCategory[]): readonly SensitiveCategory[] {
  if (shared.length === 0) return SENSITIVE_CATEGORIES;
  return SENSITIVE_CATEGORIES.filter((category) => !shared.includes(category));
}

function permit(basis: AccessBasis): AccessDecision {
  return Object.freeze({ effect: 'permit', basis });
}
