import {
  type LocalRecordPersonChangedV1,
  LocalRecordPersonChangedV1Event,
  type LocalRecordRegisteredV1,
  LocalRecordRegisteredV1Event,
} from '@ilinks/identity-matching/contracts';
import type { Projection, ProjectionEvent } from '@ilinks/platform/read-models';

/** A partner record identity told us about: who holds it, since when, and whose it is now. */
export type IdentityLocalRecord = {
  localRecordId: string;
  organisation: string;
  since: string;
  /** Null until identity links it (and between an unlink and its new person). */
  personId: string | null;
};

type Event =
  | ProjectionEvent<typeof LocalRecordRegisteredV1Event.type, LocalRecordRegisteredV1>
  | ProjectionEvent<typeof LocalRecordPersonChangedV1Event.type, LocalRecordPersonChangedV1>;

/**
 * `identity_local_records_v1`: which organisations hold a record for which person — each one has a
 * `holds-local-record` care relationship. Re-keyed record by record as identity links, unlinks,
 * merges and unmerges.
 */
export const identityLocalRecordsProjection: Projection<IdentityLocalRecord, Event> = {
  collection: { name: 'identity_local_records_v1', indexes: [{ fields: ['personId'] }] },
  handles: [LocalRecordRegisteredV1Event.type, LocalRecordPersonChangedV1Event.type],
  documentId: (event) => event.data.localRecordId,
  evolve(doc, event) {
    switch (event.type) {
      case LocalRecordRegisteredV1Event.type:
        return {
          localRecordId: event.data.localRecordId,
          organisation: event.data.organisation,
          since: event.data.registeredAt,
          personId: doc?.personId ?? null,
        };
      case LocalRecordPersonChangedV1Event.type:
        // Both are keyed by the record, so its registration comes first; without it there is no holder to keep.
        return doc ? { ...doc, personId: event.data.personId } : null;
    }
  },
};
