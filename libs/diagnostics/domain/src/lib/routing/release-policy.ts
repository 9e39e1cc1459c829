/** Report statuses not yet final enough to release to the individual by the delay. */
const UNRELEASABLE_BY_DELAY: ReadonlySet<string> = new Set(['registered', 'partial', 'preliminary']);

const MILLISECONDS_PER_HOUR = 3_600_000;

/** What release needs of a report: its status, when it was issued, and a clinician's release if any. */
export interface ReleaseFacts<B> {
  readonly status: string;
  readonly issuedAt: string;
  /** When a clinician released it. */
  readonly releasedAt?: string;
  readonly releasedBy?: B;
}

/** Whether a report is released to the individual now, when, and by whom (`policy`: by the delay). */
export interface Release<B> {
  readonly released: boolean;
  readonly releasedAt?: string;
  readonly releasedBy?: B | 'policy';
}

/**
 * Whether a report is released to the individual at `now`: released by a clinician, or else once
 * `issuedAt + delayHours` has passed (0: at once) and it is no longer registered, partial or
 * preliminary. Computed when read, from the caller's clock.
 */
export function releaseOf<B>(report: ReleaseFacts<B>, now: Date, delayHours: number): Release<B> {
  if (report.releasedAt !== undefined) {
    return {
      released: true,
      releasedAt: report.releasedAt,
      ...(report.releasedBy === undefined ? {} : { releasedBy: report.releasedBy }),
    };
  }
  if (UNRELEASABLE_BY_DELAY.has(report.status)) return { released: false };
  const dueAt = Date.parse(report.issuedAt) + delayHours * MILLISECONDS_PER_HOUR;
  if (Number.isNaN(dueAt) || now.getTime() < dueAt) return { released: false };
  return { released: true, releasedAt: new Date(dueAt).toISOString(), releasedBy: 'policy' };
}
