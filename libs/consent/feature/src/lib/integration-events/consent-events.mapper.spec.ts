import type { ConsentEvent } from '@ilinks/consent/domain';
import type { RecordedEvent } from '@ilinks/platform/event-store';
import { fromBusMessage } from '@ilinks/platform/messaging';
import { consentEventsMapper } from './consent-events.mapper';

const personId = '10000000-0000-4000-8000-000000000001';
const consentId = '20000000-0000-4000-8000-000000000001';
const relationshipId = '30000000-0000-4000-8000-000000000001';
const actor = { subject: 'dr-1', organisation: 'A81001', role: 'practitioner' as const };
const at = '2026-11-26T10:00:00.000Z';

function recorded(event: ConsentEvent, revision = 3n): RecordedEvent {
  return {
    id: '90000000-0000-4000-8000-000000000001',
    streamName: `consent.person-${personId}`,
    type: event.type,
    data: event.data,
    metadata: {},
    revision,
    position: 42n,
    recordedAt: new Date(at),
  };
}

const publishedFor = (event: ConsentEvent) => consentEventsMapper(recorded(event)).map(fromBusMessage);

describe('consentEventsMapper', () => {
  it('publishes a withdrawal as the change of its kind, keyed and sequenced by the person', () => {
    const messages = consentEventsMapper(
      recorded({
        type: 'ConsentWithdrawn',
        data: { personId, consentId, kind: 'delegation', withdrawnBy: actor, withdrawnAt: at },
      }),
    );
    expect(messages).toHaveLength(1);
    expect(messages[0].key).toBe(personId);
    expect(fromBusMessage(messages[0])).toMatchObject({
      type: 'ilinks.consent.consent-changed.v1',
      source: '/ilinks/consent',
      subject: personId,
      sequence: '3',
      data: { personId, consentId, change: 'delegation-revoked', changedAt: at },
    });
  });

  it.each([
    [
      {
        type: 'ObjectionRecorded',
        data: { personId, consentId, recordedBy: actor, onBehalf: true, recordedAt: at },
      },
      'objection-recorded',
    ],
    [
      {
        type: 'CategorySharingAgreed',
        data: { personId, consentId, recordedBy: actor, category: 'hiv', recordedAt: at },
      },
      'category-shared',
    ],
    [
      {
        type: 'DelegationGranted',
        data: {
          personId,
          consentId,
          recordedBy: actor,
          carer: 'c',
          parts: ['summary'],
          until: at,
          grantedAt: at,
        },
      },
      'delegation-granted',
    ],
  ] as [ConsentEvent, string][])('publishes %p as %s', (event, change) => {
    expect(publishedFor(event)[0].data).toMatchObject({ change });
  });

  it('publishes a self-declared relationship with who declared it and why, without internal fields', () => {
    const [message] = publishedFor({
      type: 'CareRelationshipStarted',
      data: {
        personId,
        relationshipId,
        organisation: 'RBS',
        kind: 'self-declared',
        since: at,
        declaredBy: 'dr-1',
        reason: 'Clinic',
        startedAt: at,
      },
    });
    expect(message.type).toBe('ilinks.consent.care-relationship-started.v1');
    expect(message.data).toEqual({
      personId,
      relationshipId,
      organisation: 'RBS',
      kind: 'self-declared',
      since: at,
      declaredBy: 'dr-1',
      reason: 'Clinic',
    });
  });

  it('publishes every break-glass grant for review', () => {
    const [message] = publishedFor({
      type: 'BreakGlassGranted',
      data: {
        personId,
        grantId: consentId,
        subject: 'dr-2',
        organisation: 'RBS',
        reason: 'Emergency',
        grantedAt: at,
        expiresAt: at,
      },
    });
    expect(message.type).toBe('ilinks.consent.break-glass-used.v1');
  });

  it('publishes nothing for an event type it does not know', () => {
    expect(
      consentEventsMapper({ ...recorded({} as ConsentEvent), type: 'SomethingNewer', data: {} }),
    ).toEqual([]);
  });
});
