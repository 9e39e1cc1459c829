import 'reflect-metadata';
import { fromBusMessage } from '@ilinks/platform/messaging';
import type { RecordedEvent } from '@ilinks/platform/event-store';
import { identityEventsMapper } from './identity-events.mapper';

const survivor = '10000000-0000-4000-8000-000000000001';
const absorbed = '10000000-0000-4000-8000-000000000002';
const records = ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002'];

function recorded(type: string, data: unknown, position = 42n): RecordedEvent {
  return {
    id: '20000000-0000-4000-8000-000000000001',
    streamName: `identity.person-${survivor}`,
    type,
    data,
    metadata: {},
    revision: 3n,
    position,
    recordedAt: new Date('2026-11-26T10:00:00Z'),
  };
}

describe('identityEventsMapper', () => {
  it('tells every moved record its new person, keyed by the record, ordered by the global position', () => {
    const messages = identityEventsMapper(
      recorded('PersonMerged', {
        personId: survivor,
        mergedPersonId: absorbed,
        mergeId: 'review-r1',
        localRecordIds: records,
        reason: 'same person',
        mergedAt: '2026-11-26T10:00:00.000Z',
      }),
    );
    expect(messages.map((message) => message.key)).toEqual([...records, survivor]);
    const events = messages.map(fromBusMessage);
    expect(events[0]).toMatchObject({
      type: 'ilinks.identity.local-record-person-changed.v1',
      subject: records[0],
      sequence: '42',
      data: { localRecordId: records[0], personId: survivor, change: 'merged', otherPersonId: absorbed },
    });
    expect(new Set(events.map((event) => event.id)).size).toBe(3);
    expect(events[2]).toMatchObject({
      type: 'ilinks.identity.persons-merged.v1',
      subject: survivor,
      sequence: '3',
      data: { personId: survivor, mergedPersonId: absorbed, localRecordIds: records },
    });
    expect(JSON.stringify(events)).not.toContain('same person');
  });

  it('says an unlinked record belongs to no one until its new person follows', () => {
    const [message] = identityEventsMapper(
      recorded('LocalRecordUnlinked', {
        personId: survivor,
        localRecordId: records[0],
        reason: 'wrong person',
        unlinkedAt: '2026-11-26T10:00:00.000Z',
      }),
    );
    expect(fromBusMessage(message).data).toMatchObject({
      personId: null,
      change: 'unlinked',
      otherPersonId: survivor,
    });
  });

  it('publishes nothing for what stays inside identity, or for an event type it does not know', () => {
    expect(identityEventsMapper(recorded('NhsNumberClaimed', { personId: survivor }))).toEqual([]);
    expect(identityEventsMapper(recorded('MatchReviewRaised', {}))).toEqual([]);
    expect(identityEventsMapper(recorded('SomethingFromTheFuture', {}))).toEqual([]);
  });
});
