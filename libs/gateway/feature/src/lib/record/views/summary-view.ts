import type { RecordEntryV1 } from '@ilinks/record-projection/contracts';
import { fhirDateRange } from '../read/fhir-date-range';
import {
  type DerivedView,
  type ViewItem,
  isCurrent,
  newestFirst,
  objectAt,
  statusCodeAt,
  viewItemOf,
} from './view-item';

/** One item of the summary: the common fields and the status that put it there. */
export interface SummaryItem extends ViewItem {
  readonly status?: string;
}

/** The clinical lists of the summary, each newest first. */
export interface SummaryLists {
  readonly allergies: readonly SummaryItem[];
  readonly medications: readonly SummaryItem[];
  readonly problems: readonly SummaryItem[];
  readonly alerts: readonly SummaryItem[];
  readonly preferences: readonly SummaryItem[];
}

const CURRENT_MEDICATION_STATUSES = new Set(['active', 'intended', 'on-hold']);
const ACTIVE_PROBLEM_STATUSES = new Set(['active', 'recurrence', 'relapse']);

/** Whether the summary would show the entry, were it the only one: the candidates to sift. */
export function isSummaryItem(entry: RecordEntryV1, now: Date): boolean {
  return (
    isCurrent(entry) &&
    (entry.part === 'preferences' ||
      isCurrentAllergy(entry) ||
      isCurrentMedication(entry) ||
      isActiveProblem(entry) ||
      isCurrentAlert(entry, now))
  );
}

/** An allergy still held: clinical status active or not given, and not refuted. */
export function isCurrentAllergy(entry: RecordEntryV1): boolean {
  if (entry.resourceType !== 'AllergyIntolerance') return false;
  const clinical = statusCodeAt(entry.resource, 'clinicalStatus');
  const verification = statusCodeAt(entry.resource, 'verificationStatus');
  return (clinical === undefined || clinical === 'active') && verification !== 'refuted';
}

/** A medication taken now or about to be: `active`, `intended` or `on-hold`. */
export function isCurrentMedication(entry: RecordEntryV1): boolean {
  const status = statusCodeAt(entry.resource, 'status');
  return (
    entry.resourceType === 'MedicationStatement' &&
    status !== undefined &&
    CURRENT_MEDICATION_STATUSES.has(status)
  );
}

/** A Condition whose clinical status is `active`, `recurrence` or `relapse`. */
export function isActiveProblem(entry: RecordEntryV1): boolean {
  const status = statusCodeAt(entry.resource, 'clinicalStatus');
  return entry.resourceType === 'Condition' && status !== undefined && ACTIVE_PROBLEM_STATUSES.has(status);
}

/** An active Flag whose period (when given) covers `now`. */
export function isCurrentAlert(entry: RecordEntryV1, now: Date): boolean {
  if (entry.resourceType !== 'Flag' || statusCodeAt(entry.resource, 'status') !== 'active') return false;
  const period = objectAt(entry.resource, 'period');
  const start = typeof period?.['start'] === 'string' ? fhirDateRange(period['start']) : undefined;
  const end = typeof period?.['end'] === 'string' ? fhirDateRange(period['end']) : undefined;
  const at = now.getTime();
  return (start === undefined || start.start <= at) && (end === undefined || at < end.end);
}

/** The newest entry of each code among the preferences (a later DNACPR decision replaces an earlier one). */
export function latestPreferences(entries: readonly RecordEntryV1[]): RecordEntryV1[] {
  const seen = new Set<string>();
  const latest: RecordEntryV1[] = [];
  for (const entry of [...entries].sort(newestFirst)) {
    if (entry.part !== 'preferences') continue;
    const key = preferenceKeyOf(entry);
    if (seen.has(key)) continue;
    seen.add(key);
    latest.push(entry);
  }
  return latest;
}

/** Its first coding (system and code); an uncoded preference stands alone. */
function preferenceKeyOf(entry: RecordEntryV1): string {
  const coding = entry.codes.find((item) => item.code !== undefined);
  return coding === undefined ? `entry:${entry.entryId}` : `${coding.system ?? ''}|${coding.code ?? ''}`;
}

/** The summary's lists from the entries the caller may see, each newest first. */
export function summaryLists(visible: readonly RecordEntryV1[], now: Date): DerivedView<SummaryLists> {
  const current = visible.filter(isCurrent).sort(newestFirst);
  const clinical = current.filter((entry) => entry.part !== 'preferences');
  const lists = {
    allergies: clinical.filter(isCurrentAllergy),
    medications: clinical.filter(isCurrentMedication),
    problems: clinical.filter(isActiveProblem),
    alerts: clinical.filter((entry) => isCurrentAlert(entry, now)),
    preferences: latestPreferences(current),
  };
  return {
    view: {
      allergies: lists.allergies.map((entry) => summaryItemOf(entry, 'clinicalStatus')),
      medications: lists.medications.map((entry) => summaryItemOf(entry, 'status')),
      problems: lists.problems.map((entry) => summaryItemOf(entry, 'clinicalStatus')),
      alerts: lists.alerts.map((entry) => summaryItemOf(entry, 'status')),
      preferences: lists.preferences.map((entry) => summaryItemOf(entry, 'status')),
    },
    returned: Object.values(lists).flat(),
  };
}

function summaryItemOf(entry: RecordEntryV1, statusElement: string): SummaryItem {
  const status = statusCodeAt(entry.resource, statusElement);
  return { ...viewItemOf(entry), ...(status === undefined ? {} : { status }) };
}
