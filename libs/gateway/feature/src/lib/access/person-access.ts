import type { AccessDecision, PersonAccessPolicy, ResourceLabel } from '@ilinks/consent/domain';
import type { Principal } from '@ilinks/platform/security';

/** A request the access decision let through, and how to sift its items. */
export interface PermittedAccess {
  readonly decision: Exclude<AccessDecision, { effect: 'deny' }>;
  readonly policy: PersonAccessPolicy;
  /**
   * Whether one item may be shown (always true for a plain `permit`). An item it hides marks the
   * request's audit outcome `filtered`.
   */
  isVisible(item: ResourceLabel): boolean;
}

/** What the caller already knows about the person that the consent service may not know yet. */
export interface AuthorizeOptions {
  /**
   * Organisations identity's person view lists as holding a record linked to the person: each has a
   * `holds-local-record` relationship, whether or not the consent service has heard of the link yet.
   */
  readonly recordHolders?: readonly string[];
}

/** One person a search or `$match` found, with the organisations holding a record for them. */
export interface PersonToSift {
  readonly personId: string;
  readonly recordHolders: readonly string[];
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
    options?: AuthorizeOptions,
  ): Promise<PermittedAccess>;

  /**
   * For searches and `$match`: the persons among `persons` the caller may see, by person id. A
   * person the caller may not see is simply absent (never an error); break-glass is never requested
   * by a search, though an unexpired grant counts. The audit facts name only the persons shown, and
   * the outcome is `filtered` when anyone was left out.
   */
  abstract sift(
    request: object,
    principal: Principal,
    persons: readonly PersonToSift[],
    label: ResourceLabel,
  ): Promise<ReadonlyMap<string, PermittedAccess>>;
}
