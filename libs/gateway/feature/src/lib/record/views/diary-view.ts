import type { RecordEntryV1 } from '@ilinks/record-projection/contracts';
import { fhirDateRange } from '../read/fhir-date-range';
import { conceptText, participantActorsOf } from './appointment-participants';
import { type DerivedView, type ViewItem, isCurrent, statusCodeAt, textAt, viewItemOf } from './view-item';

/** One future appointment: when, what, where, with whom, and which organisation booked it. */
export interface DiaryItem extends ViewItem {
  readonly start: string;
  readonly end?: string;
  readonly status?: string;
  readonly service?: string;
  /** ODS code of the organisation that holds the booking. */
  readonly organisation: string;
  readonly locations: readonly string[];
  readonly practitioners: readonly string[];
}

const NOT_HAPPENING = new Set(['cancelled', 'noshow', 'entered-in-error']);

/** When an Appointment starts (as an instant), or `undefined` when it names no start. */
export function appointmentStartOf(entry: RecordEntryV1): number | undefined {
  const start = textAt(entry.resource, 'start');
  return start === undefined ? undefined : fhirDateRange(start)?.start;
}

/** A current Appointment that starts after `now` and has not been cancelled or missed. */
export function isUpcoming(entry: RecordEntryV1, now: Date): boolean {
  if (entry.resourceType !== 'Appointment' || !isCurrent(entry)) return false;
  const status = statusCodeAt(entry.resource, 'status');
  const start = appointmentStartOf(entry);
  return (status === undefined || !NOT_HAPPENING.has(status)) && start !== undefined && start > now.getTime();
}

/** The future appointments among the visible entries, soonest first; at most `limit` when given. */
export function diaryOf(
  visible: readonly RecordEntryV1[],
  now: Date,
  limit?: number,
): DerivedView<DiaryItem[]> {
  const upcoming = visible
    .filter((entry) => isUpcoming(entry, now))
    .sort(
      (a, b) =>
        (appointmentStartOf(a) ?? 0) - (appointmentStartOf(b) ?? 0) ||
        (a.entryId < b.entryId ? -1 : a.entryId > b.entryId ? 1 : 0),
    );
  const returned = limit === undefined ? upcoming : upcoming.slice(0, limit);
  return { view: returned.map(diaryItemOf), returned };
}

function diaryItemOf(entry: RecordEntryV1): DiaryItem {
  const actors = participantActorsOf(entry);
  const namesOf = (kinds: readonly string[]): string[] =>
    actors.flatMap((actor) =>
      kinds.includes(actor.kind) && actor.display !== undefined ? [actor.display] : [],
    );
  const end = textAt(entry.resource, 'end');
  const status = statusCodeAt(entry.resource, 'status');
  const service =
    conceptText(entry.resource['serviceType']) ?? conceptText(entry.resource['appointmentType']);
  return {
    ...viewItemOf(entry),
    start: textAt(entry.resource, 'start') ?? '',
    ...(end === undefined ? {} : { end }),
    ...(status === undefined ? {} : { status }),
    ...(service === undefined ? {} : { service }),
    organisation: entry.organisation,
    locations: namesOf(['location']),
    practitioners: namesOf(['practitioner', 'service']),
  };
}
