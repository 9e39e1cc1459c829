import {
  IDENTITY_EVENT_SOURCE,
  IDENTITY_PERSON_LINKS_SOURCE,
  IDENTITY_TOPIC,
  LocalRecordPersonChangedV1Event,
  LocalRecordRegisteredV1Event,
  type PersonChangeV1,
} from '@ilinks/identity-matching/contracts';
import {
  defineIntegrationEvent,
  fromBusMessage,
  type IntegrationEvent,
  type MessageBus,
  toValidatedBusMessage,
} from '@ilinks/platform/messaging';
import { openBus, type RunningService } from '@ilinks/platform/runtime';
import { RECORD_TOPIC, type RecordEntryChangedV1 } from '@ilinks/record-projection/contracts';
import { jsonOf, waitFor } from '@ilinks/shared/testing';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EMBEDDED_FOR_SPECS, startRecordService } from './testing/start-record-service';

const registeredV1 = defineIntegrationEvent(LocalRecordRegisteredV1Event);
const personChangedV1 = defineIntegrationEvent(LocalRecordPersonChangedV1Event);

const HOSPITAL = 'RBS';
const PRACTICE = 'A81001';
const MRN = 'https://fhir.alderhey.example/Id/mrn';

function entryRequest(overrides: Record<string, unknown> = {}) {
  return {
    organisation: HOSPITAL,
    recordedBy: { subject: 'system-1', role: 'system' },
    resourceType: 'Condition',
    partnerId: 'cond-1',
    subject: { system: MRN, value: 'AH-1' },
    resource: { resourceType: 'Condition', id: 'cond-1', code: { text: 'Asthma' } },
    part: 'problems',
    effectiveAt: '2020-01-01',
    codes: [{ system: 'http://snomed.info/sct', code: '195967001' }],
    unknownCodeSystems: false,
    ...overrides,
  };
}

describe('record service (embedded adapters)', () => {
  let dataDir: string;
  let bus: MessageBus;
  let service: RunningService;
  let personSequence = 0;
  const published: IntegrationEvent<RecordEntryChangedV1>[] = [];

  const call = (method: string, path: string, body?: unknown) =>
    fetch(`${service.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const post = (path: string, body: unknown) => call('POST', path, body);
  const personEntries = async (personId: string, query = '') =>
    (await jsonOf(await call('GET', `/persons/${personId}/entries${query}`))).entries as {
      partnerId: string;
      organisation: string;
      status: string;
    }[];

  /** Identity registers a record and links it to a person, as its relay would publish it. */
  async function registerAndLink(
    identifier: { system: string; value: string },
    organisation: string,
    personId: string,
  ): Promise<string> {
    const localRecordId = randomUUID();
    await bus.publish([
      toValidatedBusMessage(registeredV1, localRecordId, {
        id: randomUUID(),
        source: IDENTITY_EVENT_SOURCE,
        subject: localRecordId,
        sequence: '0',
        time: '2026-11-26T09:00:00.000Z',
        data: { localRecordId, organisation, identifier, registeredAt: '2026-11-26T09:00:00.000Z' },
      }),
    ]);
    await movePerson(localRecordId, personId, 'registered');
    return localRecordId;
  }

  async function movePerson(localRecordId: string, personId: string, change: PersonChangeV1): Promise<void> {
    personSequence += 1;
    await bus.publish([
      toValidatedBusMessage(personChangedV1, localRecordId, {
        id: randomUUID(),
        source: IDENTITY_PERSON_LINKS_SOURCE,
        subject: localRecordId,
        sequence: String(personSequence),
        time: '2026-11-26T09:00:00.000Z',
        data: { localRecordId, personId, change, changedAt: '2026-11-26T09:00:00.000Z' },
      }),
    ]);
    await waitFor(
      async () =>
        (await jsonOf(await call('GET', `/local-record-index/${localRecordId}`))).personId === personId,
      { description: 'the index to link the record' },
    );
  }

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ilinks-record-'));
    bus = openBus(EMBEDDED_FOR_SPECS, { dataDir }, 'test');
    await bus.ensureTopics([IDENTITY_TOPIC, RECORD_TOPIC]);
    service = await startRecordService(dataDir, bus);
    await bus.consume({ groupId: 'test-observer', topics: [RECORD_TOPIC] }, async (message) => {
      published.push(fromBusMessage(message) as IntegrationEvent<RecordEntryChangedV1>);
    });
  });

  afterAll(async () => {
    await service?.stop();
    await bus?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('records an entry (201), stays quiet on a resend (200 unchanged), and revises a change (200)', async () => {
    const first = await post('/entries', entryRequest());
    expect(first.status).toBe(201);
    const recorded = await jsonOf(first);
    expect(recorded).toMatchObject({ outcome: 'recorded', entry: { revision: 1, status: 'current' } });
    expect(recorded.entry).not.toHaveProperty('subjectKey');

    const resend = await post('/entries', entryRequest());
    expect(resend.status).toBe(200);
    expect(await jsonOf(resend)).toMatchObject({ outcome: 'unchanged', entry: { revision: 1 } });

    const changed = await post('/entries', entryRequest({ part: 'medications' }));
    expect(changed.status).toBe(200);
    expect(await jsonOf(changed)).toMatchObject({
      outcome: 'revised',
      entry: { revision: 2, part: 'medications' },
    });

    const mine = () => published.filter((event) => event.subject === recorded.entry.entryId);
    await waitFor(() => mine().length >= 2, { description: 'the entry events to be published' });
    expect(mine().map((event) => [event.data.change, event.data.revision])).toEqual([
      ['recorded', 1],
      ['revised', 2],
    ]);
    expect(JSON.stringify(mine())).not.toContain('AH-1');

    const byKey = await jsonOf(
      await call('GET', `/entries?organisation=${HOSPITAL}&resourceType=Condition&partnerId=cond-1`),
    );
    expect(byKey).toMatchObject({ entryId: recorded.entry.entryId, revision: 2 });
  });

  it('refuses another organisation retracting an entry (403), storing nothing', async () => {
    const { entry } = await jsonOf(await post('/entries', entryRequest({ partnerId: 'cond-403' })));
    const refused = await post(`/entries/${entry.entryId}/entered-in-error`, {
      organisation: PRACTICE,
      recordedBy: { subject: 'system-2', role: 'system' },
    });
    expect(refused.status).toBe(403);
    expect((await jsonOf(refused)).resourceType).toBe('OperationOutcome');
    expect(await jsonOf(await call('GET', `/entries/${entry.entryId}`))).toMatchObject({
      revision: 1,
      status: 'current',
    });
  });

  it('marks an entry entered-in-error once, then refuses revising it (409)', async () => {
    const { entry } = await jsonOf(await post('/entries', entryRequest({ partnerId: 'cond-eie' })));
    const retract = { organisation: HOSPITAL, recordedBy: { subject: 'system-1', role: 'system' } };
    const first = await post(`/entries/${entry.entryId}/entered-in-error`, retract);
    expect(first.status).toBe(200);
    expect(await jsonOf(first)).toMatchObject({ status: 'entered-in-error', revision: 2 });
    expect(await jsonOf(await post(`/entries/${entry.entryId}/entered-in-error`, retract))).toMatchObject({
      revision: 2,
    });
    const revise = await post('/entries', entryRequest({ partnerId: 'cond-eie', part: 'medications' }));
    expect(revise.status).toBe(409);
  });

  it('refuses a revision that moves the entry to another patient (422)', async () => {
    await post('/entries', entryRequest({ partnerId: 'cond-422' }));
    const moved = await post(
      '/entries',
      entryRequest({ partnerId: 'cond-422', subject: { system: MRN, value: 'AH-2' } }),
    );
    expect(moved.status).toBe(422);
  });

  it('stores nothing of an atomic batch with one refused entry', async () => {
    await post('/entries', entryRequest({ partnerId: 'cond-batch-a' }));
    const response = await post('/entries/$batch', {
      atomic: true,
      entries: [
        entryRequest({ partnerId: 'cond-batch-new' }),
        entryRequest({ partnerId: 'cond-batch-a', subject: { system: MRN, value: 'AH-9' } }),
      ],
    });
    expect(response.status).toBe(200);
    const result = await jsonOf(response);
    expect(result.stored).toBe(false);
    expect(result.items).toEqual([
      expect.objectContaining({ ok: false, status: 424 }),
      expect.objectContaining({ ok: false, status: 422, code: 'subject-changed' }),
    ]);
    const notStored = await call(
      'GET',
      `/entries?organisation=${HOSPITAL}&resourceType=Condition&partnerId=cond-batch-new`,
    );
    expect(notStored.status).toBe(404);
  });

  it('stores an atomic batch whole when every entry is accepted', async () => {
    const result = await jsonOf(
      await post('/entries/$batch', {
        atomic: true,
        entries: [entryRequest({ partnerId: 'cond-tx-1' }), entryRequest({ partnerId: 'cond-tx-2' })],
      }),
    );
    expect(result.stored).toBe(true);
    expect(result.items.map((item: { result: { outcome: string } }) => item.result.outcome)).toEqual([
      'recorded',
      'recorded',
    ]);
  });

  it('reports each entry of a non-atomic batch on its own', async () => {
    await post('/entries', entryRequest({ partnerId: 'cond-batch-b' }));
    const result = await jsonOf(
      await post('/entries/$batch', {
        atomic: false,
        entries: [
          entryRequest({ partnerId: 'cond-batch-c' }),
          entryRequest({ partnerId: 'cond-batch-b', subject: { system: MRN, value: 'AH-9' } }),
          entryRequest({ partnerId: 'cond-batch-b' }),
        ],
      }),
    );
    expect(result.stored).toBe(false);
    expect(result.items).toEqual([
      { ok: true, result: expect.objectContaining({ outcome: 'recorded' }) },
      expect.objectContaining({ ok: false, status: 422 }),
      { ok: true, result: expect.objectContaining({ outcome: 'unchanged' }) },
    ]);
  });

  it('answers each item of a batch with the version it recorded, an entry sent twice included', async () => {
    const revised = { resourceType: 'Condition', id: 'cond-twice', code: { text: 'Asthma, severe' } };
    const result = await jsonOf(
      await post('/entries/$batch', {
        atomic: true,
        entries: [
          entryRequest({ partnerId: 'cond-twice' }),
          entryRequest({ partnerId: 'cond-once' }),
          entryRequest({ partnerId: 'cond-twice', resource: revised }),
        ],
      }),
    );
    expect(result.stored).toBe(true);
    const answered = result.items.map(
      (item: { result: { outcome: string; entry: { partnerId: string; revision: number } } }) => [
        item.result.outcome,
        item.result.entry.partnerId,
        item.result.entry.revision,
      ],
    );
    expect(answered).toEqual([
      ['recorded', 'cond-twice', 1],
      ['recorded', 'cond-once', 1],
      ['revised', 'cond-twice', 2],
    ]);
    const stored = await jsonOf(
      await call('GET', `/entries?organisation=${HOSPITAL}&resourceType=Condition&partnerId=cond-twice`),
    );
    expect(stored.resource).toEqual(revised);
  });

  it('shows an entry sent before its patient was registered once identity links the record', async () => {
    const subject = { system: MRN, value: 'HELD-1' };
    const personId = randomUUID();
    await post('/entries', entryRequest({ partnerId: 'cond-held', subject }));
    expect(await personEntries(personId)).toEqual([]);
    await registerAndLink(subject, HOSPITAL, personId);
    expect((await personEntries(personId)).map((entry) => entry.partnerId)).toEqual(['cond-held']);
  });

  it("joins both organisations' entries on a merge and separates them on an unmerge", async () => {
    const hospitalRecord = { system: MRN, value: 'MERGE-H' };
    const practiceRecord = { system: 'https://gp.example/Id/patient', value: 'MERGE-P' };
    const [first, second] = [randomUUID(), randomUUID()];
    await post(
      '/entries',
      entryRequest({ partnerId: 'cond-merge-h', subject: hospitalRecord, effectiveAt: '2021-01-01' }),
    );
    await post(
      '/entries',
      entryRequest({
        organisation: PRACTICE,
        partnerId: 'cond-merge-p',
        subject: practiceRecord,
        effectiveAt: '2024-01-01',
      }),
    );
    await registerAndLink(hospitalRecord, HOSPITAL, first);
    const practiceId = await registerAndLink(practiceRecord, PRACTICE, second);
    expect((await personEntries(first)).map((entry) => entry.partnerId)).toEqual(['cond-merge-h']);

    await movePerson(practiceId, first, 'merged');
    expect((await personEntries(first)).map((entry) => entry.partnerId)).toEqual([
      'cond-merge-p',
      'cond-merge-h',
    ]);
    expect(await personEntries(second)).toEqual([]);

    await movePerson(practiceId, second, 'merge-undone');
    expect((await personEntries(first)).map((entry) => entry.partnerId)).toEqual(['cond-merge-h']);
    expect((await personEntries(second)).map((entry) => entry.partnerId)).toEqual(['cond-merge-p']);
  });

  it('never shows an entry about an identifier another organisation registered', async () => {
    const subject = { system: MRN, value: 'OTHER-ORG' };
    const personId = randomUUID();
    await registerAndLink(subject, HOSPITAL, personId);
    await post('/entries', entryRequest({ organisation: PRACTICE, partnerId: 'cond-foreign', subject }));
    await post('/entries', entryRequest({ partnerId: 'cond-own', subject }));
    expect((await personEntries(personId)).map((entry) => entry.partnerId)).toEqual(['cond-own']);
  });

  it('filters a person read and includes entered-in-error only when asked', async () => {
    const subject = { system: MRN, value: 'FILTER-1' };
    const personId = randomUUID();
    await registerAndLink(subject, HOSPITAL, personId);
    const { entry } = await jsonOf(await post('/entries', entryRequest({ partnerId: 'cond-f1', subject })));
    await post(
      '/entries',
      entryRequest({
        partnerId: 'med-f2',
        subject,
        resourceType: 'MedicationStatement',
        part: 'medications',
      }),
    );
    await post(`/entries/${entry.entryId}/entered-in-error`, {
      organisation: HOSPITAL,
      recordedBy: { subject: 'system-1', role: 'system' },
    });
    expect((await personEntries(personId)).map((e) => e.partnerId)).toEqual(['med-f2']);
    expect(await personEntries(personId, '?resourceType=Condition')).toEqual([]);
    expect(
      (await personEntries(personId, '?resourceType=Condition&includeEnteredInError=true')).map(
        (e) => e.status,
      ),
    ).toEqual(['entered-in-error']);
    expect((await personEntries(personId, '?part=medications')).map((e) => e.partnerId)).toEqual(['med-f2']);
    expect((await call('GET', `/persons/${personId}/entries?includeEnteredInError=yes`)).status).toBe(400);
  });

  it('publishes the local record known when an entry changes', async () => {
    const subject = { system: MRN, value: 'LINKED-1' };
    const localRecordId = await registerAndLink(subject, HOSPITAL, randomUUID());
    const { entry } = await jsonOf(
      await post('/entries', entryRequest({ partnerId: 'cond-linked', subject })),
    );
    await waitFor(() => published.some((event) => event.subject === entry.entryId), {
      description: 'the entry event to be published',
    });
    expect(published.find((event) => event.subject === entry.entryId)?.data.localRecordId).toBe(
      localRecordId,
    );
  });

  it('refuses bad bodies with a 400 naming the field', async () => {
    const { part: _part, ...withoutPart } = entryRequest();
    const missing = await post('/entries', withoutPart);
    expect(missing.status).toBe(400);
    expect((await jsonOf(missing)).issue[0].expression).toEqual(['part']);

    const nested = await post('/entries/$batch', {
      atomic: true,
      entries: [entryRequest({ subject: { system: MRN } })],
    });
    expect(nested.status).toBe(400);
    expect(JSON.stringify(await jsonOf(nested))).toContain('entries[0].subject.value');

    const badOrganisation = await post('/entries/00000000-0000-5000-8000-000000000000/entered-in-error', {
      organisation: 'lower',
      recordedBy: { subject: 's', role: 'system' },
    });
    expect(badOrganisation.status).toBe(400);
    expect((await jsonOf(badOrganisation)).issue[0].expression).toEqual(['organisation']);
  });
});
