import {
  type ConsentEvent,
  type ConsentItem,
  consentDecider,
  initialConsentState,
} from '@ilinks/consent/domain';
import type { Json, Projection, ProjectionEvent } from '@ilinks/platform/read-models';

/** One consent item (objection, agreement, delegation) and the person it is about. */
export type ConsentDocument = {
  consentId: string;
  personId: string;
  item: Json;
};

type Event = ProjectionEvent<ConsentEvent['type'], ConsentEvent['data']>;

export const consentItemOf = (doc: ConsentDocument): ConsentItem => doc.item as unknown as ConsentItem;

const CONSENT_ITEM_EVENTS = [
  'ObjectionRecorded',
  'CategorySharingAgreed',
  'DelegationGranted',
  'ConsentWithdrawn',
] as const;

/**
 * `consents_v1`: consent id → the person and the item, for reads by id and per person (the
 * withdraw route finds the person's stream through it). Each item is folded with the decider's own
 * `evolve`, so the view and the command side cannot disagree.
 */
export const consentsProjection: Projection<ConsentDocument, Event> = {
  collection: { name: 'consents_v1', indexes: [{ fields: ['personId'] }] },
  handles: [...CONSENT_ITEM_EVENTS],
  documentId: (event) => (event.data as { consentId: string }).consentId,
  evolve(doc, event) {
    const consentEvent = event as ConsentEvent;
    const consentId = (consentEvent.data as { consentId: string }).consentId;
    const before = initialConsentState();
    const state = consentDecider.evolve(
      doc ? { ...before, items: { [consentId]: consentItemOf(doc) } } : before,
      consentEvent,
    );
    const item = state.items[consentId];
    if (item === undefined) return doc ?? null;
    return { consentId, personId: consentEvent.data.personId, item: item as unknown as Json };
  },
};
