import { fromBusMessage } from '@ilinks/platform/messaging';
import type { RecordedEvent } from '@ilinks/platform/event-store';
import { RECORD_TOPIC } from '@ilinks/record-projection/contracts';
import { recordEventsMapper } from './record-events.mapper';

const entryId = '6f1c1b8e-4a8e-5d6e-9b4e-2b8f3c1d2e3f';
const localRecordId = '1b4e28ba-2fa1-51d2-883f-0016d3cca427';

function recorded(type: string, data: unknown, revision = 0n): RecordedEvent {
  return {
    id: '0b1c2d3e-4f50-5617-8899-aabbccddeeff',
    streamName: `record.entry-${entryId}`,
    type,
    data,
    metadata: {},
    revision,
    position: 7n,
    recordedAt: new Date('2026-11-26T10:00:01Z'),
  };
}

const version = {
  entryId,
  revision: 1,
  organisation: 'RBS',
  recordedBy: { subject: 'system-1', role: 'system' },
  resourceType: 'Condition',
  partnerId: 'cond-1',
  subject: { system: 'mrn', value: 'AH-1' },
  part: 'problems',
  effectiveAt: '2020-01-01',
  codes: [],
  unknownCodeSystems: false,
  resource: { resourceType: 'Condition', id: 'cond-1' },
  recordedAt: '2026-11-26T10:00:00.000Z',
  changedAt: '2026-11-26T10:00:00.000Z',
};

describe('recordEventsMapper', () => {
  it('publishes a recorded entry keyed by the entry, without clinical content or identifiers', () => {
    const [message, ...rest] = recordEventsMapper(
      recorded('RecordEntryRecorded', { ...version, localRecordId }),
    );
    expect(rest).toEqual([]);
    expect(message.topic).toBe(RECORD_TOPIC);
    expect(message.key).toBe(entryId);
    const event = fromBusMessage(message);
    expect(event).toMatchObject({ type: 'ilinks.record.entry-changed.v1', subject: entryId, sequence: '0' });
    expect(event.data).toEqual({
      entryId,
      revision: 1,
      change: 'recorded',
      organisation: 'RBS',
      resourceType: 'Condition',
      part: 'problems',
      localRecordId,
      effectiveAt: '2020-01-01',
      patientContributed: false,
      changedAt: '2026-11-26T10:00:00.000Z',
    });
    expect(JSON.stringify(event)).not.toContain('AH-1');
  });

  it('leaves localRecordId out while the patient is unknown', () => {
    const [message] = recordEventsMapper(recorded('RecordEntryRevised', { ...version, revision: 2 }, 1n));
    expect(fromBusMessage(message).data).toMatchObject({ change: 'revised', revision: 2 });
    expect(fromBusMessage(message).data).not.toHaveProperty('localRecordId');
  });

  it('publishes entered-in-error with what was retracted', () => {
    const [message] = recordEventsMapper(
      recorded(
        'RecordEntryEnteredInError',
        {
          entryId,
          revision: 2,
          organisation: 'RBS',
          recordedBy: { subject: 'system-1', role: 'system' },
          resourceType: 'Condition',
          part: 'problems',
          patientContributed: true,
          changedAt: '2026-11-27T10:00:00.000Z',
        },
        1n,
      ),
    );
    expect(fromBusMessage(message).data).toMatchObject({
      change: 'entered-in-error',
      part: 'problems',
      patientContributed: true,
    });
  });

  it('publishes nothing for an event type it does not know', () => {
    expect(recordEventsMapper(recorded('SomethingNewer', {}))).toEqual([]);
  });
});
