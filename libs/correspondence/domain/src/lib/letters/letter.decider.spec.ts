import { DeciderSpecification } from '@ilinks/shared/testing';
import { ForbiddenError, IllegalStateError, NotFoundError, ValidationError } from '@ilinks/shared/kernel';
import { letterDecider } from './letter.decider';
import { copyIdFor, letterIdFor } from './letter.ids';
import type { CopyForwarded, LetterCommand, LetterEvent, LetterSent, SendLetter } from './letter.messages';
import type { LetterActor, LetterRecipient } from './letter.types';

const spec = DeciderSpecification.for(letterDecider);
const now = new Date('2026-03-01T09:00:00.000Z');
const later = new Date('2026-03-01T10:00:00.000Z');
const metadata = { idempotencyKey: 'key-00000001', now };
const letterId = letterIdFor('RXH01', 'doc-1');
const gp: LetterRecipient = { organisation: 'Y01234' };
const team: LetterRecipient = { organisation: 'RCOM1', team: 'district-nursing' };
const named: LetterRecipient = { organisation: 'Y01234', practitioner: 'dr-gp' };
const sender: LetterActor = { subject: 'dr-sender', role: 'practitioner', organisation: 'RXH01' };
const gpClerk: LetterActor = { subject: 'clerk', role: 'practitioner', organisation: 'Y01234' };
const drGp: LetterActor = { subject: 'dr-gp', role: 'practitioner', organisation: 'Y01234' };
const gpCopy = copyIdFor(letterId, gp);
const dueAt = '2026-03-04T09:00:00.000Z';

const send = (overrides: Partial<SendLetter['data']> = {}): SendLetter => ({
  type: 'SendLetter',
  data: {
    letterId,
    subject: { personId: '9f0c1d1e-0000-4000-8000-000000000001' },
    sentBy: sender,
    kind: 'discharge-summary',
    title: ' Discharge summary ',
    recipients: [gp, team],
    attachment: { contentType: 'application/pdf', size: 10, sha256: 'a'.repeat(64) },
    partnerDocumentId: 'doc-1',
    contentHash: 'hash-1',
    acknowledgementDueAt: dueAt,
    ...overrides,
  },
  metadata,
});

const sent = (recipients: LetterRecipient[] = [gp, team]): LetterSent => ({
  type: 'LetterSent',
  data: {
    letterId,
    version: 1,
    subject: { personId: '9f0c1d1e-0000-4000-8000-000000000001' },
    sentBy: sender,
    kind: 'discharge-summary',
    title: 'Discharge summary',
    attachment: { contentType: 'application/pdf', size: 10, sha256: 'a'.repeat(64) },
    partnerDocumentId: 'doc-1',
    contentHash: 'hash-1',
    copies: recipients.map((recipient) => ({
      copyId: copyIdFor(letterId, recipient),
      recipient,
      acknowledgementDueAt: dueAt,
    })),
    sentAt: now.toISOString(),
  },
});

const command = <T extends LetterCommand['type']>(
  type: T,
  data: Extract<LetterCommand, { type: T }>['data'],
  at: Date = later,
): LetterCommand => ({ type, data, metadata: { ...metadata, now: at } }) as LetterCommand;

const acknowledge = (by: LetterActor = gpClerk, copyId = gpCopy) =>
  command('AcknowledgeCopy', { letterId, copyId, by });
const reject = (by: LetterActor = gpClerk, copyId = gpCopy) =>
  command('RejectCopy', { letterId, copyId, by, reason: 'wrong-patient' });

const copyEvent = (recipient: LetterRecipient) => ({
  letterId,
  copyId: copyIdFor(letterId, recipient),
  recipient,
  senderOrganisation: 'RXH01',
});

describe('letterDecider: SendLetter', () => {
  it('sends one copy per recipient, trimmed, version 1', () => {
    spec.when(send()).then([sent()]);
  });

  it('makes a correction the next version of the letter it supersedes', () => {
    const supersedes = letterIdFor('RXH01', 'doc-0');
    const [event] = letterDecider.decide(send({ supersedes, supersededVersion: 2 }), { status: 'empty' });
    expect(event).toMatchObject({ type: 'LetterSent', data: { version: 3, supersedes } });
  });

  it('records nothing when the same document is sent again unchanged', () => {
    spec.given([sent()]).when(send()).thenNothing();
  });

  it('refuses the same document sent again changed', () => {
    spec
      .given([sent()])
      .when(send({ contentHash: 'hash-2' }))
      .thenThrows(IllegalStateError, 'a sent letter is never altered: send a correction that supersedes it');
  });

  it.each([
    ['an empty title', { title: '  ' }, 'title'],
    ['a title over 200 characters', { title: 'x'.repeat(201) }, 'title'],
    ['a note over 2000 characters', { note: 'x'.repeat(2001) }, 'note'],
    ['no recipient', { recipients: [] }, 'recipients'],
    [
      '21 recipients',
      { recipients: Array.from({ length: 21 }, (_, i) => ({ organisation: `ORG${i}` })) },
      'recipients',
    ],
    ['a recipient twice', { recipients: [gp, { organisation: 'Y01234' }] }, 'recipients[1]'],
    [
      'a recipient without an ODS code',
      { recipients: [{ organisation: 'not ods' }] },
      'recipients[0].organisation',
    ],
    ['a supersedes without its version', { supersedes: letterIdFor('RXH01', 'x') }, 'supersedes'],
  ])('refuses %s', (_, overrides, path) => {
    expect(() =>
      letterDecider.decide(send(overrides as Partial<SendLetter['data']>), { status: 'empty' }),
    ).toThrow(
      expect.objectContaining({
        constructor: ValidationError,
        issues: expect.arrayContaining([expect.objectContaining({ path })]),
      }),
    );
  });

  it('keeps a team and a practitioner of one organisation as two recipients', () => {
    const events = letterDecider.decide(send({ recipients: [gp, named] }), { status: 'empty' });
    expect((events[0] as LetterSent).data.copies.map((copy) => copy.copyId)).toEqual([
      gpCopy,
      copyIdFor(letterId, named),
    ]);
  });
});

describe('letterDecider: MarkCopyRead', () => {
  const read = (by: LetterActor = gpClerk) => command('MarkCopyRead', { letterId, copyId: gpCopy, by });

  it('records the first reader', () => {
    spec
      .given([sent()])
      .when(read())
      .then([{ type: 'CopyRead', data: { ...copyEvent(gp), readBy: gpClerk, readAt: later.toISOString() } }]);
  });

  it('records nothing for a second reader', () => {
    spec
      .given([
        sent(),
        { type: 'CopyRead', data: { ...copyEvent(gp), readBy: gpClerk, readAt: now.toISOString() } },
      ])
      .when(read(drGp))
      .thenNothing();
  });

  it('refuses another organisation', () => {
    spec.given([sent()]).when(read(sender)).thenThrows(ForbiddenError);
  });

  it('refuses an unknown letter and an unknown copy', () => {
    spec.when(read()).thenThrows(NotFoundError, 'no such letter');
    spec
      .given([sent()])
      .when(command('MarkCopyRead', { letterId, copyId: letterId, by: gpClerk }))
      .thenThrows(NotFoundError, 'no such copy');
  });
});

describe('letterDecider: AcknowledgeCopy and RejectCopy', () => {
  const acknowledged = {
    type: 'CopyAcknowledged' as const,
    data: { ...copyEvent(gp), acknowledgedBy: gpClerk, acknowledgedAt: later.toISOString() },
  };
  const rejected = {
    type: 'CopyRejected' as const,
    data: {
      ...copyEvent(gp),
      rejectedBy: gpClerk,
      reason: 'wrong-patient' as const,
      rejectedAt: later.toISOString(),
    },
  };

  it('acknowledges, with a trimmed note', () => {
    spec
      .given([sent()])
      .when(command('AcknowledgeCopy', { letterId, copyId: gpCopy, by: gpClerk, note: ' seen ' }))
      .then([{ ...acknowledged, data: { ...acknowledged.data, note: 'seen' } }]);
  });

  it('rejects with a reason', () => {
    spec.given([sent()]).when(reject()).then([rejected]);
  });

  it('records nothing when acknowledged or rejected twice', () => {
    spec.given([sent(), acknowledged]).when(acknowledge(drGp)).thenNothing();
    spec.given([sent(), rejected]).when(reject()).thenNothing();
  });

  it('refuses the other one after', () => {
    spec.given([sent(), acknowledged]).when(reject()).thenThrows(IllegalStateError);
    spec.given([sent(), rejected]).when(acknowledge()).thenThrows(IllegalStateError);
  });

  it('refuses another organisation', () => {
    spec.given([sent()]).when(acknowledge(sender)).thenThrows(ForbiddenError);
    spec.given([sent()]).when(reject(sender)).thenThrows(ForbiddenError);
  });

  it('lets only the named practitioner close a copy addressed to them', () => {
    const namedCopy = copyIdFor(letterId, named);
    spec
      .given([sent([named])])
      .when(acknowledge(gpClerk, namedCopy))
      .thenThrows(ForbiddenError);
    spec
      .given([sent([named])])
      .when(reject(gpClerk, namedCopy))
      .thenThrows(ForbiddenError);
    expect(letterDecider.decide(acknowledge(drGp, namedCopy), fold([sent([named])]))).toHaveLength(1);
  });

  it("needs a text for the reason 'other'", () => {
    spec
      .given([sent()])
      .when(command('RejectCopy', { letterId, copyId: gpCopy, by: gpClerk, reason: 'other' }))
      .thenThrows(ValidationError);
    spec
      .given([sent()])
      .when(
        command('RejectCopy', { letterId, copyId: gpCopy, by: gpClerk, reason: 'other', text: 'moved away' }),
      )
      .then([{ ...rejected, data: { ...rejected.data, reason: 'other', text: 'moved away' } }]);
  });

  it('refuses a note over 2000 characters', () => {
    spec
      .given([sent()])
      .when(command('AcknowledgeCopy', { letterId, copyId: gpCopy, by: gpClerk, note: 'x'.repeat(2001) }))
      .thenThrows(ValidationError);
  });
});

describe('letterDecider: ForwardCopy', () => {
  const social: LetterRecipient = { organisation: 'Y01234', team: 'social-prescribing' };
  const forward = (to: LetterRecipient = social, note = 'please see', by: LetterActor = gpClerk) =>
    command('ForwardCopy', { letterId, copyId: gpCopy, by, to, note, acknowledgementDueAt: dueAt });
  const forwarded: CopyForwarded = {
    type: 'CopyForwarded',
    data: {
      ...copyEvent(social),
      letter: {
        subject: { personId: '9f0c1d1e-0000-4000-8000-000000000001' },
        sentBy: sender,
        kind: 'discharge-summary',
        title: 'Discharge summary',
        sentAt: now.toISOString(),
      },
      forwardedFrom: { copyId: gpCopy, by: gpClerk, note: 'please see', forwardedAt: later.toISOString() },
      acknowledgementDueAt: dueAt,
    },
  };

  it('makes a new copy that keeps the chain', () => {
    spec.given([sent()]).when(forward()).then([forwarded]);
  });

  it('lets the new copy be acknowledged and forwarded on', () => {
    const state = fold([sent(), forwarded]);
    expect(letterDecider.decide(acknowledge(gpClerk, forwarded.data.copyId), state)).toHaveLength(1);
  });

  it('refuses to forward a superseded letter', () => {
    const superseded = {
      type: 'LetterSuperseded' as const,
      data: {
        letterId,
        supersededBy: letterIdFor('RXH01', 'doc-2'),
        organisation: 'RXH01',
        copyIds: [gpCopy],
        supersededAt: now.toISOString(),
      },
    };
    spec.given([sent(), superseded]).when(forward()).thenThrows(IllegalStateError);
  });

  it('refuses a recipient the letter already has, an empty note, another organisation', () => {
    spec.given([sent()]).when(forward(team)).thenThrows(ValidationError);
    spec.given([sent(), forwarded]).when(forward()).thenThrows(ValidationError);
    spec.given([sent()]).when(forward(social, ' ')).thenThrows(ValidationError);
    spec
      .given([sent()])
      .when(forward(social, 'x'.repeat(2001)))
      .thenThrows(ValidationError);
    spec
      .given([sent()])
      .when(forward(social, 'note', sender))
      .thenThrows(ForbiddenError);
  });
});

describe('letterDecider: RemindOverdueCopy', () => {
  const policy = { intervalSeconds: 3600, maxReminders: 2 };
  const atDue = new Date(dueAt);
  const remind = (reminder: number, at: Date) =>
    command('RemindOverdueCopy', { letterId, copyId: gpCopy, reminder, policy }, at);
  const reminded = (reminder: number, at: Date, next: string | null) => ({
    type: 'CopyAcknowledgementOverdue' as const,
    data: { ...copyEvent(gp), reminder, dueAt, remindedAt: at.toISOString(), nextReminderAt: next },
  });

  it('raises the first reminder when due, saying when the next is', () => {
    spec
      .given([sent()])
      .when(remind(1, atDue))
      .then([reminded(1, atDue, '2026-03-04T10:00:00.000Z')]);
  });

  it('says there is no next after the last', () => {
    const at = new Date('2026-03-04T10:00:00.000Z');
    spec
      .given([sent(), reminded(1, atDue, at.toISOString())])
      .when(remind(2, at))
      .then([reminded(2, at, null)]);
  });

  it('refuses a reminder not due yet, or not the next', () => {
    spec.given([sent()]).when(remind(1, later)).thenThrows(IllegalStateError);
    spec
      .given([sent()])
      .when(remind(2, new Date('2026-03-05T00:00:00.000Z')))
      .thenThrows(IllegalStateError);
  });

  it('records nothing for a copy of a superseded letter', () => {
    const superseded = {
      type: 'LetterSuperseded' as const,
      data: {
        letterId,
        supersededBy: letterIdFor('RXH01', 'doc-2'),
        organisation: 'RXH01',
        copyIds: [gpCopy],
        supersededAt: now.toISOString(),
      },
    };
    spec.given([sent(), superseded]).when(remind(1, atDue)).thenNothing();
  });

  it('records nothing for a reminder already raised or a closed copy', () => {
    spec
      .given([sent(), reminded(1, atDue, null)])
      .when(remind(1, atDue))
      .thenNothing();
    spec
      .given([
        sent(),
        {
          type: 'CopyRejected',
          data: {
            ...copyEvent(gp),
            rejectedBy: gpClerk,
            reason: 'unreadable',
            rejectedAt: now.toISOString(),
          },
        },
      ])
      .when(remind(1, atDue))
      .thenNothing();
  });
});

describe('letterDecider: MarkLetterSuperseded', () => {
  const correction = letterIdFor('RXH01', 'doc-2');
  const supersede = (organisation = 'RXH01', supersededBy = correction) =>
    command('MarkLetterSuperseded', { letterId, supersededBy, organisation });
  const superseded = {
    type: 'LetterSuperseded' as const,
    data: {
      letterId,
      supersededBy: correction,
      organisation: 'RXH01',
      copyIds: [gpCopy, copyIdFor(letterId, team)],
      supersededAt: later.toISOString(),
    },
  };

  it('marks a current letter superseded', () => {
    spec.given([sent()]).when(supersede()).then([superseded]);
  });

  it('records nothing when the same correction marks it again', () => {
    spec.given([sent(), superseded]).when(supersede()).thenNothing();
  });

  it('refuses a letter already superseded by another, another organisation, itself, an unknown letter', () => {
    spec
      .given([sent(), superseded])
      .when(supersede('RXH01', letterIdFor('RXH01', 'doc-3')))
      .thenThrows(IllegalStateError);
    spec.given([sent()]).when(supersede('RXA99')).thenThrows(ForbiddenError);
    spec.given([sent()]).when(supersede('RXH01', letterId)).thenThrows(ValidationError);
    spec.when(supersede()).thenThrows(NotFoundError);
  });
});

function fold(events: LetterEvent[]) {
  return events.reduce(letterDecider.evolve, letterDecider.initialState());
}
