import {
  type Decider,
  ForbiddenError,
  IllegalStateError,
  NotFoundError,
  ValidationError,
  assertNever,
} from '@ilinks/shared/kernel';
import { dueReminder, isOpen, nextReminderAt } from './letter-reminders';
import { copyIdFor, recipientKey } from './letter.ids';
import type {
  AcknowledgeCopy,
  CopyAcknowledgementOverdue,
  ForwardCopy,
  LetterCommand,
  LetterEvent,
  LetterSent,
  LetterSummary,
  MarkCopyRead,
  MarkLetterSuperseded,
  RejectCopy,
  RemindOverdueCopy,
  SendLetter,
} from './letter.messages';
import {
  MAX_TEXT_LENGTH,
  assertNoIssues,
  recipientIssues,
  sendLetterIssues,
  textIssues,
} from './letter.rules';
import { REJECTION_REASONS, type CopyState, type LetterActor, type LetterRecipient } from './letter.types';

/** A letter as its decider knows it. */
export type LetterState =
  | { readonly status: 'empty' }
  | {
      readonly status: 'current' | 'superseded';
      readonly letterId: string;
      readonly version: number;
      readonly senderOrganisation: string;
      readonly contentHash: string;
      readonly summary: LetterSummary;
      readonly supersededBy?: string;
      readonly copies: readonly CopyState[];
    };

type SentLetter = Exclude<LetterState, { status: 'empty' }>;

const actorOf = (actor: LetterActor): LetterActor => ({
  subject: actor.subject,
  role: actor.role,
  organisation: actor.organisation,
});

const recipientOf = (recipient: LetterRecipient): LetterRecipient => ({
  organisation: recipient.organisation,
  ...(recipient.team === undefined ? {} : { team: recipient.team }),
  ...(recipient.practitioner === undefined ? {} : { practitioner: recipient.practitioner }),
});

function decideSend(command: SendLetter, state: LetterState): LetterEvent[] {
  const { data } = command;
  if (state.status !== 'empty') {
    // The letter's id comes from the partner's document id: the same document sent again.
    if (state.contentHash === data.contentHash) return [];
    throw new IllegalStateError('a sent letter is never altered: send a correction that supersedes it');
  }
  assertNoIssues('the letter is not valid', sendLetterIssues(data));
  const note = data.note?.trim();
  const event: LetterSent = {
    type: 'LetterSent',
    data: {
      letterId: data.letterId,
      version: data.supersededVersion === undefined ? 1 : data.supersededVersion + 1,
      ...(data.supersedes === undefined ? {} : { supersedes: data.supersedes }),
      subject: {
        personId: data.subject.personId,
        ...(data.subject.localRecordId === undefined ? {} : { localRecordId: data.subject.localRecordId }),
      },
      sentBy: actorOf(data.sentBy),
      ...(data.author === undefined ? {} : { author: data.author }),
      kind: data.kind,
      ...(data.type === undefined ? {} : { type: data.type }),
      title: data.title.trim(),
      ...(note === undefined || note === '' ? {} : { note }),
      attachment: data.attachment,
      ...(data.partnerDocumentId === undefined ? {} : { partnerDocumentId: data.partnerDocumentId }),
      ...(data.documentReference === undefined ? {} : { documentReference: data.documentReference }),
      contentHash: data.contentHash,
      copies: data.recipients.map((recipient) => ({
        copyId: copyIdFor(data.letterId, recipient),
        recipient: recipientOf(recipient),
        acknowledgementDueAt: data.acknowledgementDueAt,
      })),
      sentAt: command.metadata.now.toISOString(),
    },
  };
  return [event];
}

function sentLetter(state: LetterState): SentLetter {
  if (state.status === 'empty') throw new NotFoundError('no such letter');
  return state;
}

/** The copy, when the actor's organisation is its recipient's (403 for anyone else). */
function copyFor(letter: SentLetter, copyId: string, by: LetterActor): CopyState {
  const copy = letter.copies.find((candidate) => candidate.copyId === copyId);
  if (copy === undefined) throw new NotFoundError('no such copy');
  if (copy.recipient.organisation !== by.organisation) {
    throw new ForbiddenError("only the copy's recipient organisation may act on it");
  }
  return copy;
}

/** A copy addressed to a practitioner is acknowledged or rejected by that practitioner only. */
function assertMayClose(copy: CopyState, by: LetterActor): void {
  if (copy.recipient.practitioner !== undefined && copy.recipient.practitioner !== by.subject) {
    throw new ForbiddenError('only the practitioner the copy is addressed to may close it');
  }
}

const copyData = (letter: SentLetter, copy: CopyState) => ({
  letterId: letter.letterId,
  copyId: copy.copyId,
  recipient: copy.recipient,
  senderOrganisation: letter.senderOrganisation,
});

function decideRead(command: MarkCopyRead, state: LetterState): LetterEvent[] {
  const letter = sentLetter(state);
  const copy = copyFor(letter, command.data.copyId, command.data.by);
  // Reading is recorded once, by the first reader; a closed copy has been read already.
  if (copy.status !== 'delivered') return [];
  return [
    {
      type: 'CopyRead',
      data: {
        ...copyData(letter, copy),
        readBy: actorOf(command.data.by),
        readAt: command.metadata.now.toISOString(),
      },
    },
  ];
}

function decideAcknowledge(command: AcknowledgeCopy, state: LetterState): LetterEvent[] {
  const letter = sentLetter(state);
  const { by, note } = command.data;
  const copy = copyFor(letter, command.data.copyId, by);
  assertMayClose(copy, by);
  if (copy.status === 'acknowledged') return [];
  if (copy.status === 'rejected')
    throw new IllegalStateError('the copy was rejected: it cannot be acknowledged');
  assertNoIssues(
    'the acknowledgement is not valid',
    note === undefined ? [] : textIssues('note', note, 0, MAX_TEXT_LENGTH),
  );
  const trimmed = note?.trim();
  return [
    {
      type: 'CopyAcknowledged',
      data: {
        ...copyData(letter, copy),
        acknowledgedBy: actorOf(by),
        ...(trimmed === undefined || trimmed === '' ? {} : { note: trimmed }),
        acknowledgedAt: command.metadata.now.toISOString(),
      },
    },
  ];
}

function decideReject(command: RejectCopy, state: LetterState): LetterEvent[] {
  const letter = sentLetter(state);
  const { by, reason, text } = command.data;
  const copy = copyFor(letter, command.data.copyId, by);
  assertMayClose(copy, by);
  if (copy.status === 'rejected') return [];
  if (copy.status === 'acknowledged') {
    throw new IllegalStateError('the copy was acknowledged: it cannot be rejected');
  }
  const issues = [
    ...(REJECTION_REASONS.includes(reason) ? [] : [{ path: 'reason', message: 'reason is not known' }]),
    ...(text === undefined
      ? reason === 'other'
        ? [{ path: 'text', message: "text is required when the reason is 'other'" }]
        : []
      : textIssues('text', text, reason === 'other' ? 1 : 0, MAX_TEXT_LENGTH)),
  ];
  assertNoIssues('the rejection is not valid', issues);
  const trimmed = text?.trim();
  return [
    {
      type: 'CopyRejected',
      data: {
        ...copyData(letter, copy),
        rejectedBy: actorOf(by),
        reason,
        ...(trimmed === undefined || trimmed === '' ? {} : { text: trimmed }),
        rejectedAt: command.metadata.now.toISOString(),
      },
    },
  ];
}

function decideForward(command: ForwardCopy, state: LetterState): LetterEvent[] {
  const letter = sentLetter(state);
  const { by, to, note } = command.data;
  const copy = copyFor(letter, command.data.copyId, by);
  if (letter.status === 'superseded') {
    throw new IllegalStateError('a superseded letter is not forwarded: forward its correction');
  }
  const issues = [...recipientIssues('to', to), ...textIssues('note', note, 1, MAX_TEXT_LENGTH)];
  if (letter.copies.some((other) => recipientKey(other.recipient) === recipientKey(to))) {
    issues.push({ path: 'to', message: 'the letter already has this recipient' });
  }
  assertNoIssues('the forward is not valid', issues);
  const now = command.metadata.now.toISOString();
  return [
    {
      type: 'CopyForwarded',
      data: {
        letterId: letter.letterId,
        copyId: copyIdFor(letter.letterId, to),
        recipient: recipientOf(to),
        senderOrganisation: letter.senderOrganisation,
        letter: letter.summary,
        forwardedFrom: { copyId: copy.copyId, by: actorOf(by), note: note.trim(), forwardedAt: now },
        acknowledgementDueAt: command.data.acknowledgementDueAt,
      },
    },
  ];
}

function decideRemind(command: RemindOverdueCopy, state: LetterState): LetterEvent[] {
  const letter = sentLetter(state);
  const { copyId, reminder, policy } = command.data;
  const copy = letter.copies.find((candidate) => candidate.copyId === copyId);
  if (copy === undefined) throw new NotFoundError('no such copy');
  // Raised already, closed or superseded meanwhile: a sweep that lost a race has nothing left to do.
  if (reminder <= copy.reminders || !isOpen(copy) || letter.status === 'superseded') return [];
  const now = command.metadata.now;
  if (dueReminder(copy, now, policy) !== reminder) {
    throw new IllegalStateError(`reminder ${reminder} is not due`);
  }
  const raised: CopyState = { ...copy, reminders: reminder };
  const event: CopyAcknowledgementOverdue = {
    type: 'CopyAcknowledgementOverdue',
    data: {
      ...copyData(letter, copy),
      reminder,
      dueAt: copy.acknowledgementDueAt,
      remindedAt: now.toISOString(),
      nextReminderAt: nextReminderAt(raised, policy)?.toISOString() ?? null,
    },
  };
  return [event];
}

function decideSupersede(command: MarkLetterSuperseded, state: LetterState): LetterEvent[] {
  const letter = sentLetter(state);
  const { supersededBy, organisation } = command.data;
  if (supersededBy === letter.letterId) {
    throw new ValidationError('a letter cannot supersede itself', [
      { path: 'supersedes', message: 'a letter cannot supersede itself' },
    ]);
  }
  if (letter.senderOrganisation !== organisation) {
    throw new ForbiddenError('only the sender organisation may correct its letter');
  }
  if (letter.status === 'superseded') {
    if (letter.supersededBy === supersededBy) return [];
    throw new IllegalStateError('only a current letter can be superseded');
  }
  return [
    {
      type: 'LetterSuperseded',
      data: {
        letterId: letter.letterId,
        supersededBy,
        organisation,
        copyIds: letter.copies.map((copy) => copy.copyId),
        supersededAt: command.metadata.now.toISOString(),
      },
    },
  ];
}

function summaryOf(data: LetterSent['data']): LetterSummary {
  return {
    subject: data.subject,
    sentBy: data.sentBy,
    ...(data.author === undefined ? {} : { author: data.author }),
    kind: data.kind,
    title: data.title,
    sentAt: data.sentAt,
  };
}

function withCopy(state: LetterState, copyId: string, change: (copy: CopyState) => CopyState): LetterState {
  if (state.status === 'empty') return state;
  return {
    ...state,
    copies: state.copies.map((copy) => (copy.copyId === copyId ? change(copy) : copy)),
  };
}

function evolve(state: LetterState, event: LetterEvent): LetterState {
  switch (event.type) {
    case 'LetterSent':
      return {
        status: 'current',
        letterId: event.data.letterId,
        version: event.data.version,
        senderOrganisation: event.data.sentBy.organisation,
        contentHash: event.data.contentHash,
        summary: summaryOf(event.data),
        copies: event.data.copies.map((copy) => ({
          copyId: copy.copyId,
          recipient: copy.recipient,
          status: 'delivered',
          acknowledgementDueAt: copy.acknowledgementDueAt,
          reminders: 0,
        })),
      };
    case 'CopyRead':
      return withCopy(state, event.data.copyId, (copy) => ({ ...copy, status: 'read' }));
    case 'CopyAcknowledged':
      return withCopy(state, event.data.copyId, (copy) => ({ ...copy, status: 'acknowledged' }));
    case 'CopyRejected':
      return withCopy(state, event.data.copyId, (copy) => ({ ...copy, status: 'rejected' }));
    case 'CopyAcknowledgementOverdue':
      return withCopy(state, event.data.copyId, (copy) => ({ ...copy, reminders: event.data.reminder }));
    case 'CopyForwarded':
      return state.status === 'empty'
        ? state
        : {
            ...state,
            copies: [
              ...state.copies,
              {
                copyId: event.data.copyId,
                recipient: event.data.recipient,
                status: 'delivered',
                acknowledgementDueAt: event.data.acknowledgementDueAt,
                reminders: 0,
              },
            ],
          };
    case 'LetterSuperseded':
      return state.status === 'empty'
        ? state
        : { ...state, status: 'superseded', supersededBy: event.data.supersededBy };
    default:
      // An event type a newer version wrote: it changes nothing this version knows about.
      return state;
  }
}

/**
 * One letter (stream `correspondence.letter-<letterId>`): sent once, never altered; each copy is
 * delivered, read, then acknowledged or rejected by its recipient, may be forwarded, and raises
 * reminders while left unacknowledged; a correction from the same sender supersedes it.
 */
export const letterDecider: Decider<LetterCommand, LetterEvent, LetterState> = {
  initialState: () => ({ status: 'empty' }),
  decide(command, state) {
    switch (command.type) {
      case 'SendLetter':
        return decideSend(command, state);
      case 'MarkCopyRead':
        return decideRead(command, state);
      case 'AcknowledgeCopy':
        return decideAcknowledge(command, state);
      case 'RejectCopy':
        return decideReject(command, state);
      case 'ForwardCopy':
        return decideForward(command, state);
      case 'RemindOverdueCopy':
        return decideRemind(command, state);
      case 'MarkLetterSuperseded':
        return decideSupersede(command, state);
      default:
        return assertNever(command);
    }
  },
  evolve,
};
