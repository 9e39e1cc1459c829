import type { DenyReason, ItemFilter, ResourceLabel } from './access.types';

/**
 * Why `filter` hides `item`, or `undefined` when the item passes. Rules, checked in this order:
 * 1. `onlyParts`: an item of another part is hidden (`part-not-delegated`);
 * 2. `excludeNotForPatientView`: an item a clinician marked not for patient view is hidden;
 * 3. `onlyFromOrganisations` (an objection): an item recorded by another organisation is hidden;
 * 4. `sealedCategories`: an item in any of them is hidden unless `sealedVisibleTo` recorded it.
 *
 * Patient-contributed items are never hidden by rules 3 and 4: the person's own words are theirs to
 * share. An item without an `organisation` counts as recorded by nobody, so rules 3 and 4 hide it
 * (fail closed: we cannot show that the caller's organisation recorded it). An absent
 * `sealedVisibleTo` means no organisation may see sealed items.
 */
export function hiddenBecause(filter: ItemFilter, item: ResourceLabel): DenyReason | undefined {
  if (filter.onlyParts !== undefined && !filter.onlyParts.includes(item.part)) return 'part-not-delegated';
  if (filter.excludeNotForPatientView === true && item.notForPatientView === true)
    return 'not-for-patient-view';
  if (item.patientContributed === true) return undefined;
  if (filter.onlyFromOrganisations !== undefined && !isRecordedByOneOf(item, filter.onlyFromOrganisations)) {
    return 'objection';
  }
  if (isSealedFromCaller(filter, item)) return 'sealed-category';
  return undefined;
}

/** Whether `item` passes `filter` (see {@link hiddenBecause} for the rules). */
export function isItemVisible(filter: ItemFilter, item: ResourceLabel): boolean {
  return hiddenBecause(filter, item) === undefined;
}

function isRecordedByOneOf(item: ResourceLabel, organisations: readonly string[]): boolean {
  return item.organisation !== undefined && organisations.includes(item.organisation);
}

function isSealedFromCaller(filter: ItemFilter, item: ResourceLabel): boolean {
  const sealed = filter.sealedCategories;
  if (sealed === undefined || item.categories === undefined || item.categories.length === 0) return false;
  const recordedByViewer =
    filter.sealedVisibleTo !== undefined && item.organisation === filter.sealedVisibleTo;
  if (recordedByViewer) return false;
  return item.categories.some((category) => sealed.includes(category));
}
