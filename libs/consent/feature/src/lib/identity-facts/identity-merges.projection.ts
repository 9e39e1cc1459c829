import {
  type PersonsMergedV1,
  PersonsMergedV1Event,
  type PersonsMergeUndoneV1,
  PersonsMergeUndoneV1Event,
} from '@ilinks/identity-matching/contracts';
import type { Projection, ProjectionEvent } from '@ilinks/platform/read-models';

/** A person merged into another (the survivor) and by which merge. */
export type IdentityMerge = {
  mergedPersonId: string;
  survivorId: string;
  mergeId: string;
};

type Event =
  | ProjectionEvent<typeof PersonsMergedV1Event.type, PersonsMergedV1>
  | ProjectionEvent<typeof PersonsMergeUndoneV1Event.type, PersonsMergeUndoneV1>;

/**
 * `identity_merges_v1`: merged person → survivor, gone again when the merge is undone. The
 * survivor's access policy takes in the consent streams of everyone merged into it.
 */
export const identityMergesProjection: Projection<IdentityMerge, Event> = {
  collection: { name: 'identity_merges_v1', indexes: [{ fields: ['survivorId'] }] },
  handles: [PersonsMergedV1Event.type, PersonsMergeUndoneV1Event.type],
  documentId: (event) => event.data.mergedPersonId,
  evolve(doc, event) {
    switch (event.type) {
      case PersonsMergedV1Event.type:
        return {
          mergedPersonId: event.data.mergedPersonId,
          survivorId: event.data.personId,
          mergeId: event.data.mergeId,
        };
      case PersonsMergeUndoneV1Event.type:
        // Only the merge being undone: a later merge of the same person stays.
        return doc && doc.mergeId !== event.data.mergeId ? doc : null;
    }
  },
};
