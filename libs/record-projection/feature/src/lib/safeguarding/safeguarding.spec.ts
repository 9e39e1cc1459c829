import {
  IDENTITY_EVENT_SOURCE,
  IDENTITY_PERSON_LINKS_SOURCE,
  IDENTITY_TOPIC,
  LocalRecordPersonChangedV1Event,
  LocalRecordRegisteredV1Event,
} from '@ilinks/identity-matching/contracts';
import type { EventStore } from '@ilinks/platform/event-store';
import {
  defineIntegrationEvent,
  fromBusMessage,
  type IntegrationEvent,
  type MessageBus,
  toValidatedBusMessage,
} from '@ilinks/platform/messaging';
import { EVENT_STORE, openBus, type RunningService } from '@ilinks/platform/runtime';
import {
  RECORD_TOPIC,
  type RecordEntryChangedV1,
  type SafeguardingAlertRaisedV1,
  type SafeguardingAlertV1,
} from '@ilinks/record-projection/contracts';
import {
  SAFEGUARDING_FLAG_SYSTEM,
  safeguardingAlertStream,
  V3_ACT_CODE,
} from '@ilinks/record-projection/domain';
import { jsonOf, waitFor } from '@ilinks/shared/testing';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EMBEDDED_FOR_SPECS, startRecordService } from '../testing/start-record-service';
import { SafeguardingAlerts } from './safeguarding-alerts';

const registeredV1 = defineIntegrationEvent(LocalRecordRegisteredV1Event);
const personChangedV1 = defineIntegrationEvent(LocalRecordPersonChangedV1Event);
const AT = '2026-11-26T09:00:00.000Z';

describe('child protection early warning (embedded adapters)', () => {
  let dataDir: string;
  let bus: MessageBus;
  let service: RunningService;
  const published: IntegrationEvent[] = [];

  const call = (method: string, path: string, body?: unknown) =>
    fetch(`${service.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const alertsFor = async (organisation: string, personId: string): Promise<SafeguardingAlertV1[]> =>
    (
      await jsonOf(
        await call('GET', `/safeguarding/alerts?organisation=${organisation}&personId=${personId}`),
      )
    ).alerts as SafeguardingAlertV1[];
  const acknowledge = (alertId: string, organisation: string) =>
    call('POST', `/safeguarding/alerts/${alertId}/acknowledge`, {
      organisation,
      acknowledgedBy: { subject: 'dr-1', role: 'practitioner' },
    });

  /** Identity registers a record at the organisation and links it to the person. */
  async function registerAndLink(organisation: string, value: string, personId: string): Promise<void> {
    const localRecordId = randomUUID();
    const identifier = { system: `https://${organisation.toLowerCase()}.example/Id/mrn`, value };
    const envelope = { source: IDENTITY_EVENT_SOURCE, subject: localRecordId, sequence: '0', time: AT };
    await bus.publish([
      toValidatedBusMessage(registeredV1, localRecordId, {
        ...envelope,
        id: randomUUID(),
        data: { localRecordId, organisation, identifier, registeredAt: AT },
      }),
      toValidatedBusMessage(personChangedV1, localRecordId, {
        ...envelope,
        id: randomUUID(),
        source: IDENTITY_PERSON_LINKS_SOURCE,
        sequence: '1',
        data: { localRecordId, personId, change: 'registered', changedAt: AT },
      }),
    ]);
    await waitFor(
      async () =>
        (await jsonOf(await call('GET', `/local-record-index/${localRecordId}`))).personId === personId,
      { description: 'the index to link the record' },
    );
  }

  async function record(organisation: string, value: string, resource: Record<string, unknown>) {
    const response = await call('POST', '/entries', {
      organisation,
      recordedBy: { subject: 'system-1', role: 'system' },
      resourceType: resource['resourceType'],
      partnerId: resource['id'],
      subject: { system: `https://${organisation.toLowerCase()}.example/Id/mrn`, value },
      resource,
      part: resource['resourceType'] === 'Flag' ? 'alerts' : 'encounters',
      codes: [],
      unknownCodeSystems: false,
    });
    expect(response.status).toBe(201);
    return (await jsonOf(response)).entry as { entryId: string };
  }

  const cpFlag = (id: string) => ({
    resourceType: 'Flag',
    id,
    status: 'active',
    code: {
      coding: [{ system: SAFEGUARDING_FLAG_SYSTEM, code: 'child-protection-plan', display: 'CP plan' }],
    },
    period: { start: '2026-01-01' },
  });
  const edVisit = (id: string, start: string) => ({
    resourceType: 'Encounter',
    id,
    status: 'finished',
    class: { system: V3_ACT_CODE, code: 'EMER' },
    period: { start },
  });

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ilinks-safeguarding-'));
    bus = openBus(EMBEDDED_FOR_SPECS, { dataDir }, 'test');
    await bus.ensureTopics([IDENTITY_TOPIC, RECORD_TOPIC]);
    service = await startRecordService(dataDir, bus);
    await bus.consume({ groupId: 'test-observer', topics: [RECORD_TOPIC] }, async (message) => {
      published.push(fromBusMessage(message));
    });
  });

  afterAll(async () => {
    await service?.stop();
    await bus?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  describe('a flagged child attending the emergency department', () => {
    const personId = randomUUID();
    let attending: SafeguardingAlertV1;

    beforeAll(async () => {
      await registerAndLink('SOC1', 'S-1', personId);
      await registerAndLink('HOSP1', 'H-1', personId);
      await record('SOC1', 'S-1', cpFlag('flag-1'));
      await record('HOSP1', 'H-1', edVisit('enc-1', '2026-11-20T10:00:00Z'));
      await waitFor(async () => (await alertsFor('SOC1', personId)).length > 0, {
        description: 'the alerts to be raised',
      });
      [attending] = (await alertsFor('HOSP1', personId)) as [SafeguardingAlertV1];
    });

    it('shows the flag to the attending service', () => {
      expect(attending).toMatchObject({
        kind: 'child-protection-flag',
        personId,
        organisation: 'HOSP1',
        audience: 'attending-service',
        status: 'open',
        trigger: { organisation: 'HOSP1', setting: 'emergency-department', at: '2026-11-20T10:00:00.000Z' },
        flags: [
          { kind: 'child-protection-plan', display: 'CP plan', organisation: 'SOC1', since: '2026-01-01' },
        ],
      });
    });

    it('notifies the social-care organisation of the attendance', async () => {
      expect(await alertsFor('SOC1', personId)).toEqual([
        expect.objectContaining({ kind: 'child-protection-flag', audience: 'social-care', status: 'open' }),
      ]);
    });

    it('publishes SafeguardingAlertRaisedV1 keyed by the person, without clinical text', async () => {
      const raised = () =>
        published.filter((event) => (event.data as SafeguardingAlertRaisedV1).personId === personId);
      await waitFor(() => raised().length >= 2, { description: 'the alert events to be published' });
      expect(
        raised()
          .map((event) => (event.data as SafeguardingAlertRaisedV1).organisation)
          .sort(),
      ).toEqual(['HOSP1', 'SOC1']);
      expect(JSON.stringify(raised())).not.toContain('CP plan');
    });

    it('raises nothing new when the same change is delivered again', async () => {
      const change = published.find(
        (event) => (event.data as RecordEntryChangedV1).entryId === attending.trigger.entryId,
      ) as IntegrationEvent<RecordEntryChangedV1> | undefined;
      expect(change).toBeDefined();
      const alerts = service.app.get(SafeguardingAlerts);
      const again = await alerts.assess(
        (change as IntegrationEvent<RecordEntryChangedV1>).data,
        randomUUID(),
      );
      expect(again.map((alert) => alert.alertId)).toContain(attending.alertId);
      const eventStore = service.app.get<EventStore>(EVENT_STORE);
      expect(await eventStore.readStream(safeguardingAlertStream(attending.alertId))).toHaveLength(1);
      expect(await alertsFor('HOSP1', personId)).toHaveLength(1);
    });

    it('lets only the addressed organisation acknowledge, once', async () => {
      expect((await acknowledge(attending.alertId, 'SOC1')).status).toBe(403);
      const first = await acknowledge(attending.alertId, 'HOSP1');
      expect(first.status).toBe(200);
      const acknowledged = await jsonOf(first);
      expect(acknowledged).toMatchObject({
        status: 'acknowledged',
        acknowledgedBy: { subject: 'dr-1', role: 'practitioner' },
      });
      const second = await jsonOf(await acknowledge(attending.alertId, 'HOSP1'));
      expect(second.acknowledgedAt).toBe(acknowledged.acknowledgedAt);
      const eventStore = service.app.get<EventStore>(EVENT_STORE);
      expect(await eventStore.readStream(safeguardingAlertStream(attending.alertId))).toHaveLength(2);
    });

    it('answers 404 for an unknown alert and 400 for a list without organisation', async () => {
      expect((await acknowledge(randomUUID(), 'HOSP1')).status).toBe(404);
      const missing = await call('GET', '/safeguarding/alerts');
      expect(missing.status).toBe(400);
      expect((await jsonOf(missing)).resourceType).toBe('OperationOutcome');
    });
  });

  it('raises one pattern alert to the hub for three attendances at two organisations in 30 days', async () => {
    const personId = randomUUID();
    await registerAndLink('HOSP1', 'H-2', personId);
    await registerAndLink('HOSP2', 'H2-2', personId);
    await record('HOSP1', 'H-2', edVisit('enc-p1', '2026-11-02T10:00:00Z'));
    await record('HOSP2', 'H2-2', edVisit('enc-p2', '2026-11-12T10:00:00Z'));
    const third = await record('HOSP1', 'H-2', edVisit('enc-p3', '2026-11-22T10:00:00Z'));
    await waitFor(async () => (await alertsFor('SGHUB', personId)).length > 0, {
      description: 'the pattern alert to be raised',
    });
    const alerts = await alertsFor('SGHUB', personId);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      kind: 'unscheduled-care-pattern',
      audience: 'safeguarding-hub',
      trigger: { entryId: third.entryId },
      flags: [],
    });
    expect(alerts[0]?.attendances.map((attendance) => attendance.organisation)).toEqual([
      'HOSP1',
      'HOSP2',
      'HOSP1',
    ]);
    expect(await alertsFor('HOSP1', personId)).toEqual([]);
  });

  it('assesses an attendance recorded before its patient was registered once the record is linked', async () => {
    const personId = randomUUID();
    await registerAndLink('SOC1', 'S-LATE', personId);
    await record('SOC1', 'S-LATE', cpFlag('flag-late'));
    await record('HOSP1', 'H-LATE', edVisit('enc-late', '2026-11-25T22:00:00Z'));
    expect(await alertsFor('HOSP1', personId)).toEqual([]);
    await registerAndLink('HOSP1', 'H-LATE', personId);
    await waitFor(async () => (await alertsFor('HOSP1', personId)).length === 1, {
      description: 'the alert raised when the record was linked',
    });
    expect(await alertsFor('SOC1', personId)).toEqual([
      expect.objectContaining({ kind: 'child-protection-flag', audience: 'social-care' }),
    ]);
  });

  it('raises nothing for an encounter whose patient is not registered yet', async () => {
    const entry = await record('HOSP1', 'UNKNOWN-1', edVisit('enc-unregistered', '2026-11-20T10:00:00Z'));
    const alerts = service.app.get(SafeguardingAlerts);
    const change: RecordEntryChangedV1 = {
      entryId: entry.entryId,
      revision: 1,
      change: 'recorded',
      organisation: 'HOSP1',
      resourceType: 'Encounter',
      part: 'encounters',
      patientContributed: false,
      changedAt: AT,
    };
    expect(await alerts.assess(change, randomUUID())).toEqual([]);
  });
});
