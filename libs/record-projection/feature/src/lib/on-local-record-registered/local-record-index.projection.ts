import type { LocalRecordRegisteredV1 } from '@ilinks/identity-matching/contracts';
import type { Projection, ProjectionEvent } from '@ilinks/platform/read-models';

/**
 * The record service's own copy of which partner records exist: what lets it attach an item a
 * partner sends (by its own patient identifier) to the right local record, and later the person.
 */
export type LocalRecordIndexEntry = {
  localRecordId: string;
  organisation: string;
  identifierSystem: string;
  identifierValue: string;
  registeredAt: string;
};

type Event = ProjectionEvent<'ilinks.identity.local-record-registered.v1', LocalRecordRegisteredV1>;

export const localRecordIndexProjection: Projection<LocalRecordIndexEntry, Event> = {
  collection: {
    name: 'local_record_index_v1',
    indexes: [
      { fields: ['identifierSystem', 'identifierValue'], unique: true },
      { fields: ['organisation'] },
    ],
  },
  handles: ['ilinks.identity.local-record-registered.v1'],
  documentId: (event) => event.data.localRecordId,
  evolve: (_doc, { data }) => ({
    localRecordId: data.localRecordId,
    organisation: data.organisation,
    identifierSystem: data.identifier.system,
    identifierValue: data.identifier.value,
    registeredAt: data.registeredAt,
  }),
};
