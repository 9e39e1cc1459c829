import { IDENTITY_TOPIC } from '@ilinks/identity-matching/contracts';
import { fromBusMessage, type IntegrationEvent } from '@ilinks/platform/messaging';
import { type MessageBus } from '@ilinks/platform/messaging';
import { openBus, type RunningService } from '@ilinks/platform/runtime';
import { jsonOf, waitFor } from '@ilinks/shared/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultMatchModel, MATCH_MODEL_STREAM } from '@ilinks/identity-matching/domain';
import { SqliteEventStore } from '@ilinks/platform/event-store';
import { randomUUID } from 'node:crypto';
import { identityMatchingService } from './identity-matching.service';
import { EMBEDDED_FOR_SPECS, startIdentityService } from './testing/start-identity-service';

const patient = {
  organisation: 'RBS',
  identifier: { system: 'https://fhir.alderhey.example/Id/mrn', value: 'AH-12345' },
  demographics: {
    nhsNumber: '943 476 5919',
    names: [{ family: 'Jones', given: ['Amelia'], use: 'official' }],
    birthDate: '2015-03-14',
    gender: 'female',
    addresses: [{ lines: ['12 Park Road'], city: 'Liverpool', postcode: 'L8 1AB' }],
    telecom: [],
  },
};

describe('identity-matching service (embedded adapters)', () => {
  let dataDir: string;
  let bus: MessageBus;
  let service: RunningService;

  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${service.url}/local-records`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ilinks-identity-'));
    bus = openBus(EMBEDDED_FOR_SPECS, { dataDir }, 'test');
    service = await startIdentityService(dataDir, bus);
  });

  afterAll(async () => {
    await service?.stop();
    await bus?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('registers a record, projects it, and publishes a CloudEvent keyed by the local record id', async () => {
    const published: IntegrationEvent[] = [];
    const consumer = await bus.consume(
      { groupId: 'test-observer', topics: [IDENTITY_TOPIC] },
      async (message) => {
        published.push(fromBusMessage(message));
      },
    );

    const response = await post(patient, { 'idempotency-key': 'request-0001' });
    expect(response.status).toBe(201);
    const result = (await response.json()) as {
      localRecordId: string;
      personId: string;
      record: string;
      link: { outcome: string };
    };
    expect(result.record).toBe('registered');
    expect(result.link.outcome).toBe('new-person');

    await waitFor(
      async () => (await fetch(`${service.url}/local-records/${result.localRecordId}`)).status === 200,
      {
        description: 'the local record appears in its view',
      },
    );
    const view = await (await fetch(`${service.url}/local-records/${result.localRecordId}`)).json();
    expect(view).toMatchObject({
      organisation: 'RBS',
      nhsNumber: '9434765919',
      personId: result.personId,
      demographics: { names: [{ family: 'Jones' }], addresses: [{ postcode: 'L8 1AB' }] },
    });

    await waitFor(() => published.length === 2, { description: 'the integration events are published' });
    expect(published[0]).toMatchObject({
      type: 'ilinks.identity.local-record-registered.v1',
      subject: result.localRecordId,
      data: { localRecordId: result.localRecordId, organisation: 'RBS', identifier: patient.identifier },
    });
    expect(published[1]).toMatchObject({
      type: 'ilinks.identity.local-record-person-changed.v1',
      subject: result.localRecordId,
      data: { localRecordId: result.localRecordId, personId: result.personId, change: 'registered' },
    });
    await consumer.stop();
  });

  it('records nothing new for a retry with the same key or the same demographics', async () => {
    const retry = await jsonOf(await post(patient, { 'idempotency-key': 'request-0001' }));
    const resend = await jsonOf(await post(patient));
    expect(retry).toMatchObject({ record: 'registered', link: { outcome: 'already-linked' } });
    expect(resend).toMatchObject({ record: 'unchanged', link: { outcome: 'already-linked' } });
    expect(resend.personId).toBe(retry.personId);
  });

  it('refuses an identifier owned by another organisation, storing nothing', async () => {
    const response = await post({ ...patient, organisation: 'A81001' });
    expect(response.status).toBe(403);
    expect((await jsonOf(response)).resourceType).toBe('OperationOutcome');
  });

  it('refuses an NHS number that fails Modulus 11 with an OperationOutcome naming it', async () => {
    const response = await post({
      ...patient,
      identifier: { ...patient.identifier, value: 'AH-99999' },
      demographics: { ...patient.demographics, nhsNumber: '9434765918' },
    });
    expect(response.status).toBe(400);
    const outcome = await jsonOf(response);
    expect(outcome.issue[0].expression).toEqual(['identifier.nhs-number']);
    const lookup = await fetch(
      `${service.url}/local-records?system=${encodeURIComponent(patient.identifier.system)}&value=AH-99999`,
    );
    expect(await lookup.json()).toEqual([]);
  });

  it('refuses unknown fields', async () => {
    const response = await post({ ...patient, extra: true });
    expect(response.status).toBe(400);
  });

  it('falls back to the priors when the adopted model lacks fields this version compares', async () => {
    const store = new SqliteEventStore(join(dataDir, identityMatchingService.name, 'events.sqlite'));
    const { givenName: _dropped, ...olderFields } = defaultMatchModel().fields;
    await store.appendToStream(
      MATCH_MODEL_STREAM,
      [
        {
          id: randomUUID(),
          type: 'MatchModelAdopted',
          data: {
            modelId: 'from-an-older-version',
            model: { ...defaultMatchModel(), fields: olderFields },
            records: 500,
            candidatePairs: 900,
            adoptedAt: new Date().toISOString(),
          },
        },
      ],
      { expectedRevision: 'any' },
    );
    await store.close();
    // A replica starting now reads the adopted model first thing.
    const replica = await startIdentityService(dataDir, bus);
    try {
      const registered = await fetch(`${replica.url}/local-records`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...patient, identifier: { ...patient.identifier, value: 'AH-77777' } }),
      });
      expect(registered.status).toBe(201);
      const match = await fetch(`${replica.url}/match`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          demographics: { names: [{ family: 'Jones', given: ['Amelia'] }], birthDate: '2015-03-14' },
        }),
      });
      expect(match.status).toBe(200);
      expect((await jsonOf(match)).matches[0]).toMatchObject({ grade: expect.any(String) });
      expect((await jsonOf(await fetch(`${replica.url}/match-model`))).modelId).toBe('default-priors-v2');
    } finally {
      await replica.stop();
    }
  });

  it('answers readiness with its real dependencies', async () => {
    const response = await fetch(`${service.url}/health/ready`);
    expect(response.status).toBe(200);
    expect((await jsonOf(response)).checks).toHaveProperty('event-store');
  });
});
