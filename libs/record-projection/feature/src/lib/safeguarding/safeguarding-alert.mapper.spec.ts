import type { RecordedEvent } from '@ilinks/platform/event-store';
import { fromBusMessage } from '@ilinks/platform/messaging';
import { RECORD_TOPIC, SafeguardingAlertRaisedV1Event } from '@ilinks/record-projection/contracts';
import type { SafeguardingAlertRaisedData } from '@ilinks/record-projection/domain';
import { recordEventsMapper } from '../integration-events/record-events.mapper';
import { safeguardingAlertMessages } from './safeguarding-alert.mapper';

const alertId = '0b1c2d3e-4f50-5617-8899-aabbccddee01';
const personId = '11111111-1111-4111-8111-111111111111';
const triggerEntryId = '6f1c1b8e-4a8e-5d6e-9b4e-2b8f3c1d2e3f';
const alert: SafeguardingAlertRaisedData = {
  alertId,
  kind: 'child-protection-flag',
  personId,
  organisation: 'HOSP1',
  audience: 'attending-service',
  trigger: {
    entryId: triggerEntryId,
    organisation: 'HOSP1',
    setting: 'emergency-department',
    at: '2026-11-20T10:00:00.000Z',
  },
  flags: [{ entryId: 'f', kind: 'child-protection-plan', display: 'CP plan', organisation: 'SOC1' }],
  attendances: [],
  raisedAt: '2026-11-26T10:00:00.000Z',
};

function recorded(type: string, data: unknown): RecordedEvent {
  return {
    id: '0b1c2d3e-4f50-5617-8899-aabbccddeeff',
    streamName: `record.safeguarding-alert-${alertId}`,
    type,
    data,
    metadata: {},
    revision: 0n,
    position: 9n,
    recordedAt: new Date('2026-11-26T10:00:01Z'),
  };
}

describe('safeguardingAlertMessages', () => {
  it('publishes a raised alert keyed by the person, ids and codes only', () => {
    const [message] = safeguardingAlertMessages(recorded('SafeguardingAlertRaised', alert));
    expect(message?.topic).toBe(RECORD_TOPIC);
    expect(message?.key).toBe(personId);
    const event = fromBusMessage(message as NonNullable<typeof message>);
    expect(event.type).toBe(SafeguardingAlertRaisedV1Event.type);
    expect(event.data).toEqual({
      alertId,
      kind: 'child-protection-flag',
      personId,
      organisation: 'HOSP1',
      audience: 'attending-service',
      triggerEntryId,
      raisedAt: '2026-11-26T10:00:00.000Z',
    });
    expect(JSON.stringify(event)).not.toContain('CP plan');
  });

  it('publishes nothing for an acknowledgement', () => {
    expect(safeguardingAlertMessages(recorded('SafeguardingAlertAcknowledged', { alertId }))).toEqual([]);
  });

  it('is what the record service relay publishes for a raised alert', () => {
    expect(recordEventsMapper(recorded('SafeguardingAlertRaised', alert))).toHaveLength(1);
  });
});
