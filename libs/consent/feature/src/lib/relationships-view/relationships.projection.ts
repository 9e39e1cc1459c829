import {
  type ConsentEvent,
  consentDecider,
  initialConsentState,
  type RecordedRelationship,
} from '@ilinks/consent/domain';
import type { Json, Projection, ProjectionEvent } from '@ilinks/platform/read-models';

/** One care relationship and the person it is with. */
export type RelationshipDocument = {
  relationshipId: string;
  personId: string;
  relationship: Json;
};

type Event = ProjectionEvent<ConsentEvent['type'], ConsentEvent['data']>;

export const relationshipOf = (doc: RelationshipDocument): RecordedRelationship =>
  doc.relationship as unknown as RecordedRelationship;

/** `relationships_v1`: relationship id → the person (the end route finds the person's stream through it). */
export const relationshipsProjection: Projection<RelationshipDocument, Event> = {
  collection: { name: 'relationships_v1', indexes: [{ fields: ['personId'] }] },
  handles: ['CareRelationshipStarted', 'CareRelationshipEnded'],
  documentId: (event) => (event.data as { relationshipId: string }).relationshipId,
  evolve(doc, event) {
    const consentEvent = event as ConsentEvent;
    const relationshipId = (consentEvent.data as { relationshipId: string }).relationshipId;
    const before = initialConsentState();
    const state = consentDecider.evolve(
      doc ? { ...before, relationships: { [relationshipId]: relationshipOf(doc) } } : before,
      consentEvent,
    );
    const relationship = state.relationships[relationshipId];
    if (relationship === undefined) return doc ?? null;
    return {
      relationshipId,
      personId: consentEvent.data.personId,
      relationship: relationship as unknown as Json,
    };
  },
};
