import type {
  AccessRole,
  BreakGlassGrant,
  CareRelationship,
  RecordPart,
  SensitiveCategory,
} from '../access/access.types';

/** Who recorded a consent fact (ids and codes only, never names). */
export interface ConsentActor {
  readonly subject: string;
  readonly organisation: string;
  readonly role: AccessRole;
}

export const CONSENT_KINDS = ['objection', 'category-agreement', 'delegation'] as const;
export type ConsentKind = (typeof CONSENT_KINDS)[number];

interface ConsentItemBase {
  readonly consentId: string;
  readonly recordedBy: ConsentActor;
  readonly recordedAt: string;
  /** Set once withdrawn (or revoked): the item no longer counts. */
  readonly withdrawnAt?: string;
  readonly withdrawnBy?: ConsentActor;
}

/** A person's objection to sharing: their data stays inside the organisation that recorded it. */
export interface ObjectionItem extends ConsentItemBase {
  readonly kind: 'objection';
  readonly onBehalf: boolean;
}

/** The person agreed that a sensitive category may be shown beyond the recording organisation. */
export interface CategoryAgreementItem extends ConsentItemBase {
  readonly kind: 'category-agreement';
  readonly category: SensitiveCategory;
}

/** The person let a carer see named parts of their record until an end date. */
export interface DelegationItem extends ConsentItemBase {
  readonly kind: 'delegation';
  readonly carer: string;
  readonly parts: readonly RecordPart[];
  readonly until: string;
}

export type ConsentItem = ObjectionItem | CategoryAgreementItem | DelegationItem;

/** A care relationship as recorded, with its end once ended. */
export interface RecordedRelationship extends CareRelationship {
  readonly endedAt?: string;
  readonly endedBy?: ConsentActor;
}

/** Everything recorded about one person's sharing, by id. */
export interface ConsentState {
  readonly items: Readonly<Record<string, ConsentItem>>;
  readonly relationships: Readonly<Record<string, RecordedRelationship>>;
  readonly breakGlass: Readonly<Record<string, BreakGlassGrant>>;
}

export const initialConsentState = (): ConsentState => ({ items: {}, relationships: {}, breakGlass: {} });

/** The grant for this subject and organisation that is still running at `now`, if any. */
export function unexpiredBreakGlassGrant(
  state: ConsentState,
  subject: string,
  organisation: string,
  now: Date,
): BreakGlassGrant | undefined {
  return Object.values(state.breakGlass).find(
    (grant) =>
      grant.subject === subject &&
      grant.organisation === organisation &&
      Date.parse(grant.expiresAt) > now.getTime(),
  );
}
