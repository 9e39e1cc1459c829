import type { AccessDecision, PersonAccessPolicy, ResourceLabel } from '@ilinks/consent/domain';
import type { Principal } from '@ilinks/platform/security';

/** A request the access decision let through, and how to sift its items. */
export interface PermittedAccess {
  readonly decision: Exclude<AccessDecision, { effect: 'deny' }>;
  readonly policy: PersonAccessPolicy;
  /** Whether one item may be shown (always true for a plain `permit`). */
  isVisible(item: ResourceLabel): boolean;
}

/**
 * The gateway's policy enforcement point for one person's data (ARCHITECTURE §7): fetches the
 * person's access policy from the consent service, honours `X-Break-Glass-Reason`, evaluates
 * `decide` from `@ilinks/consent/domain`, notes the outcome in the request's audit facts, and
 * throws an HTTP error (403, or 404 where existence must not be revealed) when denied.
 */
export abstract class PersonAccess {
  abstract authorize(
    request: object,
    principal: Principal,
    personId: string,
    label: ResourceLabel,
  ): Promise<PermittedAccess>;
}
