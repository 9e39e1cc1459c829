import type { Demographics, LocalRecordEvent, PersonEvent } from '@ilinks/identity-matching/domain';
import { verifiedNhsNumber } from '@ilinks/identity-matching/domain';
import type { Json, Projection, ProjectionEvent } from '@ilinks/platform/read-models';

/**
 * One partner record as the identity service matches and shows it: the demographics as last sent,
 * and the person it belongs to now (re-keyed by links, unlinks, merges and their undoing).
 */
export type LocalRecordView = {
  localRecordId: string;
  organisation: string;
  identifierSystem: string;
  identifierValue: string;
  /** The valid (Modulus 11) NHS number the record holds, normalised; null when none. */
  nhsNumber: string | null;
  demographics: Json;
  /** Null until matching has linked the record, or between an unlink and its new person. */
  personId: string | null;
  registeredAt: string;
  updatedAt: string;
};

type Event = ProjectionEvent<
  LocalRecordEvent['type'] | PersonEvent['type'],
  LocalRecordEvent['data'] | PersonEvent['data']
>;
type AnyIdentityEvent = LocalRecordEvent | PersonEvent;

export const demographicsOf = (view: LocalRecordView): Demographics =>
  view.demographics as unknown as Demographics;

const asJson = (demographics: Demographics): Json => demographics as unknown as Json;

function linkedTo(doc: LocalRecordView | undefined, personId: string): LocalRecordView | null {
  return doc ? { ...doc, personId } : null;
}

export const localRecordsProjection: Projection<LocalRecordView, Event> = {
  collection: {
    name: 'local_records_v1',
    indexes: [
      { fields: ['identifierSystem', 'identifierValue'], unique: true },
      { fields: ['nhsNumber'] },
      { fields: ['organisation'] },
      { fields: ['personId'] },
    ],
  },
  handles: [
    'LocalRecordRegistered',
    'LocalRecordDemographicsUpdated',
    'PersonRegistered',
    'LocalRecordLinked',
    'LocalRecordUnlinked',
    'PersonMerged',
    'PersonMergeUndone',
  ],
  documentId(event) {
    const { type, data } = event as AnyIdentityEvent;
    switch (type) {
      case 'PersonMerged':
      case 'PersonMergeUndone':
        return data.localRecordIds;
      case 'PersonRetired':
      case 'PersonRestored':
      case 'MatchDecisionRecorded':
        return undefined;
      case 'LocalRecordRegistered':
      case 'LocalRecordDemographicsUpdated':
      case 'PersonRegistered':
      case 'LocalRecordLinked':
      case 'LocalRecordUnlinked':
        return data.localRecordId;
    }
  },
  evolve(doc, event) {
    const { type, data } = event as AnyIdentityEvent;
    switch (type) {
      case 'LocalRecordRegistered':
        return {
          localRecordId: data.localRecordId,
          organisation: data.organisation,
          identifierSystem: data.identifier.system,
          identifierValue: data.identifier.value,
          nhsNumber: verifiedNhsNumber(data.demographics) ?? null,
          demographics: asJson(data.demographics),
          personId: doc?.personId ?? null,
          registeredAt: data.registeredAt,
          updatedAt: data.registeredAt,
        };
      case 'LocalRecordDemographicsUpdated':
        return doc
          ? {
              ...doc,
              nhsNumber: verifiedNhsNumber(data.demographics) ?? null,
              demographics: asJson(data.demographics),
              updatedAt: data.updatedAt,
            }
          : null;
      case 'PersonRegistered':
      case 'LocalRecordLinked':
        return linkedTo(doc, data.personId);
      case 'LocalRecordUnlinked':
        // The record's new person arrives in a later event; until then it belongs to no one.
        return doc && doc.personId === data.personId ? { ...doc, personId: null } : (doc ?? null);
      case 'PersonMerged':
        return linkedTo(doc, data.personId);
      case 'PersonMergeUndone':
        return linkedTo(doc, data.mergedPersonId);
      case 'MatchDecisionRecorded':
      case 'PersonRetired':
      case 'PersonRestored':
        return doc ?? null;
    }
  },
};
