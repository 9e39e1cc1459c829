import { PERSON_SUBJECT_SYSTEM, type RecordEntryV1 } from '@ilinks/record-projection/contracts';
import type { LocalRecordIndexEntry } from '../on-local-record-registered/local-record-index.projection';
import { type EntryDocument, entryOf } from '../entries-view/entries.projection';

/** What a person read may narrow to. */
export interface PersonEntriesFilter {
  readonly resourceType?: string;
  readonly part?: string;
  readonly includeEnteredInError: boolean;
}

/** A local record of the person and the entries found under its subject identifier. */
export interface RecordEntries {
  readonly localRecord: Pick<LocalRecordIndexEntry, 'organisation'>;
  readonly entries: readonly EntryDocument[];
}

/** The instant an entry is ordered by: when it happened clinically, else when it was recorded. */
const orderingInstant = (entry: EntryDocument): number =>
  Date.parse(entry.effectiveAt ?? entry.recordedAt) || 0;

/** Only what the person contributed themselves counts under their person id. */
const isOwnContribution = (entry: EntryDocument): boolean =>
  entry.subject.system === PERSON_SUBJECT_SYSTEM &&
  entry.patientContributed === true &&
  entry.recordedBy.role === 'individual';

/**
 * A person's entries from their local records: only the entries the record's own organisation
 * sent (a partner cannot attach items to another organisation's patient); and the person's own
 * contributions (found under their person ids): filtered, without entered-in-error unless asked,
 * newest first (ties by entry id, so the order is stable).
 */
export function selectPersonEntries(
  records: readonly RecordEntries[],
  filter: PersonEntriesFilter,
  contributions: readonly EntryDocument[] = [],
): RecordEntryV1[] {
  const byId = new Map<string, EntryDocument>();
  const matches = (entry: EntryDocument): boolean =>
    (filter.resourceType === undefined || entry.resourceType === filter.resourceType) &&
    (filter.part === undefined || entry.part === filter.part) &&
    (filter.includeEnteredInError || entry.status !== 'entered-in-error');
  for (const { localRecord, entries } of records) {
    for (const entry of entries) {
      if (entry.organisation === localRecord.organisation && matches(entry)) byId.set(entry.entryId, entry);
    }
  }
  for (const entry of contributions) {
    if (isOwnContribution(entry) && matches(entry)) byId.set(entry.entryId, entry);
  }
  // Each entry's instant is parsed once, not at every comparison.
  return [...byId.values()]
    .map((entry) => ({ entry, instant: orderingInstant(entry) }))
    .sort(
      (a, b) =>
        b.instant - a.instant ||
        (a.entry.entryId < b.entry.entryId ? -1 : a.entry.entryId > b.entry.entryId ? 1 : 0),
    )
    .map(({ entry }) => entryOf(entry));
}
