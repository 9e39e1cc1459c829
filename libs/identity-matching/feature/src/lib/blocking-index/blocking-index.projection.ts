import { blockingKeys, type Demographics, type LocalRecordEvent } from '@ilinks/identity-matching/domain';
import type { Projection, ProjectionEvent } from '@ilinks/platform/read-models';
import { createHash } from 'node:crypto';

/** One blocking key of one record: the pair a candidate lookup finds records by. */
export type BlockingEntry = {
  /** A hash of the key: the index holds no NHS number, birth date or postcode in clear. */
  keyHash: string;
  localRecordId: string;
};

type Event = ProjectionEvent<LocalRecordEvent['type'], LocalRecordEvent['data']>;

/** The hashed form of a blocking key, as stored and looked up. */
export function blockingKeyHash(key: string): string {
  return createHash('sha256').update(key).digest('base64url').slice(0, 27);
}

export const blockingEntryId = (keyHash: string, localRecordId: string): string =>
  `${keyHash}|${localRecordId}`;

/** Entry ids per demographics object: an event's entries are evolved one by one, its keys computed once. */
const entryIdsOf = new WeakMap<Demographics, { readonly localRecordId: string; readonly ids: string[] }>();

function entryIds(demographics: Demographics, localRecordId: string): string[] {
  const cached = entryIdsOf.get(demographics);
  if (cached?.localRecordId === localRecordId) return cached.ids;
  const ids = blockingKeys(demographics).map((key) => blockingEntryId(blockingKeyHash(key), localRecordId));
  entryIdsOf.set(demographics, { localRecordId, ids });
  return ids;
}

/**
 * The blocking index: a document per (key, record), so a new record is compared only with the
 * records that share one of its keys. An update drops the keys the record no longer has.
 */
export const blockingIndexProjection: Projection<BlockingEntry, Event> = {
  collection: { name: 'blocking_index_v1', indexes: [{ fields: ['keyHash'] }] },
  handles: ['LocalRecordRegistered', 'LocalRecordDemographicsUpdated'],
  documentId(event) {
    const { type, data } = event as LocalRecordEvent;
    switch (type) {
      case 'LocalRecordRegistered':
        return entryIds(data.demographics, data.localRecordId);
      case 'LocalRecordDemographicsUpdated':
        return [
          ...new Set([
            ...entryIds(data.previousDemographics, data.localRecordId),
            ...entryIds(data.demographics, data.localRecordId),
          ]),
        ];
      case 'MatchDecisionRecorded':
        return undefined;
    }
  },
  evolve(_doc, event, id) {
    const { type, data } = event as LocalRecordEvent;
    if (type !== 'LocalRecordRegistered' && type !== 'LocalRecordDemographicsUpdated') return null;
    const current = new Set(entryIds(data.demographics, data.localRecordId));
    if (!current.has(id)) return null;
    return { keyHash: id.slice(0, id.indexOf('|')), localRecordId: data.localRecordId };
  },
};
