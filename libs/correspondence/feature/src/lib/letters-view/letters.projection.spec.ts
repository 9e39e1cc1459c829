import { SqliteReadModelStore, applyToReadModel } from '@ilinks/platform/read-models';
import {
  COMMUNITY,
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
import type { LetterViewEvent } from './letter-copy.view';
import { type LetterDocument, letterOf, lettersProjection } from './letters.projection';

function project(events: LetterViewEvent[]): Map<string, LetterDocument> {
  const documents = new Map<string, LetterDocument>();
  for (const event of events) {
    const ids = lettersProjection.documentId(event);
    for (const id of typeof ids === 'string' ? [ids] : (ids ?? [])) {
      const next = lettersProjection.evolve(documents.get(id), event, id);
      if (next === null) documents.delete(id);
      else documents.set(id, next);
    }
  }
  return documents;
}

describe('lettersProjection', () => {
  it('holds a sent letter with one delivered copy per recipient, and its lookup keys', () => {
    const document = project(sentLetter().projected()).get(letterId) as LetterDocument;
    expect(letterOf(document)).toMatchObject({ letterId, status: 'current', version: 1 });
    expect(letterOf(document).copies.map((copy) => [copy.copyId, copy.status])).toEqual([
      [gpCopyId, 'delivered'],
      [teamCopyId, 'delivered'],
    ]);
    expect(letterOf(document)).not.toHaveProperty('contentHash');
    expect(document).toMatchObject({
      localRecordId: null,
      personIdWithoutRecord: expect.any(String),
      senderOrganisation: 'RXH01',
      openness: 'awaiting',
    });
  });

  it('follows reads, acknowledgements, rejections, forwards and reminders', () => {
    const stream = sentLetter();
    stream.run({ type: 'MarkCopyRead', data: { letterId, copyId: gpCopyId, by: gpClerk } });
    stream.run({
      type: 'ForwardCopy',
      data: {
        letterId,
        copyId: gpCopyId,
        by: gpClerk,
        to: { organisation: PRACTICE, team: 'pharmacy' },
        note: 'please',
        acknowledgementDueAt: DUE_AT,
      },
    });
    stream.run({ type: 'AcknowledgeCopy', data: { letterId, copyId: gpCopyId, by: gpClerk } });
    stream.run(
      { type: 'RemindOverdueCopy', data: { letterId, copyId: teamCopyId, reminder: 1, policy } },
      new Date(DUE_AT),
    );
    const letter = letterOf(project(stream.projected()).get(letterId) as LetterDocument);
    expect(letter.copies.map((copy) => copy.status)).toEqual(['acknowledged', 'delivered', 'delivered']);
    expect(letter.copies[0]).toMatchObject({ readBy: gpClerk, acknowledgedBy: gpClerk });
    expect(letter.copies[1].reminders).toEqual([{ number: 1, remindedAt: DUE_AT }]);
    expect(letter.copies[2].forwardedFrom).toMatchObject({ copyId: gpCopyId, note: 'please' });
  });

  it('is closed for the sender once every copy is acknowledged or rejected', () => {
    const stream = sentLetter();
    stream.run({ type: 'AcknowledgeCopy', data: { letterId, copyId: gpCopyId, by: gpClerk } });
    stream.run({
      type: 'RejectCopy',
      data: {
        letterId,
        copyId: teamCopyId,
        by: { subject: 'n', role: 'practitioner', organisation: COMMUNITY },
        reason: 'wrong-recipient',
      },
    });
    expect(project(stream.projected()).get(letterId)?.openness).toBe('closed');
  });

  it("marks the superseded letter from the correction's sending", () => {
    const old = sentLetter();
    const correction = sentLetter(correctionId, { supersedes: letterId, supersededVersion: 1 });
    const documents = project([...old.projected(), ...correction.projected()]);
    expect(letterOf(documents.get(letterId) as LetterDocument)).toMatchObject({
      status: 'superseded',
      supersededBy: correctionId,
    });
    expect(documents.get(letterId)?.openness).toBe('closed');
    expect(letterOf(documents.get(correctionId) as LetterDocument)).toMatchObject({
      version: 2,
      supersedes: letterId,
    });
  });

  it('ends the same when the events are applied twice', async () => {
    const store = new SqliteReadModelStore({ filename: ':memory:' });
    const collection = await store.collection<LetterDocument>(lettersProjection.collection);
    const stream = sentLetter();
    stream.run({ type: 'AcknowledgeCopy', data: { letterId, copyId: gpCopyId, by: gpClerk } });
    for (const event of [...stream.projected(), ...stream.projected()]) {
      await applyToReadModel(collection, lettersProjection, event);
    }
    expect((await collection.get(letterId))?.body).toEqual(project(stream.projected()).get(letterId));
    await store.close();
  });
});
