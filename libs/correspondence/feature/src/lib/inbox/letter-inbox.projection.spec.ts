import { SqliteReadModelStore, applyToReadModel } from '@ilinks/platform/read-models';
import type { LetterViewEvent } from '../letters-view/letter-copy.view';
import {
  DUE_AT,
  PRACTICE,
  correctionId,
  gpClerk,
  gpCopyId,
  letterId,
  policy,
  sentLetter,
  teamCopyId,
} from '../testing/letter-events.fixtures';
import { type InboxDocument, letterInboxProjection, storedItemOf } from './letter-inbox.projection';

function project(events: LetterViewEvent[]): Map<string, InboxDocument> {
  const documents = new Map<string, InboxDocument>();
  for (const event of events) {
    const ids = letterInboxProjection.documentId(event);
    for (const id of typeof ids === 'string' ? [ids] : (ids ?? [])) {
      const next = letterInboxProjection.evolve(documents.get(id), event, id);
      if (next === null) documents.delete(id);
      else documents.set(id, next);
    }
  }
  return documents;
}

describe('letterInboxProjection', () => {
  it('makes one open line per copy, its first reminder due with the acknowledgement', () => {
    const documents = project(sentLetter().projected());
    expect([...documents.keys()]).toEqual([gpCopyId, teamCopyId]);
    expect(documents.get(teamCopyId)).toMatchObject({
      recipientOrganisation: 'RCOM1',
      recipientTeam: 'district-nursing',
      recipientPractitioner: null,
      status: 'delivered',
      open: true,
      kind: 'discharge-summary',
      nextReminderAt: DUE_AT,
      awaitingReminder: true,
    });
    expect(storedItemOf(documents.get(gpCopyId) as InboxDocument)).toMatchObject({
      letterId,
      title: 'Discharge summary',
      letterStatus: 'current',
    });
  });

  it('stops reminding once a copy is closed', () => {
    const stream = sentLetter();
    stream.run({ type: 'AcknowledgeCopy', data: { letterId, copyId: gpCopyId, by: gpClerk } });
    expect(project(stream.projected()).get(gpCopyId)).toMatchObject({
      status: 'acknowledged',
      open: false,
      nextReminderAt: null,
      awaitingReminder: false,
    });
  });

  it('moves the next reminder on, then to none when the last is raised', () => {
    const stream = sentLetter();
    const remind = (reminder: number, at: string) =>
      stream.run(
        { type: 'RemindOverdueCopy', data: { letterId, copyId: gpCopyId, reminder, policy } },
        new Date(at),
      );
    remind(1, DUE_AT);
    expect(project(stream.projected()).get(gpCopyId)?.nextReminderAt).toBe('2026-03-05T09:00:00.000Z');
    remind(2, '2026-03-05T09:00:00.000Z');
    expect(project(stream.projected()).get(gpCopyId)).toMatchObject({ nextReminderAt: null, open: true });
  });

  it('adds a line for a forwarded copy, with the letter it belongs to', () => {
    const stream = sentLetter();
    const [forwarded] = stream.run({
      type: 'ForwardCopy',
      data: {
        letterId,
        copyId: gpCopyId,
        by: gpClerk,
        to: { organisation: PRACTICE, practitioner: 'dr-gp' },
        note: 'for you',
        acknowledgementDueAt: DUE_AT,
      },
    });
    const copyId = (forwarded.data as { copyId: string }).copyId;
    const line = project(stream.projected()).get(copyId) as InboxDocument;
    expect(line).toMatchObject({ recipientPractitioner: 'dr-gp', personId: expect.any(String), open: true });
    expect(storedItemOf(line).copy.forwardedFrom).toMatchObject({ copyId: gpCopyId });
    expect(storedItemOf(line).title).toBe('Discharge summary');
  });

  it('shows the lines of a superseded letter as superseded, no longer reminded', () => {
    const old = sentLetter();
    old.run({
      type: 'MarkLetterSuperseded',
      data: { letterId, supersededBy: correctionId, organisation: 'RXH01' },
    });
    const line = project(old.projected()).get(gpCopyId) as InboxDocument;
    expect(storedItemOf(line).letterStatus).toBe('superseded');
    expect(line).toMatchObject({ nextReminderAt: null, awaitingReminder: false });
  });

  it('ends the same when the events are applied twice', async () => {
    const store = new SqliteReadModelStore({ filename: ':memory:' });
    const collection = await store.collection<InboxDocument>(letterInboxProjection.collection);
    const stream = sentLetter();
    stream.run({ type: 'MarkCopyRead', data: { letterId, copyId: gpCopyId, by: gpClerk } });
    for (const event of [...stream.projected(), ...stream.projected()]) {
      await applyToReadModel(collection, letterInboxProjection, event);
    }
    expect((await collection.get(gpCopyId))?.body).toEqual(project(stream.projected()).get(gpCopyId));
    await store.close();
  });
});
