import type { RecordedEvent } from '@ilinks/platform/event-store';
import { fromBusMessage } from '@ilinks/platform/messaging';
import { RECORD_TOPIC } from '@ilinks/record-projection/contracts';
import type { RecordItemsShared } from '@ilinks/record-projection/domain';
import { recordEventsMapper } from '../integration-events/record-events.mapper';
import { recordShareMessages } from './record-shares.mapper';

const shareId = '7a2d3c4b-5e6f-5a70-8b91-0c1d2e3f4a5b';
const personId = '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';
const entryId = '0c9f6a4e-1b2c-5d3e-8f40-123456789abc';

function recorded(type: string, data: unknown): RecordedEvent {
  return {
    id: '0b1c2d3e-4f50-5617-8899-aabbccddeeff',
    streamName: `record.share-${shareId}`,
    type,
    data,
    metadata: {},
    revision: 0n,
    position: 9n,
    recordedAt: new Date('2026-11-26T10:00:01Z'),
  };
}

const shared: RecordItemsShared['data'] = {
  shareId,
  personId,
  organisation: 'RBS',
  sharedBy: { subject: 'dr-jones', role: 'practitioner' },
  recipient: { organisation: 'Y12345', practitioner: 'nurse-ali' },
  note: 'For the leg ulcer follow-up.',
  items: [
    {
      entryId,
      revision: 1,
      resourceType: 'Condition',
      organisation: 'RBS',
      resource: { resourceType: 'Condition', id: entryId, code: { text: 'Leg ulcer' } },
      annotations: [],
    },
  ],
  sharedAt: '2026-11-26T10:00:00.000Z',
};

describe('recordShareMessages', () => {
  it('publishes a share keyed by the person, with ids only', () => {
    const [message, ...rest] = recordEventsMapper(recorded('RecordItemsShared', shared));
    expect(rest).toEqual([]);
    if (message === undefined) throw new Error('nothing was published');
    expect(message.topic).toBe(RECORD_TOPIC);
    expect(message.key).toBe(personId);
    const event = fromBusMessage(message);
    expect(event).toMatchObject({ type: 'ilinks.record.items-shared.v1', subject: shareId });
    expect(event.data).toEqual({
      shareId,
      personId,
      organisation: 'RBS',
      recipientOrganisation: 'Y12345',
      recipientPractitioner: 'nurse-ali',
      entryIds: [entryId],
      sharedAt: '2026-11-26T10:00:00.000Z',
    });
    expect(JSON.stringify(event)).not.toContain('leg ulcer');
    expect(JSON.stringify(event)).not.toContain('Leg ulcer');
  });

  it('publishes nothing for reads and annotations', () => {
    expect(recordEventsMapper(recorded('RecordShareRead', { shareId }))).toEqual([]);
    expect(recordEventsMapper(recorded('EntryAnnotated', { entryId }))).toEqual([]);
    expect(recordShareMessages(recorded('RecordShareRead', { shareId }))).toEqual([]);
  });
});
