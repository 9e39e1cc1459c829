/**
 * The consent service's internal HTTP API (called by the gateway, never by partners). Plain types.
 * The access-policy shape matches `PersonAccessPolicy` in `@ilinks/consent/domain`, which the
 * gateway evaluates locally with `decide`.
 *
 * Routes (JSON; errors are FHIR OperationOutcome with 4xx; header `Idempotency-Key` on every POST —
 * the same key again records nothing twice and answers as the first time):
 * - `POST /persons/:personId/objections` {@link RecordObjectionRequestV1} → 201 {@link ConsentItemV1}
 * - `POST /persons/:personId/category-agreements` {@link AgreeCategoryRequestV1} → 201 {@link ConsentItemV1}
 * - `POST /persons/:personId/delegations` {@link GrantDelegationRequestV1} → 201 {@link ConsentItemV1}
 * - `POST /consents/:consentId/withdraw` {@link WithdrawConsentRequestV1} → 200 {@link ConsentItemV1}
 *   (an objection withdrawn, an agreement withdrawn, a delegation revoked: effective at once)
 * - `GET /consents/:consentId` → {@link ConsentItemV1}; `GET /persons/:personId/consents?status=active|inactive`
 *   → {@link ConsentListV1}
 * - `POST /persons/:personId/relationships` {@link StartRelationshipRequestV1} → 201 {@link CareRelationshipV1}
 * - `POST /relationships/:relationshipId/end` {@link EndRelationshipRequestV1} → 200 {@link CareRelationshipV1}
 * - `POST /persons/:personId/break-glass` {@link BreakGlassRequestV1} → 201 {@link BreakGlassGrantV1}
 *   (an unexpired grant for the same user is returned as it is, 200)
 * - `GET /persons/:personId/access-policy` → {@link PersonAccessPolicyV1}: only what is active now,
 *   across the person and everyone merged into them, with a relationship for every organisation
 *   that holds a local record for them.
 */

export type ConsentRoleV1 = 'practitioner' | 'individual' | 'carer' | 'system' | 'ig-officer' | 'admin';

/** Who recorded a consent fact. */
export interface RecordedByV1 {
  readonly subject: string;
  readonly organisation: string;
  readonly role: ConsentRoleV1;
}

export type ConsentKindV1 = 'objection' | 'category-agreement' | 'delegation';

export interface ConsentItemV1 {
  readonly consentId: string;
  readonly personId: string;
  readonly kind: ConsentKindV1;
  readonly status: 'active' | 'inactive';
  readonly recordedBy: RecordedByV1;
  readonly recordedAt: string;
  /** A practitioner recorded it for the person (objection, delegation). */
  readonly onBehalf?: boolean;
  /** category-agreement: the sensitive category the person agreed to share. */
  readonly category?: string;
  /** delegation: the carer's user id, the parts granted and the end date. */
  readonly carer?: string;
  readonly parts?: readonly string[];
  readonly until?: string;
  readonly withdrawnAt?: string;
  readonly withdrawnBy?: RecordedByV1;
}

export interface ConsentListV1 {
  readonly items: readonly ConsentItemV1[];
}

export interface RecordObjectionRequestV1 {
  readonly recordedBy: RecordedByV1;
  readonly onBehalf: boolean;
}

export interface AgreeCategoryRequestV1 {
  readonly recordedBy: RecordedByV1;
  readonly category: string;
}

export interface GrantDelegationRequestV1 {
  readonly recordedBy: RecordedByV1;
  readonly carer: string;
  readonly parts: readonly string[];
  /** ISO instant; must be in the future. */
  readonly until: string;
}

export interface WithdrawConsentRequestV1 {
  readonly recordedBy: RecordedByV1;
}

export type CareRelationshipKindV1 =
  | 'holds-local-record'
  | 'registered-practice'
  | 'referral'
  | 'admission'
  | 'appointment'
  | 'care-team'
  | 'self-declared';

export interface CareRelationshipV1 {
  readonly relationshipId: string;
  readonly personId: string;
  readonly organisation: string;
  readonly kind: CareRelationshipKindV1;
  readonly since: string;
  readonly until?: string;
  readonly declaredBy?: string;
  readonly reason?: string;
  readonly endedAt?: string;
}

export interface StartRelationshipRequestV1 {
  readonly organisation: string;
  /** Not `holds-local-record`: that one follows from identity. */
  readonly kind: Exclude<CareRelationshipKindV1, 'holds-local-record'>;
  readonly since?: string;
  readonly until?: string;
  /** For `self-declared`: the practitioner and their reason (both required). */
  readonly declaredBy?: string;
  readonly reason?: string;
}

export interface EndRelationshipRequestV1 {
  readonly endedBy: RecordedByV1;
}

export interface BreakGlassRequestV1 {
  readonly subject: string;
  readonly organisation: string;
  readonly reason: string;
}

export interface BreakGlassGrantV1 {
  readonly grantId: string;
  readonly personId: string;
  readonly subject: string;
  readonly organisation: string;
  readonly reason: string;
  readonly grantedAt: string;
  readonly expiresAt: string;
}

export interface PersonAccessPolicyV1 {
  readonly personId: string;
  readonly personIds: readonly string[];
  readonly relationships: readonly {
    readonly relationshipId: string;
    readonly organisation: string;
    readonly kind: CareRelationshipKindV1;
    readonly since: string;
    readonly until?: string;
    readonly declaredBy?: string;
    readonly reason?: string;
  }[];
  readonly objections: readonly {
    readonly objectionId: string;
    readonly recordedBy: string;
    readonly recordedAt: string;
    readonly onBehalf: boolean;
  }[];
  readonly sharedCategories: readonly string[];
  readonly breakGlass: readonly Omit<BreakGlassGrantV1, 'personId'>[];
  readonly delegations: readonly {
    readonly delegationId: string;
    readonly carer: string;
    readonly parts: readonly string[];
    readonly grantedAt: string;
    readonly until: string;
  }[];
}
