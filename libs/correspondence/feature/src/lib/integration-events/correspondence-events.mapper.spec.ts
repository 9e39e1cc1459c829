import type { RecordedEvent } from '@ilinks/platform/event-store';
import { fromBusMessage } from '@ilinks/platform/messaging';
import {
  COMMUNITY,
  DUE_AT,
  HOSPITAL,
  PERSON,
  correctionId,
  gpClerk,
  gpCopyId,
  letterId,
  policy,
  sentLetter,
  teamCopyId,
} from '../testing/letter-events.fixtures';
import { correspondenceEventsMapper } from './correspondence-events.mapper';

function recorded(event: { type: string; data: unknown }, revision: number): RecordedEvent {
  return {
    id: `00000000-0000-4000-8000-00000000000${revision}`,
    streamName: `correspondence.letter-${letterId}`,
    type: event.type,
    data: event.data,
    metadata: {},
    revision: BigInt(revision),
    position: BigInt(revision),
    recordedAt: new Date('2026-03-01T09:00:00.000Z'),
  } as RecordedEvent;
}

const published = (event: { type: string; data: unknown }, revision = 0) =>
  correspondenceEventsMapper(recorded(event, revision)).map((message) => ({
    key: message.key,
    event: fromBusMessage(message),
  }));

describe('correspondenceEventsMapper', () => {
  it('publishes a sending as letter-sent, keyed by the letter, ids only', () => {
    const [sent] = sentLetter().events;
    const [message] = published(sent);
    expect(message.key).toBe(letterId);
    expect(message.event.type).toBe('ilinks.correspondence.letter-sent.v1');
    expect(message.event.data).toMatchObject({
      letterId,
      version: 1,
      organisation: HOSPITAL,
      kind: 'discharge-summary',
      copies: [{ copyId: gpCopyId }, { copyId: teamCopyId }],
    });
    expect(JSON.stringify(message.event.data)).not.toContain('Discharge summary');
  });

  it('publishes reads and rejections as copy changes', () => {
    const stream = sentLetter();
    const [read] = stream.run({ type: 'MarkCopyRead', data: { letterId, copyId: gpCopyId, by: gpClerk } });
    const [rejected] = stream.run({
      type: 'RejectCopy',
      data: { letterId, copyId: gpCopyId, by: gpClerk, reason: 'wrong-patient' },
    });
    expect(published(read)[0].event.data).toMatchObject({
      change: 'read',
      copyId: gpCopyId,
      senderOrganisation: HOSPITAL,
    });
    expect(published(rejected)[0].event.data).toMatchObject({
      change: 'rejected',
      rejectionReason: 'wrong-patient',
    });
  });

  describe('a forward', () => {
    const stream = sentLetter();
    const [forwarded] = stream.run({
      type: 'ForwardCopy',
      data: {
        letterId,
        copyId: gpCopyId,
        by: gpClerk,
        to: { organisation: COMMUNITY, team: 'adult-social-care' },
        note: 'Care package review needed',
        acknowledgementDueAt: DUE_AT,
      },
    });
    const [message] = published(forwarded);

    it('is a copy change naming the new copy, its recipient and the copy it came from', () => {
      expect(message.key).toBe(letterId);
      expect(message.event.type).toBe('ilinks.correspondence.letter-copy-changed.v1');
      expect(message.event.data).toMatchObject({
        change: 'forwarded',
        recipient: { organisation: COMMUNITY, team: 'adult-social-care' },
        senderOrganisation: HOSPITAL,
        forwardedFromCopyId: gpCopyId,
        changedAt: '2026-03-01T09:00:00.000Z',
      });
      expect((message.event.data as { copyId: string }).copyId).not.toBe(gpCopyId);
    });

    it('names the person the letter is about, so the forwarded-to organisation can be given a referral', () => {
      expect(message.event.data).toMatchObject({ personId: PERSON });
    });

    it('carries no note or title', () => {
      expect(JSON.stringify(message.event.data)).not.toContain('Care package');
      expect(JSON.stringify(message.event.data)).not.toContain('Discharge summary');
    });
  });

  it('names no person on the other copy changes', () => {
    const [read] = sentLetter().run({
      type: 'MarkCopyRead',
      data: { letterId, copyId: gpCopyId, by: gpClerk },
    });
    expect(published(read)[0].event.data).not.toHaveProperty('personId');
  });

  it('publishes a reminder as acknowledgement-overdue and a supersession as letter-superseded', () => {
    const stream = sentLetter();
    const [reminded] = stream.run(
      { type: 'RemindOverdueCopy', data: { letterId, copyId: gpCopyId, reminder: 1, policy } },
      new Date(DUE_AT),
    );
    const [superseded] = stream.run({
      type: 'MarkLetterSuperseded',
      data: { letterId, supersededBy: correctionId, organisation: HOSPITAL },
    });
    expect(published(reminded)[0].event).toMatchObject({
      type: 'ilinks.correspondence.letter-acknowledgement-overdue.v1',
      data: { reminder: 1, dueAt: DUE_AT, remindedAt: DUE_AT },
    });
    expect(published(superseded)[0].event).toMatchObject({
      type: 'ilinks.correspondence.letter-superseded.v1',
      data: { letterId, supersededBy: correctionId },
    });
  });

  it('publishes nothing for other streams’ events', () => {
    expect(correspondenceEventsMapper(recorded({ type: 'AttachmentStored', data: {} }, 0))).toEqual([]);
  });
});
