import { applyToReadModel, SqliteReadModelStore } from '@ilinks/platform/read-models';
import {
  type AnnotationDocument,
  annotationOf,
  entryAnnotationsProjection,
} from './entry-annotations.projection';

const annotationId = '2b3c4d5e-6f70-5a81-9b2c-3d4e5f6a7b8c';
const entryId = '0c9f6a4e-1b2c-5d3e-8f40-123456789abc';
const annotated: Parameters<typeof entryAnnotationsProjection.evolve>[1] = {
  type: 'EntryAnnotated',
  data: {
    annotationId,
    entryId,
    organisation: 'RBS',
    author: { subject: 'dr-jones', role: 'practitioner' },
    text: 'Seen in clinic.',
    annotatedAt: '2026-11-26T10:00:00.000Z',
  },
  source: `record.annotations-${entryId}`,
  version: 0,
};

describe('entryAnnotationsProjection', () => {
  it('keeps one document per annotation, served as recorded', () => {
    const doc = entryAnnotationsProjection.evolve(undefined, annotated, annotationId) as AnnotationDocument;
    expect(entryAnnotationsProjection.documentId(annotated)).toBe(annotationId);
    expect(annotationOf(doc)).toEqual(annotated.data);
  });

  it('is the same after a replay', async () => {
    const store = new SqliteReadModelStore({ filename: ':memory:' });
    const collection = await store.collection<AnnotationDocument>(entryAnnotationsProjection.collection);
    await applyToReadModel(collection, entryAnnotationsProjection, annotated);
    const once = await collection.get(annotationId);
    expect(await applyToReadModel(collection, entryAnnotationsProjection, annotated)).toBe('stale');
    expect(await collection.get(annotationId)).toEqual(once);
    await store.close();
  });
});
