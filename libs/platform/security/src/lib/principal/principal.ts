import { TokenRejectedError } from '../tokens/token-rejected.error';

/** Who may call the platform. `system` is a partner system acting for its organisation. */
export const ROLES = ['practitioner', 'individual', 'carer', 'system', 'ig-officer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** What a carer may see for one person, and until when. */
export interface Delegation {
  /** Enterprise person id of the person cared for. */
  readonly patient: string;
  readonly scopes: readonly string[];
  /** ISO 8601 instant after which the delegation no longer applies. */
  readonly until: string;
}

/**
 * The authenticated caller, as the gateway's access decisions see it.
 *
 * Built from these JWT claims:
 * | claim | field | rule |
 * |---|---|---|
 * | `sub` | subject | required, non-empty |
 * | `org` | organisation | required, ODS-style code `^[A-Z0-9]{3,10}$` |
 * | `role` | role | required, one of `ROLES` |
 * | `professional_role` | professionalRole | optional string (e.g. an NHS job role code) |
 * | `patient` | patient | enterprise person id; required when role is `individual` |
 * | `delegations` | delegations | carers: `[{ patient, scopes: string[], until: ISO instant }]` |
 */
export interface Principal {
  readonly subject: string;
  readonly organisation: string;
  readonly role: Role;
  readonly professionalRole?: string;
  readonly patient?: string;
  readonly delegations?: readonly Delegation[];
}

/** The claim names a token carries; shared by the verifier and the dev issuer. */
export const PrincipalClaims = {
  subject: 'sub',
  organisation: 'org',
  role: 'role',
  professionalRole: 'professional_role',
  patient: 'patient',
  delegations: 'delegations',
} as const;

export const ODS_CODE = /^[A-Z0-9]{3,10}$/;
const MAX_CLAIM_LENGTH = 256;

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/**
 * Reads a `Principal` out of verified JWT claims. Throws `TokenRejectedError` naming the claim at
 * fault (never its value) when a claim is missing or malformed.
 */
export function principalFromClaims(claims: Readonly<Record<string, unknown>>): Principal {
  const subject = requiredText(claims, PrincipalClaims.subject);
  const organisation = requiredText(claims, PrincipalClaims.organisation);
  if (!ODS_CODE.test(organisation)) throw new TokenRejectedError('claim org is not an ODS code');
  const role = claims[PrincipalClaims.role];
  if (role === undefined) throw new TokenRejectedError('missing claim role');
  if (!isRole(role)) throw new TokenRejectedError('unknown role');
  const professionalRole = optionalText(claims, PrincipalClaims.professionalRole);
  const patient = optionalText(claims, PrincipalClaims.patient);
  if (role === 'individual' && patient === undefined)
    throw new TokenRejectedError('missing claim patient for role individual');
  const delegations = optionalDelegations(claims[PrincipalClaims.delegations]);
  return {
    subject,
    organisation,
    role,
    ...(professionalRole === undefined ? {} : { professionalRole }),
    ...(patient === undefined ? {} : { patient }),
    ...(delegations === undefined ? {} : { delegations }),
  };
}

/** The claims that `principalFromClaims` reads back into the same principal. */
export function claimsFromPrincipal(principal: Principal): Record<string, unknown> {
  return {
    [PrincipalClaims.subject]: principal.subject,
    [PrincipalClaims.organisation]: principal.organisation,
    [PrincipalClaims.role]: principal.role,
    ...(principal.professionalRole === undefined
      ? {}
      : { [PrincipalClaims.professionalRole]: principal.professionalRole }),
    ...(principal.patient === undefined ? {} : { [PrincipalClaims.patient]: principal.patient }),
    ...(principal.delegations === undefined ? {} : { [PrincipalClaims.delegations]: principal.delegations }),
  };
}

function requiredText(claims: Readonly<Record<string, unknown>>, name: string): string {
  const value = claims[name];
  if (value === undefined) throw new TokenRejectedError(`missing claim ${name}`);
  if (!isText(value)) throw new TokenRejectedError(`claim ${name} is not a non-empty string`);
  return value;
}

function optionalText(claims: Readonly<Record<string, unknown>>, name: string): string | undefined {
  const value = claims[name];
  if (value === undefined) return undefined;
  if (!isText(value)) throw new TokenRejectedError(`claim ${name} is not a non-empty string`);
  return value;
}

function optionalDelegations(value: unknown): Delegation[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || !value.every(isDelegation)) {
    throw new TokenRejectedError('claim delegations is not a list of { patient, scopes, until }');
  }
  return value.map((delegation) => ({
    patient: delegation.patient,
    scopes: [...delegation.scopes],
    until: delegation.until,
  }));
}

function isDelegation(value: unknown): value is Delegation {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return (
    isText(candidate['patient']) &&
    Array.isArray(candidate['scopes']) &&
    candidate['scopes'].every(isText) &&
    isText(candidate['until']) &&
    !Number.isNaN(Date.parse(candidate['until']))
  );
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '' && value.length <= MAX_CLAIM_LENGTH;
}
