import { ValidationError } from '@ilinks/shared/kernel';
import { DeciderSpecification } from '@ilinks/shared/testing';
import {
  type AnnotateEntry,
  type EntryAnnotated,
  entryAnnotationsDecider,
} from './entry-annotations.decider';
import { annotationIdFor, annotationsStream } from './sharing.stream';

const now = new Date('2026-11-26T10:00:00Z');
const entryId = '0c9f6a4e-1b2c-5d3e-8f40-123456789abc';
const author = { subject: 'dr-jones', role: 'practitioner' };

function annotate(text = 'Seen in clinic, stable.', idempotencyKey = 'key-00001'): AnnotateEntry {
  return {
    type: 'AnnotateEntry',
    data: { entryId, organisation: 'RBS', author, text },
    metadata: { idempotencyKey, now },
  };
}

const annotated: EntryAnnotated = {
  type: 'EntryAnnotated',
  data: {
    annotationId: annotationIdFor(entryId, 'RBS', 'key-00001'),
    entryId,
    organisation: 'RBS',
    author,
    text: 'Seen in clinic, stable.',
    annotatedAt: now.toISOString(),
  },
};

const spec = DeciderSpecification.for(entryAnnotationsDecider);

describe('annotation ids and streams', () => {
  it('are the same for the same entry, organisation and key', () => {
    expect(annotationIdFor(entryId, 'RBS', 'k1')).toBe(annotationIdFor(entryId, 'RBS', 'k1'));
  });

  it('differ by key and by organisation', () => {
    expect(annotationIdFor(entryId, 'RBS', 'k1')).not.toBe(annotationIdFor(entryId, 'RBS', 'k2'));
    expect(annotationIdFor(entryId, 'RBS', 'k1')).not.toBe(annotationIdFor(entryId, 'Y12345', 'k1'));
  });

  it('name a stream under the record prefix', () => {
    expect(annotationsStream(entryId)).toBe(`record.annotations-${entryId}`);
  });
});

describe('AnnotateEntry', () => {
  it('records the annotation', () => {
    spec.when(annotate()).then([annotated]);
  });

  it('trims the text', () => {
    spec.when(annotate('  Seen in clinic, stable.\n')).then([annotated]);
  });

  it('adds a second annotation under another key', () => {
    spec
      .given([annotated])
      .when(annotate('Reviewed again.', 'key-00002'))
      .then([
        {
          type: 'EntryAnnotated',
          data: {
            ...annotated.data,
            annotationId: annotationIdFor(entryId, 'RBS', 'key-00002'),
            text: 'Reviewed again.',
          },
        },
      ]);
  });

  it('stays quiet when the same request is retried', () => {
    spec.given([annotated]).when(annotate()).thenNothing();
  });

  it('refuses an empty text', () => {
    spec.when(annotate('   ')).thenThrows(ValidationError, 'the annotation is not valid');
  });

  it('accepts 2000 characters and refuses 2001', () => {
    spec
      .when(annotate('a'.repeat(2000)))
      .then([{ ...annotated, data: { ...annotated.data, text: 'a'.repeat(2000) } }]);
    spec.when(annotate('a'.repeat(2001))).thenThrows(ValidationError);
  });
});
