/** Access bases that reach a person outside an established care relationship. */
export const OUTSIDE_RELATIONSHIP_BASES: readonly string[] = ['break-glass', 'self-declared-relationship'];

/** One request by one user, as the detector sees it: when, whom, on what basis, and whether it was denied. */
export interface UserAccess {
  readonly recordId: string;
  /** Epoch milliseconds. */
  readonly at: number;
  readonly personIds: readonly string[];
  /** The access decision's basis, when access was granted. */
  readonly basis?: string;
  readonly denied: boolean;
}

/** When a user's access counts as unusual. */
export interface UnusualAccessSettings {
  /** More distinct persons than this opened outside a relationship within the window raises an alert. */
  readonly maxPersonsOutsideRelationship: number;
  /** More distinct persons than this denied within the window raises an alert. */
  readonly maxPersonsDenied: number;
  readonly windowMs: number;
}

export const DEFAULT_UNUSUAL_ACCESS_SETTINGS: UnusualAccessSettings = {
  maxPersonsOutsideRelationship: 5,
  maxPersonsDenied: 10,
  windowMs: 60 * 60 * 1000,
};

/** Why access was found unusual. */
export type UnusualAccessReason = 'outside-relationship' | 'denied';

export interface UnusualAccessFinding {
  readonly reason: UnusualAccessReason;
  /**
   * The access at which the count first went over the limit within the window. Every check in
   * the window names the same one, so two replicas checking at once raise one alert, not two.
   */
  readonly tippedBy: { readonly recordId: string; readonly at: number };
  /** The distinct persons counted up to and including that access, in first-seen order. */
  readonly personIds: readonly string[];
  /** What was unusual, in plain words (no personal data). */
  readonly detail: string;
}

/**
 * Decides whether a user's newest access makes their recent activity unusual: more than N distinct
 * persons opened by break-glass or a self-declared relationship, or more than M distinct persons
 * denied, within the window ending at `latest`. Only an access that itself counts can raise, and
 * at most one alert per user per window: nothing is raised while `lastAlertAt` (the time of the
 * user's newest unusual-access alert) is less than a window before `latest`, or after it.
 * `recent` may include `latest`.
 */
export function detectUnusualAccess(
  recent: readonly UserAccess[],
  latest: UserAccess,
  lastAlertAt: number | undefined,
  settings: UnusualAccessSettings = DEFAULT_UNUSUAL_ACCESS_SETTINGS,
): UnusualAccessFinding | undefined {
  const windowStart = latest.at - settings.windowMs;
  // A later alert counts too: records of one user can arrive out of order (they are keyed by person).
  if (lastAlertAt !== undefined && lastAlertAt > windowStart) return undefined;
  const inWindow = uniqueByRecord([...recent, latest]).filter(
    (access) => access.at > windowStart && access.at <= latest.at,
  );
  const hours = formatWindow(settings.windowMs);
  if (isOutsideRelationship(latest)) {
    const tipped = tippingPoint(
      inWindow.filter(isOutsideRelationship),
      settings.maxPersonsOutsideRelationship,
    );
    if (tipped) {
      return {
        reason: 'outside-relationship',
        ...tipped,
        detail: `${tipped.personIds.length} persons opened by break-glass or a self-declared relationship within ${hours}`,
      };
    }
  }
  if (latest.denied) {
    const tipped = tippingPoint(
      inWindow.filter((access) => access.denied),
      settings.maxPersonsDenied,
    );
    if (tipped) {
      return {
        reason: 'denied',
        ...tipped,
        detail: `access to ${tipped.personIds.length} persons denied within ${hours}`,
      };
    }
  }
  return undefined;
}

/** Granted on a basis outside an established care relationship. */
export function isOutsideRelationship(access: UserAccess): boolean {
  return !access.denied && access.basis !== undefined && OUTSIDE_RELATIONSHIP_BASES.includes(access.basis);
}

function uniqueByRecord(accesses: readonly UserAccess[]): UserAccess[] {
  const byId = new Map<string, UserAccess>();
  for (const access of accesses) byId.set(access.recordId, access);
  return [...byId.values()];
}

/** Oldest first, the first access after which more than `limit` distinct persons were reached. */
function tippingPoint(
  accesses: readonly UserAccess[],
  limit: number,
): Pick<UnusualAccessFinding, 'tippedBy' | 'personIds'> | undefined {
  const persons = new Set<string>();
  const oldestFirst = [...accesses].sort((a, b) => a.at - b.at || compareIds(a.recordId, b.recordId));
  for (const access of oldestFirst) {
    for (const personId of access.personIds) persons.add(personId);
    if (persons.size > limit) {
      return { tippedBy: { recordId: access.recordId, at: access.at }, personIds: [...persons] };
    }
  }
  return undefined;
}

function compareIds(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

function formatWindow(windowMs: number): string {
  const minutes = Math.round(windowMs / 60_000);
  if (minutes % 60 === 0) return minutes === 60 ? '1 hour' : `${minutes / 60} hours`;
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}
