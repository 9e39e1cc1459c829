import type {
  LocalRecordPersonChangedV1,
  LocalRecordRegisteredV1,
} from '@ilinks/identity-matching/contracts';
import type { Projection, ProjectionEvent } from '@ilinks/platform/read-models';

/**
 * The record service's own copy of which partner records exist and which person each belongs to
 * now: what lets it attach an item a partner sends (by its own patient identifier) to the right
 * local record, and re-key its person views when identity links, unlinks, merges or unmerges.
 */
export type LocalRecordIndexEntry = {
  localRecordId: string;
  organisation: string;
  identifierSystem: string;
  identifierValue: string;
  registeredAt: string;
  /** Null until identity has linked the record (and briefly after an unlink). */
  personId: string | null;
};

type Event =
  | ProjectionEvent<'ilinks.identity.local-record-registered.v1', LocalRecordRegisteredV1>
  | ProjectionEvent<'ilinks.identity.local-record-person-changed.v1', LocalRecordPersonChangedV1>;

export const localRecordIndexProjection: Projection<LocalRecordIndexEntry, Event> = {
  collection: {
    name: 'local_record_index_v1',
    indexes: [
      { fields: ['identifierSystem', 'identifierValue'], unique: true },
      { fields: ['organisation'] },
      { fields: ['personId'] },
    ],
  },
  handles: ['ilinks.identity.local-record-registered.v1', 'ilinks.identity.local-record-person-changed.v1'],
  documentId: (event) => event.data.localRecordId,
  evolve(doc, event) {
    switch (event.type) {
      case 'ilinks.identity.local-record-registered.v1': {
        const { data } = event;
        return {
          localRecordId: data.localRecordId,
          organisation: data.organisation,
          identifierSystem: data.identifier.system,
          identifierValue: data.identifier.value,
          registeredAt: data.registeredAt,
          personId: doc?.personId ?? null,
        };
      }
      case 'ilinks.identity.local-record-person-changed.v1':
        // Both events are keyed by the record, so registration arrives first; keep the fact if not.
        return doc ? { ...doc, personId: event.data.personId } : null;
    }
  },
};
