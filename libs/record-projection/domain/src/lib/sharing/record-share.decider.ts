import {
  type Command,
  type Decider,
  type DomainEvent,
  ForbiddenError,
  type Issue,
  NotFoundError,
  assertNever,
} from '@ilinks/shared/kernel';
import type { RecordedBy } from '../record-entry.types';
import type { EntryAnnotation } from './entry-annotations.decider';
import { MAX_SHARED_ITEMS, ODS_CODE, assertNoIssues, checkedText } from './sharing.rules';

/** Who a share is for: an organisation, optionally one of its teams or practitioners. */
export interface ShareRecipient {
  readonly organisation: string;
  readonly team?: string;
  readonly practitioner?: string;
}

/** One shared item: a snapshot of what the sender saw, as a letter would carry it. */
export interface SharedItem {
  readonly entryId: string;
  readonly revision: number;
  readonly resourceType: string;
  readonly organisation: string;
  readonly resource: Readonly<Record<string, unknown>>;
  readonly annotations: readonly EntryAnnotation[];
}

/**
 * Sends selected items of a person's record, with a note, to a recipient. The caller (the gateway)
 * has already checked that the sender may see every item; the decider checks the share itself.
 */
export type ShareRecordItems = Command<
  'ShareRecordItems',
  {
    /** From {@link shareIdFor}: the stream is named by it before the command is decided. */
    readonly shareId: string;
    readonly personId: string;
    /** ODS code of the sender's organisation. */
    readonly organisation: string;
    readonly sharedBy: RecordedBy;
    readonly recipient: ShareRecipient;
    /** 1–2000 characters once trimmed. */
    readonly note: string;
    /** 1–100 items, no entry twice. */
    readonly items: readonly SharedItem[];
  }
>;

/** The recipient organisation has opened the share. */
export type MarkShareRead = Command<
  'MarkShareRead',
  {
    readonly shareId: string;
    /** The reader's organisation: must be the recipient organisation. */
    readonly organisation: string;
    readonly readBy: RecordedBy;
  }
>;

export type RecordShareCommand = ShareRecordItems | MarkShareRead;

export type RecordItemsShared = DomainEvent<
  'RecordItemsShared',
  {
    readonly shareId: string;
    readonly personId: string;
    readonly organisation: string;
    readonly sharedBy: RecordedBy;
    readonly recipient: ShareRecipient;
    readonly note: string;
    readonly items: readonly SharedItem[];
    readonly sharedAt: string;
  }
>;

export type RecordShareRead = DomainEvent<
  'RecordShareRead',
  {
    readonly shareId: string;
    readonly organisation: string;
    readonly readBy: RecordedBy;
    readonly readAt: string;
  }
>;

export type RecordShareEvent = RecordItemsShared | RecordShareRead;

export type RecordShareState =
  | { readonly status: 'empty' }
  | { readonly status: 'sent' | 'read'; readonly recipientOrganisation: string };

function recipientIssues(organisation: string, sharedBy: RecordedBy, recipient: ShareRecipient): Issue[] {
  if (!ODS_CODE.test(recipient.organisation)) {
    return [{ path: 'recipient.organisation', message: 'recipient.organisation must be an ODS code' }];
  }
  if (recipient.organisation !== organisation) return [];
  // Within one organisation a share is a hand-over to a named team or colleague; to the whole
  // organisation it would tell nobody anything they cannot already see.
  if (recipient.team === undefined && recipient.practitioner === undefined) {
    return [
      {
        path: 'recipient',
        message: "a share within the sender's own organisation must name a team or a practitioner",
      },
    ];
  }
  if (recipient.team === undefined && recipient.practitioner === sharedBy.subject) {
    return [{ path: 'recipient.practitioner', message: 'a practitioner cannot share with themselves' }];
  }
  return [];
}

function itemIssues(items: readonly SharedItem[]): Issue[] {
  if (items.length === 0) return [{ path: 'items', message: 'items must hold at least one item' }];
  if (items.length > MAX_SHARED_ITEMS) {
    return [{ path: 'items', message: `items must hold at most ${MAX_SHARED_ITEMS} items` }];
  }
  const issues: Issue[] = [];
  const seen = new Set<string>();
  items.forEach((item, index) => {
    if (seen.has(item.entryId)) {
      issues.push({ path: `items[${index}].entryId`, message: 'an entry may be shared only once per share' });
    }
    seen.add(item.entryId);
    if (item.annotations.some((annotation) => annotation.entryId !== item.entryId)) {
      issues.push({
        path: `items[${index}].annotations`,
        message: 'an item carries only annotations of its own entry',
      });
    }
  });
  return issues;
}

function decideShare(command: ShareRecordItems, state: RecordShareState): RecordShareEvent[] {
  // The share's id comes from the idempotency key: a stream already started is this request, retried.
  if (state.status !== 'empty') return [];
  const { data } = command;
  const note = checkedText('note', data.note);
  assertNoIssues('the share is not valid', [
    ...note.issues,
    ...recipientIssues(data.organisation, data.sharedBy, data.recipient),
    ...itemIssues(data.items),
  ]);
  const { organisation: recipientOrganisation, team, practitioner } = data.recipient;
  return [
    {
      type: 'RecordItemsShared',
      data: {
        shareId: data.shareId,
        personId: data.personId,
        organisation: data.organisation,
        sharedBy: { subject: data.sharedBy.subject, role: data.sharedBy.role },
        recipient: {
          organisation: recipientOrganisation,
          ...(team === undefined ? {} : { team }),
          ...(practitioner === undefined ? {} : { practitioner }),
        },
        note: note.text,
        items: data.items,
        sharedAt: command.metadata.now.toISOString(),
      },
    },
  ];
}

function decideMarkRead(command: MarkShareRead, state: RecordShareState): RecordShareEvent[] {
  if (state.status === 'empty') throw new NotFoundError('no such share');
  if (state.recipientOrganisation !== command.data.organisation) {
    throw new ForbiddenError('only the recipient organisation may mark a share read');
  }
  if (state.status === 'read') return [];
  const { shareId, organisation, readBy } = command.data;
  return [
    {
      type: 'RecordShareRead',
      data: {
        shareId,
        organisation,
        readBy: { subject: readBy.subject, role: readBy.role },
        readAt: command.metadata.now.toISOString(),
      },
    },
  ];
}

/**
 * One share of record items (stream `record.share-<shareId>`): sent once, then read once by the
 * recipient organisation. Same-organisation shares are allowed when they name a team or a
 * practitioner (a hand-over inside a trust), not to the whole sending organisation.
 */
export const recordShareDecider: Decider<RecordShareCommand, RecordShareEvent, RecordShareState> = {
  initialState: () => ({ status: 'empty' }),
  decide(command, state) {
    switch (command.type) {
      case 'ShareRecordItems':
        return decideShare(command, state);
      case 'MarkShareRead':
        return decideMarkRead(command, state);
      default:
        return assertNever(command);
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case 'RecordItemsShared':
        return { status: 'sent', recipientOrganisation: event.data.recipient.organisation };
      case 'RecordShareRead':
        return state.status === 'empty' ? state : { ...state, status: 'read' };
      default:
        // An event type a newer version wrote: it changes nothing this version knows about.
        return state;
    }
  },
};
