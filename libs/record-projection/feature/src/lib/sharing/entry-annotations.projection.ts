import type { EntryAnnotated } from '@ilinks/record-projection/domain';
import type { EntryAnnotationV1 } from '@ilinks/record-projection/contracts';
import type { Projection, ProjectionEvent } from '@ilinks/platform/read-models';

/** One document per annotation, as the API serves it. */
export type AnnotationDocument = {
  annotationId: string;
  entryId: string;
  organisation: string;
  author: { subject: string; role: string };
  text: string;
  annotatedAt: string;
};

type Event = ProjectionEvent<'EntryAnnotated', EntryAnnotated['data']>;

/** The annotation as the API returns it. */
export function annotationOf(document: AnnotationDocument): EntryAnnotationV1 {
  return { ...document, author: { ...document.author } };
}

/** `entry_annotations_v1`: every annotation, by id and by entry (oldest first). */
export const entryAnnotationsProjection: Projection<AnnotationDocument, Event> = {
  collection: {
    name: 'entry_annotations_v1',
    indexes: [{ fields: ['entryId', 'annotatedAt'] }],
  },
  handles: ['EntryAnnotated'],
  documentId: (event) => event.data.annotationId,
  evolve(_doc, event) {
    const { data } = event;
    return {
      annotationId: data.annotationId,
      entryId: data.entryId,
      organisation: data.organisation,
      author: { subject: data.author.subject, role: data.author.role },
      text: data.text,
      annotatedAt: data.annotatedAt,
    };
  },
};
