import { type PersonEvent, type PersonState, personDecider } from '@ilinks/identity-matching/domain';
import type { Json, Projection, ProjectionEvent } from '@ilinks/platform/read-models';

/** A person as its events made it (the decider's own state), and when it last changed. */
export type PersonDocument = {
  personId: string;
  state: Json;
  updatedAt: string;
};

type Event = ProjectionEvent<PersonEvent['type'], PersonEvent['data']>;

export const personStateOf = (doc: PersonDocument | undefined): PersonState =>
  doc ? (doc.state as unknown as PersonState) : personDecider.initialState();

function changedAt(event: PersonEvent): string {
  switch (event.type) {
    case 'PersonRegistered':
      return event.data.registeredAt;
    case 'LocalRecordLinked':
      return event.data.linkedAt;
    case 'LocalRecordUnlinked':
      return event.data.unlinkedAt;
    case 'PersonMerged':
      return event.data.mergedAt;
    case 'PersonMergeUndone':
      return event.data.undoneAt;
    case 'PersonRetired':
      return event.data.retiredAt;
    case 'PersonRestored':
      return event.data.restoredAt;
  }
}

/**
 * The persons view folds each person's events with the decider's own `evolve`, so the view and the
 * command side can never disagree about who holds which record.
 */
export const personsProjection: Projection<PersonDocument, Event> = {
  collection: { name: 'persons_v1', indexes: [] },
  handles: [
    'PersonRegistered',
    'LocalRecordLinked',
    'LocalRecordUnlinked',
    'PersonMerged',
    'PersonMergeUndone',
    'PersonRetired',
    'PersonRestored',
  ],
  documentId: (event) => event.data.personId,
  evolve(doc, event) {
    const personEvent = event as PersonEvent;
    const state = personDecider.evolve(personStateOf(doc), personEvent);
    return {
      personId: personEvent.data.personId,
      state: state as unknown as Json,
      updatedAt: changedAt(personEvent),
    };
  },
};
