import type { ResourceLabel } from '@ilinks/consent/domain';
import type { GoldenRecordV1, PersonViewV1 } from '@ilinks/identity-matching/contracts';

/** The label of one demographic value recorded by `organisation`. */
export function demographicsOf(organisation: string): ResourceLabel {
  return { part: 'demographics', organisation };
}

/** The request-level label of a Patient read, search or `$match`. */
export const DEMOGRAPHICS: ResourceLabel = { part: 'demographics' };

/** The organisations holding a record linked to the person, as identity's person view lists them. */
export function recordHoldersOf(person: Pick<PersonViewV1, 'localRecords'>): string[] {
  return [...new Set(person.localRecords.map((record) => record.organisation))];
}

/**
 * The person as the caller may see them. Each golden value and each linked record counts as an
 * item recorded by its organisation, so under an objection (only the caller's organisation's data)
 * the Patient shows only the values and identifiers the caller's organisation recorded; the id,
 * status and merge history stay, as they say nothing of what another organisation knows.
 */
export function visiblePersonView(
  person: PersonViewV1,
  isVisible: (item: ResourceLabel) => boolean,
): PersonViewV1 {
  const golden = Object.fromEntries(
    Object.entries(person.golden).filter(
      ([, sourced]) => sourced !== undefined && isVisible(demographicsOf(sourced.organisation)),
    ),
  ) as GoldenRecordV1;
  return {
    ...person,
    golden,
    localRecords: person.localRecords.filter((record) => isVisible(demographicsOf(record.organisation))),
  };
}
