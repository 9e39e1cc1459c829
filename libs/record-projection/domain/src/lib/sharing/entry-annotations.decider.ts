import { type Command, type Decider, type DomainEvent, assertNever } from '@ilinks/shared/kernel';
import type { RecordedBy } from '../record-entry.types';
import { annotationIdFor } from './sharing.stream';
import { assertNoIssues, checkedText } from './sharing.rules';

/**
 * Adds a practitioner's note to an entry. That the entry exists and is current is checked by the
 * caller against the entries view (another stream), before the command is decided.
 */
export type AnnotateEntry = Command<
  'AnnotateEntry',
  {
    readonly entryId: string;
    /** ODS code of the annotating practitioner's organisation. */
    readonly organisation: string;
    readonly author: RecordedBy;
    /** 1–2000 characters once trimmed. */
    readonly text: string;
  }
>;

export type EntryAnnotationsCommand = AnnotateEntry;

/** One annotation as recorded. */
export interface EntryAnnotation {
  readonly annotationId: string;
  readonly entryId: string;
  readonly organisation: string;
  readonly author: RecordedBy;
  readonly text: string;
  readonly annotatedAt: string;
}

export type EntryAnnotated = DomainEvent<'EntryAnnotated', EntryAnnotation>;

export type EntryAnnotationsEvent = EntryAnnotated;

export interface EntryAnnotationsState {
  readonly annotationIds: ReadonlySet<string>;
}

function decideAnnotate(command: AnnotateEntry, state: EntryAnnotationsState): EntryAnnotationsEvent[] {
  const { entryId, organisation, author } = command.data;
  const annotationId = annotationIdFor(entryId, organisation, command.metadata.idempotencyKey);
  if (state.annotationIds.has(annotationId)) return [];
  const { text, issues } = checkedText('text', command.data.text);
  assertNoIssues('the annotation is not valid', issues);
  return [
    {
      type: 'EntryAnnotated',
      data: {
        annotationId,
        entryId,
        organisation,
        author: { subject: author.subject, role: author.role },
        text,
        annotatedAt: command.metadata.now.toISOString(),
      },
    },
  ];
}

/**
 * The annotations of one entry (stream `record.annotations-<entryId>`): each added once, its id
 * derived from the request's idempotency key, so a retry records nothing new. Annotations are
 * never changed or removed: a correction is another annotation.
 */
export const entryAnnotationsDecider: Decider<
  EntryAnnotationsCommand,
  EntryAnnotationsEvent,
  EntryAnnotationsState
> = {
  initialState: () => ({ annotationIds: new Set() }),
  decide(command, state) {
    switch (command.type) {
      case 'AnnotateEntry':
        return decideAnnotate(command, state);
      default:
        return assertNever(command.type);
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case 'EntryAnnotated':
        return { annotationIds: new Set([...state.annotationIds, event.data.annotationId]) };
      default:
        // An event type a newer version wrote: it changes nothing this version knows about.
        return state;
    }
  },
};
