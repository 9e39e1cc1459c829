import {
  type AccessDecision,
  type AccessPolicySettings,
  type AccessPrincipal,
  type BreakGlassGrant,
  type DenyReason,
  type PersonAccessPolicy,
  type PurposeOfUse,
  type ResourceLabel,
  decide,
  defaultPurposeFor,
  hiddenBecause,
} from '@ilinks/consent/domain';
import type { Principal } from '@ilinks/platform/security';
import { type Clock, ForbiddenError, NotFoundError } from '@ilinks/shared/kernel';
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { noteAccess, noteAuditFacts } from '../audit/request-audit';
import type { ForwardedHeaders } from '../patient/service-call';
import { ACCESS_POLICY_SETTINGS } from './access-policy.config';
import {
  activeGrantOf,
  emptyPolicy,
  hasRelationshipAt,
  policyFromV1,
  withGrant,
  withRecordHolders,
} from './access-policy';
import { BREAK_GLASS_HEADER, breakGlassReasonOf } from './break-glass-reason';
import { ConsentClient } from './consent.client';
import {
  type AuthorizeOptions,
  type PermittedAccess,
  PersonAccess,
  type PersonToSift,
} from './person-access';

/**
 * The organisations holding a record linked to a person, from the identity service (current, where
 * the consent service's copy follows identity's events); none for an unknown person.
 */
export type RecordHoldersLookup = (
  personId: string,
  forwarded: ForwardedHeaders,
) => Promise<readonly string[]>;

/** Injection token of the {@link RecordHoldersLookup} used when a caller passes no record holders. */
export const RECORD_HOLDERS_LOOKUP = 'ilinks:record-holders-lookup';

/** Injection token of the clock the access decision reads (grants and delegations expire). */
export const ACCESS_CLOCK = 'ilinks:access-clock';

/**
 * What a refused individual or carer is told, word for word what an unknown id gets: whether
 * someone else's record exists is itself personal data.
 */
export const PERSON_NOT_FOUND = 'no Patient with this id';

type Headers = Readonly<Record<string, string | string[] | undefined>>;
type Permit = Exclude<AccessDecision, { effect: 'deny' }>;

/**
 * {@link PersonAccess} on the consent service's access policy, evaluated here with the pure
 * `decide`. A practitioner without a relationship who states `X-Break-Glass-Reason` is granted
 * time-limited access by the consent service first; their unexpired grant then counts on later
 * requests without the header.
 */
@Injectable()
export class ConsentPersonAccess extends PersonAccess {
  constructor(
    private readonly consent: ConsentClient,
    @Inject(ACCESS_POLICY_SETTINGS) private readonly settings: AccessPolicySettings,
    @Inject(ACCESS_CLOCK) private readonly clock: Clock,
    @Inject(RECORD_HOLDERS_LOOKUP) private readonly lookUpRecordHolders: RecordHoldersLookup,
  ) {
    super();
  }

  async authorize(
    request: object,
    principal: Principal,
    personId: string,
    label: ResourceLabel,
    options: AuthorizeOptions = {},
  ): Promise<PermittedAccess> {
    const headers = headersOf(request);
    const reason = breakGlassReasonOf(headers);
    const forwarded = traceOf(headers);
    const now = this.clock.now();
    // The consent service learns record holders from identity's events, a moment behind; the
    // identity service's person view is current, so a just-registered record counts at once.
    const recordHolders = options.recordHolders ?? (await this.lookUpRecordHolders(personId, forwarded));
    let policy = await this.policyOf(personId, recordHolders, forwarded, now);
    const withoutRelationship =
      principal.role === 'practitioner' && !hasRelationshipAt(policy, principal.organisation, now);
    if (withoutRelationship && reason !== undefined) {
      const grant = await this.consent.breakGlass(
        personId,
        { subject: principal.subject, organisation: principal.organisation, reason },
        // A fresh key: a later break-glass, once this grant has expired, must not be answered from it.
        { ...forwarded, idempotencyKey: randomUUID() },
      );
      // The service's policy view may lag its own write by a moment: the grant it answered counts.
      policy = withGrant(await this.policyOf(personId, recordHolders, forwarded, now), grant);
    }
    const grant = withoutRelationship
      ? activeGrantOf(policy, principal.subject, principal.organisation, now)
      : undefined;
    const purpose = defaultPurposeFor(principal.role, grant !== undefined);
    const decision = this.decide(principal, policy, label, purpose, now);
    noteAccess(request, personId);
    if (decision.effect === 'deny') {
      noteAuditFacts(request, { purposeOfUse: purpose, outcome: 'denied', outcomeDetail: decision.reason });
      throw refusal(principal, decision.reason);
    }
    noteAuditFacts(request, {
      ...permitFacts(decision, purpose, grant),
      outcome: 'permitted',
    });
    return permittedAccess(request, decision, policy);
  }

  async sift(
    request: object,
    principal: Principal,
    persons: readonly PersonToSift[],
    label: ResourceLabel,
  ): Promise<ReadonlyMap<string, PermittedAccess>> {
    const forwarded = traceOf(headersOf(request));
    const now = this.clock.now();
    const decided = await Promise.all(
      persons.map(async ({ personId, recordHolders }) => {
        const policy = await this.policyOf(personId, recordHolders, forwarded, now);
        const grant =
          principal.role === 'practitioner' && !hasRelationshipAt(policy, principal.organisation, now)
            ? activeGrantOf(policy, principal.subject, principal.organisation, now)
            : undefined;
        const purpose = defaultPurposeFor(principal.role, grant !== undefined);
        return {
          personId,
          policy,
          grant,
          purpose,
          decision: this.decide(principal, policy, label, purpose, now),
        };
      }),
    );
    const shown = new Map<string, PermittedAccess>();
    const leftOut: DenyReason[] = [];
    const facts: ReturnType<typeof permitFacts>[] = [];
    for (const { personId, policy, grant, purpose, decision } of decided) {
      if (decision.effect === 'deny') {
        leftOut.push(decision.reason);
        continue;
      }
      noteAccess(request, personId);
      facts.push(permitFacts(decision, purpose, grant));
      shown.set(personId, permittedAccess(request, decision, policy));
    }
    noteAuditFacts(request, {
      purposeOfUse: facts[0]?.purposeOfUse ?? defaultPurposeFor(principal.role, false),
      ...(facts.length > 0 && facts.every((fact) => fact.basis === facts[0]?.basis)
        ? { basis: facts[0]?.basis }
        : {}),
      outcome: leftOut.length > 0 ? 'filtered' : 'permitted',
      ...(leftOut.length > 0 ? { outcomeDetail: leftOut[0] } : {}),
    });
    return shown;
  }

  private async policyOf(
    personId: string,
    recordHolders: readonly string[],
    forwarded: ForwardedHeaders,
    now: Date,
  ): Promise<PersonAccessPolicy> {
    const answer = await this.consent.getAccessPolicy(personId, forwarded);
    return withRecordHolders(answer ? policyFromV1(answer) : emptyPolicy(personId), recordHolders, now);
  }

  private decide(
    principal: Principal,
    policy: PersonAccessPolicy,
    label: ResourceLabel,
    purpose: PurposeOfUse,
    now: Date,
  ): AccessDecision {
    return decide(accessPrincipalOf(principal), policy, label, purpose, { now, settings: this.settings });
  }
}

function accessPrincipalOf(principal: Principal): AccessPrincipal {
  return {
    subject: principal.subject,
    organisation: principal.organisation,
    role: principal.role,
    ...(principal.professionalRole === undefined ? {} : { professionalRole: principal.professionalRole }),
    ...(principal.patient === undefined ? {} : { patient: principal.patient }),
  };
}

/** The audit facts of a permit: `emergency` and the grant when break-glass is the basis. */
function permitFacts(decision: Permit, purpose: PurposeOfUse, grant: BreakGlassGrant | undefined) {
  const brokeGlass = decision.basis === 'break-glass';
  return {
    purposeOfUse: brokeGlass ? ('emergency' as const) : purpose,
    basis: decision.basis,
    ...(brokeGlass && grant ? { breakGlassReason: grant.reason, breakGlassGrantId: grant.grantId } : {}),
  };
}

function permittedAccess(request: object, decision: Permit, policy: PersonAccessPolicy): PermittedAccess {
  if (decision.effect === 'permit') return { decision, policy, isVisible: () => true };
  const { filter } = decision;
  return {
    decision,
    policy,
    isVisible(item) {
      const hidden = hiddenBecause(filter, item);
      if (hidden !== undefined) noteAuditFacts(request, { outcome: 'filtered', outcomeDetail: hidden });
      return hidden === undefined;
    },
  };
}

/**
 * The error a denial becomes. Individuals and carers asking about someone else get the answer an
 * unknown id gets (404); everyone else learns why, in plain words (403).
 */
export function refusal(principal: Pick<Principal, 'role'>, reason: DenyReason): Error {
  if (principal.role === 'individual' || principal.role === 'carer')
    return new NotFoundError(PERSON_NOT_FOUND);
  return new ForbiddenError(refusalText(principal.role, reason));
}

function refusalText(role: Principal['role'], reason: DenyReason): string {
  switch (reason) {
    case 'no-relationship':
      return role === 'practitioner'
        ? `your organisation has no care relationship with this person; in an emergency, state your reason in the ${BREAK_GLASS_HEADER} header for time-limited access, which is audited and reviewed`
        : 'your organisation has no care relationship with this person';
    case 'objection':
      return 'the person has objected to sharing their record beyond the organisation that recorded it';
    case 'sealed-category':
      return 'this is in a sensitive category the person has not agreed to share beyond the organisation that recorded it';
    case 'purpose-not-allowed-for-role':
      return 'your role may not access a record for this purpose';
    case 'clinical-content-not-for-role':
      return 'your role may not see clinical content';
    case 'not-own-record':
      return 'this is not your own record';
    case 'no-delegation':
      return 'you hold no delegation from this person';
    case 'part-not-delegated':
      return 'this part of the record is not delegated to you';
    case 'not-for-patient-view':
      return 'a clinician has marked this not for patient view';
  }
}

function headersOf(request: object): Headers {
  return (request as { headers?: Headers }).headers ?? {};
}

function traceOf(headers: Headers): ForwardedHeaders {
  const traceparent = headers['traceparent'];
  return typeof traceparent === 'string' ? { traceparent } : {};
}
