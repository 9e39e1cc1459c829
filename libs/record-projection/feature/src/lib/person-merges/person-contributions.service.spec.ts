import {
  IDENTITY_EVENT_SOURCE,
  IDENTITY_TOPIC,
  PersonsMergedV1Event,
  PersonsMergeUndoneV1Event,
} from '@ilinks/identity-matching/contracts';
import { defineIntegrationEvent, type MessageBus, toValidatedBusMessage } from '@ilinks/platform/messaging';
import { openBus, type RunningService } from '@ilinks/platform/runtime';
import { PERSON_SUBJECT_SYSTEM, RECORD_TOPIC } from '@ilinks/record-projection/contracts';
import { jsonOf, waitFor } from '@ilinks/shared/testing';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EMBEDDED_FOR_SPECS, startRecordService } from '../testing/start-record-service';

const mergedV1 = defineIntegrationEvent(PersonsMergedV1Event);
const undoneV1 = defineIntegrationEvent(PersonsMergeUndoneV1Event);

const APP = 'APP01';
const AT = '2026-11-26T09:00:00.000Z';

/** An individual's own reading, about themselves. */
function contribution(personId: string, overrides: Record<string, unknown> = {}) {
  return {
    organisation: APP,
    recordedBy: { subject: personId, role: 'individual' },
    resourceType: 'Observation',
    partnerId: `bp-${personId.slice(0, 8)}`,
    subject: { system: PERSON_SUBJECT_SYSTEM, value: personId },
    resource: { resourceType: 'Observation', id: 'bp-1', status: 'final', code: { text: 'Blood pressure' } },
    part: 'results',
    effectiveAt: '2026-11-20T08:00:00.000Z',
    codes: [{ system: 'http://loinc.org', code: '85354-9' }],
    unknownCodeSystems: false,
    patientContributed: true,
    ...overrides,
  };
}

describe('individuals’ contributions on the record service (embedded adapters)', () => {
  let dataDir: string;
  let bus: MessageBus;
  let service: RunningService;
  let sequence = 0;

  const call = (method: string, path: string, body?: unknown) =>
    fetch(`${service.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const post = (path: string, body: unknown) => call('POST', path, body);
  const entryIdsOf = async (personId: string): Promise<string[]> =>
    ((await jsonOf(await call('GET', `/persons/${personId}/entries`))).entries as { entryId: string }[]).map(
      (entry) => entry.entryId,
    );

  async function publishMerge(
    kind: 'merged' | 'undone',
    survivor: string,
    merged: string,
    mergeId: string,
  ): Promise<void> {
    sequence += 1;
    const envelope = {
      id: randomUUID(),
      source: IDENTITY_EVENT_SOURCE,
      subject: survivor,
      sequence: String(sequence),
      time: AT,
    };
    const common = { personId: survivor, mergedPersonId: merged, mergeId, localRecordIds: [] };
    await bus.publish([
      kind === 'merged'
        ? toValidatedBusMessage(mergedV1, survivor, { ...envelope, data: { ...common, mergedAt: AT } })
        : toValidatedBusMessage(undoneV1, survivor, { ...envelope, data: { ...common, undoneAt: AT } }),
    ]);
  }

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ilinks-record-contrib-'));
    bus = openBus(EMBEDDED_FOR_SPECS, { dataDir }, 'test');
    await bus.ensureTopics([IDENTITY_TOPIC, RECORD_TOPIC]);
    service = await startRecordService(dataDir, bus);
  });

  afterAll(async () => {
    await service?.stop();
    await bus?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('shows a contribution under A in A’s read, in B’s after A is merged into B, in A’s again after undo', async () => {
    const [a, b] = [randomUUID(), randomUUID()];
    const recorded = await post('/entries', contribution(a));
    expect(recorded.status).toBe(201);
    const { entry } = await jsonOf(recorded);
    expect(entry).toMatchObject({ patientContributed: true, recordedBy: { role: 'individual' } });
    expect(await entryIdsOf(a)).toEqual([entry.entryId]);
    expect(await entryIdsOf(b)).toEqual([]);

    await publishMerge('merged', b, a, 'merge-1');
    await waitFor(async () => (await entryIdsOf(b)).includes(entry.entryId), {
      description: 'the contribution in the survivor’s read',
    });

    await publishMerge('undone', b, a, 'merge-1');
    await waitFor(async () => (await entryIdsOf(b)).length === 0, {
      description: 'the contribution to leave the survivor’s read',
    });
    expect(await entryIdsOf(a)).toEqual([entry.entryId]);
  });

  it('lets the individual revise their contribution after a merge, keeping it where it was filed', async () => {
    const [a, b] = [randomUUID(), randomUUID()];
    const { entry } = await jsonOf(await post('/entries', contribution(a)));
    await publishMerge('merged', b, a, 'merge-2');
    await waitFor(async () => (await entryIdsOf(b)).includes(entry.entryId), { description: 'the merge' });

    // The gateway writes as the person the token's person became.
    const revised = await post(
      '/entries',
      contribution(a, {
        recordedBy: { subject: b, role: 'individual' },
        subject: { system: PERSON_SUBJECT_SYSTEM, value: b },
        effectiveAt: '2026-11-21T08:00:00.000Z',
      }),
    );
    expect(revised.status).toBe(200);
    expect(await jsonOf(revised)).toMatchObject({
      outcome: 'revised',
      entry: { revision: 2, subject: { value: a } },
    });
  });

  it('answers another individual reusing the key with a plain conflict, changing nothing', async () => {
    const [a, c] = [randomUUID(), randomUUID()];
    const { entry } = await jsonOf(await post('/entries', contribution(a)));
    const other = await post(
      '/entries',
      contribution(a, {
        recordedBy: { subject: c, role: 'individual' },
        subject: { system: PERSON_SUBJECT_SYSTEM, value: c },
      }),
    );
    expect(other.status).toBe(409);
    const text = JSON.stringify(await jsonOf(other));
    expect(text).not.toContain(a);
    expect(text).not.toContain('Blood pressure');

    const retract = await post(`/entries/${entry.entryId}/entered-in-error`, {
      organisation: APP,
      recordedBy: { subject: c, role: 'individual' },
    });
    expect(retract.status).toBe(409);
    expect(await jsonOf(await call('GET', `/entries/${entry.entryId}`))).toMatchObject({ status: 'current' });
  });

  it('lets the individual retract their own contribution', async () => {
    const a = randomUUID();
    const { entry } = await jsonOf(await post('/entries', contribution(a)));
    const retract = await post(`/entries/${entry.entryId}/entered-in-error`, {
      organisation: APP,
      recordedBy: { subject: a, role: 'individual' },
    });
    expect(retract.status).toBe(200);
    expect(await entryIdsOf(a)).toEqual([]);
  });

  it('refuses the person subject to a system (422) and an individual writing about someone else (403)', async () => {
    const [a, c] = [randomUUID(), randomUUID()];
    const bySystem = await post(
      '/entries',
      contribution(a, { recordedBy: { subject: 'app', role: 'system' } }),
    );
    expect(bySystem.status).toBe(422);
    const unflagged = await post('/entries', contribution(a, { patientContributed: false }));
    expect(unflagged.status).toBe(422);
    const aboutOther = await post(
      '/entries',
      contribution(a, { recordedBy: { subject: c, role: 'individual' } }),
    );
    expect(aboutOther.status).toBe(403);
    expect(await entryIdsOf(a)).toEqual([]);
  });
});
