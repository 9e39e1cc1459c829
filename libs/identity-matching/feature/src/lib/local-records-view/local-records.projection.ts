import type { LocalRecordEvent } from '@ilinks/identity-matching/domain';
import type { Projection, ProjectionEvent } from '@ilinks/platform/read-models';

/** One partner record as the identity service looks it up: by its identifier or by NHS number. */
export type LocalRecordView = {
  localRecordId: string;
  organisation: string;
  identifierSystem: string;
  identifierValue: string;
  nhsNumber: string | null;
  familyNames: string[];
  givenNames: string[];
  birthDate: string;
  gender: string;
  postcodes: string[];
  registeredAt: string;
  updatedAt: string;
};

type Event = ProjectionEvent<LocalRecordEvent['type'], LocalRecordEvent['data']>;

function demographicsFields(
  demographics: Extract<LocalRecordEvent, { type: 'LocalRecordRegistered' }>['data']['demographics'],
) {
  return {
    nhsNumber: demographics.nhsNumber ?? null,
    familyNames: demographics.names.map((name) => name.family),
    givenNames: demographics.names.flatMap((name) => [...name.given]),
    birthDate: demographics.birthDate,
    gender: demographics.gender,
    postcodes: demographics.addresses.flatMap((address) => (address.postcode ? [address.postcode] : [])),
  };
}

export const localRecordsProjection: Projection<LocalRecordView, Event> = {
  collection: {
    name: 'local_records_v1',
    indexes: [
      { fields: ['identifierSystem', 'identifierValue'], unique: true },
      { fields: ['nhsNumber'] },
      { fields: ['organisation'] },
    ],
  },
  handles: ['LocalRecordRegistered', 'LocalRecordDemographicsUpdated'],
  documentId: (event) => event.data.localRecordId,
  evolve(doc, event) {
    const { type, data } = event as LocalRecordEvent;
    switch (type) {
      case 'LocalRecordRegistered':
        return {
          localRecordId: data.localRecordId,
          organisation: data.organisation,
          identifierSystem: data.identifier.system,
          identifierValue: data.identifier.value,
          ...demographicsFields(data.demographics),
          registeredAt: data.registeredAt,
          updatedAt: data.registeredAt,
        };
      case 'LocalRecordDemographicsUpdated':
        // An update never arrives before its registration on the same stream; keep the fact if it did.
        return doc ? { ...doc, ...demographicsFields(data.demographics), updatedAt: data.updatedAt } : null;
    }
  },
};
