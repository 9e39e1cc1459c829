/**
 * The vocabulary of the access decision (ARCHITECTURE §7). Everything here is plain data: the
 * gateway builds an `AccessRequest` from the token, the person's `PersonAccessPolicy` (assembled by
 * the consent service from its streams and its view of identity) and a `ResourceLabel` per item.
 */

export const ACCESS_ROLES = ['practitioner', 'individual', 'carer', 'system', 'ig-officer', 'admin'] as const;
export type AccessRole = (typeof ACCESS_ROLES)[number];

/** Who asks. `patient` is the person id of an individual's own record. */
export interface AccessPrincipal {
  readonly subject: string;
  readonly organisation: string;
  readonly role: AccessRole;
  readonly professionalRole?: string;
  readonly patient?: string;
}

/**
 * Why they ask (FHIR/HL7 v3 PurposeOfUse, narrowed): `direct-care` (TREAT), `emergency` (ETREAT:
 * break-glass), `own-record` (PATRQT), `carer-access` (FAMRQT), `governance` (HOPERAT: audit and
 * review queues), `administration` (HSYSADMIN).
 */
export const PURPOSES = [
  'direct-care',
  'emergency',
  'own-record',
  'carer-access',
  'governance',
  'administration',
] as const;
export type PurposeOfUse = (typeof PURPOSES)[number];

/**
 * Named parts of a record: what a carer's delegation grants and what role-based views are built of.
 * `demographics` is the Patient resource; `access-log` is who accessed the record.
 */
export const RECORD_PARTS = [
  'demographics',
  'summary',
  'medications',
  'allergies',
  'problems',
  'encounters',
  'appointments',
  'care-plans',
  'care-team',
  'letters',
  'results',
  'preferences',
  'alerts',
  'contributions',
  'consents',
  'access-log',
] as const;
export type RecordPart = (typeof RECORD_PARTS)[number];

/** Sealed / sensitive categories (the coded list that maps codes to these is configurable). */
export const SENSITIVE_CATEGORIES = [
  'sexual-health',
  'hiv',
  'fertility',
  'gender-identity',
  'termination',
  'safeguarding',
] as const;
export type SensitiveCategory = (typeof SENSITIVE_CATEGORIES)[number];

/** One item (or a resource type at request level) as the decision sees it: never its content. */
export interface ResourceLabel {
  readonly part: RecordPart;
  /** ODS code of the organisation that recorded it; absent for a request-level label. */
  readonly organisation?: string;
  readonly categories?: readonly SensitiveCategory[];
  /** A clinician marked it not for the patient's own view. */
  readonly notForPatientView?: boolean;
  /** The person contributed it themselves. */
  readonly patientContributed?: boolean;
}

export const CARE_RELATIONSHIP_KINDS = [
  'holds-local-record',
  'registered-practice',
  'referral',
  'admission',
  'appointment',
  'care-team',
  'self-declared',
] as const;
export type CareRelationshipKind = (typeof CARE_RELATIONSHIP_KINDS)[number];

export interface CareRelationship {
  readonly relationshipId: string;
  readonly organisation: string;
  readonly kind: CareRelationshipKind;
  readonly since: string;
  /** ISO instant it ends (exclusive); open-ended when absent. */
  readonly until?: string;
  /** For `self-declared`: the practitioner who declared it and why. */
  readonly declaredBy?: string;
  readonly reason?: string;
}

export interface Objection {
  readonly objectionId: string;
  /** The organisation that recorded it: the person's data stays visible inside it. */
  readonly recordedBy: string;
  readonly recordedAt: string;
  readonly onBehalf: boolean;
}

export interface BreakGlassGrant {
  readonly grantId: string;
  readonly subject: string;
  readonly organisation: string;
  readonly reason: string;
  readonly grantedAt: string;
  readonly expiresAt: string;
}

export interface ProxyDelegation {
  readonly delegationId: string;
  /** The carer's user id (token `sub`). */
  readonly carer: string;
  readonly parts: readonly RecordPart[];
  readonly grantedAt: string;
  readonly until: string;
}

/** Everything the decision needs to know about one person, as of now. Only active items appear. */
export interface PersonAccessPolicy {
  readonly personId: string;
  /** The person and any persons merged into them: an individual's token may name either. */
  readonly personIds: readonly string[];
  readonly relationships: readonly CareRelationship[];
  readonly objections: readonly Objection[];
  /** Sensitive categories the person agreed to share beyond the recording organisation. */
  readonly sharedCategories: readonly SensitiveCategory[];
  readonly breakGlass: readonly BreakGlassGrant[];
  readonly delegations: readonly ProxyDelegation[];
}

/** Regional settings the decision honours. */
export interface AccessPolicySettings {
  /** Does break-glass override an objection to sharing? Default false. */
  readonly breakGlassOverridesObjection: boolean;
  /** May practitioners declare a relationship themselves (with a reason)? Default true. */
  readonly selfDeclaredRelationshipsAllowed: boolean;
}

export const DEFAULT_ACCESS_POLICY_SETTINGS: AccessPolicySettings = {
  breakGlassOverridesObjection: false,
  selfDeclaredRelationshipsAllowed: true,
};

/** Why access was granted: recorded in the audit trail. */
export type AccessBasis =
  | 'care-relationship'
  | 'self-declared-relationship'
  | 'break-glass'
  | 'own-record'
  | 'delegation'
  | 'governance'
  | 'administration';

export const DENY_REASONS = [
  'purpose-not-allowed-for-role',
  'no-relationship',
  'not-own-record',
  'no-delegation',
  'part-not-delegated',
  'objection',
  'sealed-category',
  'not-for-patient-view',
  'clinical-content-not-for-role',
] as const;
export type DenyReason = (typeof DENY_REASONS)[number];

/** Which items of a permitted request stay hidden. An item passes when no rule removes it. */
export interface ItemFilter {
  /** Only items recorded by these organisations (an objection). */
  readonly onlyFromOrganisations?: readonly string[];
  /** Items in these categories only when recorded by `sealedVisibleTo` (or patient-contributed). */
  readonly sealedCategories?: readonly SensitiveCategory[];
  readonly sealedVisibleTo?: string;
  readonly onlyParts?: readonly RecordPart[];
  readonly excludeNotForPatientView?: boolean;
}

export type AccessDecision =
  | { readonly effect: 'permit'; readonly basis: AccessBasis }
  | { readonly effect: 'permit-with-filter'; readonly basis: AccessBasis; readonly filter: ItemFilter }
  | { readonly effect: 'deny'; readonly reason: DenyReason };

export interface AccessContext {
  /** The decision's clock, passed in (grants and delegations expire). */
  readonly now: Date;
  readonly settings: AccessPolicySettings;
}
