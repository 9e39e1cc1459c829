import type {
  EntryVersion,
  RecordEntryEnteredInError,
  RecordEntryRecorded,
  RecordEntryRevised,
} from '@ilinks/record-projection/domain';
import type { RecordEntryV1 } from '@ilinks/record-projection/contracts';
import type { Json, Projection, ProjectionEvent } from '@ilinks/platform/read-models';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** One document per entry: its current version as the API serves it, plus the key persons are read by. */
export type EntryDocument = {
  entryId: string;
  revision: number;
  organisation: string;
  recordedBy: { subject: string; role: string };
  resourceType: string;
  partnerId: string;
  subject: { system: string; value: string };
  part: string;
  status: 'current' | 'entered-in-error';
  effectiveAt?: string;
  recordedAt: string;
  lastUpdated: string;
  codes: { system?: string; code?: string; display?: string }[];
  unknownCodeSystems: boolean;
  notForPatientView?: boolean;
  patientContributed?: boolean;
  resource: { [key: string]: Json };
  /** `${subject.system}|${subject.value}`: how a local record finds its entries. */
  subjectKey: string;
};

type Event =
  | ProjectionEvent<'RecordEntryRecorded', RecordEntryRecorded['data']>
  | ProjectionEvent<'RecordEntryRevised', RecordEntryRevised['data']>
  | ProjectionEvent<'RecordEntryEnteredInError', RecordEntryEnteredInError['data']>;

/** The key of a partner's patient identifier, as `local_record_index_v1` holds it split. */
export const subjectKeyOf = (subject: { system: string; value: string }): string =>
  `${subject.system}|${subject.value}`;

function documentOf(version: EntryVersion): EntryDocument {
  return {
    entryId: version.entryId,
    revision: version.revision,
    organisation: version.organisation,
    recordedBy: { ...version.recordedBy },
    resourceType: version.resourceType,
    partnerId: version.partnerId,
    subject: { ...version.subject },
    part: version.part,
    status: 'current',
    ...(version.effectiveAt === undefined ? {} : { effectiveAt: version.effectiveAt }),
    recordedAt: version.recordedAt,
    lastUpdated: version.changedAt,
    codes: version.codes.map((coding) => ({ ...coding })),
    unknownCodeSystems: version.unknownCodeSystems,
    ...(version.notForPatientView === undefined ? {} : { notForPatientView: version.notForPatientView }),
    ...(version.patientContributed === undefined ? {} : { patientContributed: version.patientContributed }),
    // Recorded events hold JSON: what the gateway sent, as parsed.
    resource: version.resource as { [key: string]: Json },
    subjectKey: subjectKeyOf(version.subject),
  };
}

/** The entry as the API returns it (without the view's own lookup key). */
export function entryOf(document: EntryDocument): RecordEntryV1 {
  const { subjectKey: _subjectKey, ...entry } = document as Mutable<EntryDocument>;
  return entry;
}

/** `entries_v1`: every partner entry, current version, by id, by subject and by the partner's key. */
export const entriesProjection: Projection<EntryDocument, Event> = {
  collection: {
    name: 'entries_v1',
    indexes: [
      { fields: ['subjectKey'] },
      { fields: ['subjectKey', 'resourceType'] },
      { fields: ['organisation', 'resourceType', 'partnerId'], unique: true },
    ],
  },
  handles: ['RecordEntryRecorded', 'RecordEntryRevised', 'RecordEntryEnteredInError'],
  documentId: (event) => event.data.entryId,
  evolve(doc, event) {
    switch (event.type) {
      case 'RecordEntryRecorded':
      case 'RecordEntryRevised':
        return documentOf(event.data);
      case 'RecordEntryEnteredInError':
        // The stream starts with a recording, so the document exists; keep the fact if not.
        return doc
          ? {
              ...doc,
              status: 'entered-in-error',
              revision: event.data.revision,
              lastUpdated: event.data.changedAt,
            }
          : null;
    }
  },
};
