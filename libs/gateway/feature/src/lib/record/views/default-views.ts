import type { RecordPart, ResourceLabel } from '@ilinks/consent/domain';
import type { PermittedAccess } from '../../access/person-access';
import { DEMOGRAPHICS } from '../../patient/person-visibility';

/** The whole-person views, by their key in the default view's `views`. */
export const VIEW_NAMES = ['summary', 'diary', 'carePlans', 'careTeam', 'timeline'] as const;
export type ViewName = (typeof VIEW_NAMES)[number];

/**
 * The record part each view is asked for at request level. The timeline has none of its own: like
 * `$everything` it asks for `demographics` and sifts each item by its own part.
 */
export const VIEW_LABELS: Readonly<Record<ViewName, ResourceLabel>> = {
  summary: { part: 'summary' },
  diary: { part: 'appointments' },
  carePlans: { part: 'care-plans' },
  careTeam: { part: 'care-team' },
  timeline: DEMOGRAPHICS,
};

/** One view of a default: which, and how many items at most. */
export interface DefaultViewSpec {
  readonly view: ViewName;
  readonly limit?: number;
}

/**
 * What each role sees first at `GET /record/persons/{id}` (the README's table). A carer's list is
 * the views they may be given: only those whose part their delegation grants are shown.
 */
export const DEFAULT_VIEWS: Readonly<Record<string, readonly DefaultViewSpec[]>> = {
  practitioner: [{ view: 'summary' }, { view: 'diary', limit: 5 }],
  system: [{ view: 'summary' }, { view: 'diary', limit: 5 }],
  individual: [
    { view: 'diary' },
    { view: 'carePlans' },
    { view: 'careTeam' },
    { view: 'timeline', limit: 10 },
  ],
  carer: [{ view: 'diary' }, { view: 'careTeam' }, { view: 'carePlans' }, { view: 'summary' }],
};

/** The default views of `role`; none for a role that does not read the record. */
export function defaultViewsFor(role: string): readonly DefaultViewSpec[] {
  return DEFAULT_VIEWS[role] ?? [];
}

/**
 * Whether the decision grants a whole part: always under a plain permit or a filter without a
 * list of parts; otherwise only a listed part (a carer's delegation). Asked of the decision itself,
 * not of `isVisible`, so that an objection's organisation rule does not hide a whole view.
 */
export function isPartGranted(access: Pick<PermittedAccess, 'decision'>, part: RecordPart): boolean {
  const { decision } = access;
  if (decision.effect === 'permit') return true;
  return decision.filter.onlyParts === undefined || decision.filter.onlyParts.includes(part);
}
