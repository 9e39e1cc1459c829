import { fromBusMessage, type IntegrationEvent, type MessageBus } from '@ilinks/platform/messaging';
import { openBus, type RunningService } from '@ilinks/platform/runtime';
import {
  RECORD_TOPIC,
  type RecordItemsSharedV1,
  type RecordShareV1,
} from '@ilinks/record-projection/contracts';
import { jsonOf, waitFor } from '@ilinks/shared/testing';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EMBEDDED_FOR_SPECS, startRecordService } from '../testing/start-record-service';

const HOSPITAL = 'RBS';
const PRACTICE = 'Y12345';
const PERSON = '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';
const OTHER_PERSON = '7a2d3c4b-5e6f-4a70-8b91-0c1d2e3f4a5b';
const drJones = { subject: 'dr-jones', role: 'practitioner' };
const nurseAli = { subject: 'nurse-ali', role: 'practitioner' };

function entryRequest(partnerId: string) {
  return {
    organisation: HOSPITAL,
    recordedBy: { subject: 'system-1', role: 'system' },
    resourceType: 'Condition',
    partnerId,
    subject: { system: 'https://fhir.rbs.example/Id/mrn', value: 'AH-1' },
    resource: { resourceType: 'Condition', id: partnerId, code: { text: 'Asthma' } },
    part: 'problems',
    codes: [],
    unknownCodeSystems: false,
  };
}

function sharedItem(entryId: string, annotations: unknown[] = []) {
  return {
    entryId,
    revision: 1,
    resourceType: 'Condition',
    organisation: HOSPITAL,
    resource: { resourceType: 'Condition', id: entryId },
    annotations,
  };
}

describe('annotating and sharing record items (embedded adapters)', () => {
  let dataDir: string;
  let bus: MessageBus;
  let service: RunningService;
  const published: IntegrationEvent<RecordItemsSharedV1>[] = [];

  const call = (method: string, path: string, body?: unknown, idempotencyKey?: string) =>
    fetch(`${service.url}${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(idempotencyKey === undefined ? {} : { 'idempotency-key': idempotencyKey }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const post = (path: string, body: unknown, key?: string) => call('POST', path, body, key);
  const get = (path: string) => call('GET', path);

  async function recordEntry(partnerId: string): Promise<string> {
    return (await jsonOf(await post('/entries', entryRequest(partnerId)))).entry.entryId as string;
  }

  function shareRequest(entryIds: string[], overrides: Record<string, unknown> = {}) {
    return {
      personId: PERSON,
      organisation: HOSPITAL,
      sharedBy: drJones,
      recipient: { organisation: PRACTICE, team: 'district-nursing' },
      note: 'For the leg ulcer follow-up.',
      items: entryIds.map((entryId) => sharedItem(entryId)),
      ...overrides,
    };
  }

  async function share(overrides: Record<string, unknown> = {}, key = `share-${randomUUID()}`) {
    const entryId = await recordEntry(`c-${randomUUID()}`);
    const response = await post('/shares', shareRequest([entryId], overrides), key);
    expect(response.status).toBe(201);
    return (await jsonOf(response)) as RecordShareV1;
  }

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ilinks-record-sharing-'));
    bus = openBus(EMBEDDED_FOR_SPECS, { dataDir }, 'test');
    await bus.ensureTopics([RECORD_TOPIC]);
    service = await startRecordService(dataDir, bus);
    await bus.consume({ groupId: 'test-observer', topics: [RECORD_TOPIC] }, async (message) => {
      const event = fromBusMessage(message) as IntegrationEvent<RecordItemsSharedV1>;
      if (event.type === 'ilinks.record.items-shared.v1') published.push(event);
    });
  });

  afterAll(async () => {
    await service?.stop();
    await bus?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  describe('annotations', () => {
    it('annotates an entry (201) and lists its annotations oldest first', async () => {
      const entryId = await recordEntry('c-annotated');
      const first = await post(
        `/entries/${entryId}/annotations`,
        { organisation: HOSPITAL, author: drJones, text: '  Seen in clinic.  ' },
        'annotate-0001',
      );
      expect(first.status).toBe(201);
      expect(await jsonOf(first)).toMatchObject({ entryId, organisation: HOSPITAL, text: 'Seen in clinic.' });
      await post(
        `/entries/${entryId}/annotations`,
        { organisation: PRACTICE, author: nurseAli, text: 'Dressing changed.' },
        'annotate-0002',
      );
      const listed = await jsonOf(await get(`/entries/${entryId}/annotations`));
      expect(listed.entryId).toBe(entryId);
      expect(listed.annotations.map((a: { text: string }) => a.text)).toEqual([
        'Seen in clinic.',
        'Dressing changed.',
      ]);
    });

    it('records nothing new for a retry with the same key, and answers the first annotation', async () => {
      const entryId = await recordEntry('c-retried');
      const body = { organisation: HOSPITAL, author: drJones, text: 'Once.' };
      const first = await jsonOf(await post(`/entries/${entryId}/annotations`, body, 'annotate-retry'));
      const again = await post(
        `/entries/${entryId}/annotations`,
        { ...body, text: 'Twice?' },
        'annotate-retry',
      );
      expect(again.status).toBe(201);
      expect(await jsonOf(again)).toEqual(first);
      expect((await jsonOf(await get(`/entries/${entryId}/annotations`))).annotations).toHaveLength(1);
    });

    it('answers an empty list for an entry never annotated', async () => {
      const entryId = await recordEntry('c-quiet');
      expect(await jsonOf(await get(`/entries/${entryId}/annotations`))).toEqual({
        entryId,
        annotations: [],
      });
    });

    it('refuses an unknown entry (404)', async () => {
      const response = await post(`/entries/${randomUUID()}/annotations`, {
        organisation: HOSPITAL,
        author: drJones,
        text: 'Lost.',
      });
      expect(response.status).toBe(404);
      expect((await jsonOf(response)).resourceType).toBe('OperationOutcome');
    });

    it('refuses an entry entered in error (404)', async () => {
      const entryId = await recordEntry('c-wrong');
      await post(`/entries/${entryId}/entered-in-error`, { organisation: HOSPITAL, recordedBy: drJones });
      const response = await post(`/entries/${entryId}/annotations`, {
        organisation: HOSPITAL,
        author: drJones,
        text: 'Too late.',
      });
      expect(response.status).toBe(404);
    });

    it('refuses a blank text (400)', async () => {
      const entryId = await recordEntry('c-blank');
      const response = await post(`/entries/${entryId}/annotations`, {
        organisation: HOSPITAL,
        author: drJones,
        text: '   ',
      });
      expect(response.status).toBe(400);
    });
  });

  describe('shares', () => {
    it('records a share (201), with its items and annotations, and publishes ids only', async () => {
      const entryId = await recordEntry('c-shared');
      const annotation = await jsonOf(
        await post(`/entries/${entryId}/annotations`, {
          organisation: HOSPITAL,
          author: drJones,
          text: 'Note.',
        }),
      );
      const response = await post(
        '/shares',
        { ...shareRequest([entryId]), items: [sharedItem(entryId, [annotation])] },
        'share-published',
      );
      expect(response.status).toBe(201);
      const shared = (await jsonOf(response)) as RecordShareV1;
      expect(shared).toMatchObject({
        personId: PERSON,
        organisation: HOSPITAL,
        recipient: { organisation: PRACTICE, team: 'district-nursing' },
        status: 'sent',
        items: [{ entryId, annotations: [annotation] }],
      });
      expect(shared).not.toHaveProperty('recipientOrganisation');
      expect((await jsonOf(await get(`/shares/${shared.shareId}`))).shareId).toBe(shared.shareId);

      const event = await waitFor(() => published.find((e) => e.data.shareId === shared.shareId), {
        description: 'the share to be published',
      });
      expect(event.data).toEqual({
        shareId: shared.shareId,
        personId: PERSON,
        organisation: HOSPITAL,
        recipientOrganisation: PRACTICE,
        recipientTeam: 'district-nursing',
        entryIds: [entryId],
        sharedAt: shared.sharedAt,
      });
      expect(JSON.stringify(event)).not.toContain('leg ulcer');
    });

    it('records nothing new for a retry with the same key', async () => {
      const first = await share({}, 'share-retry-1');
      const again = await post(
        '/shares',
        shareRequest([randomUUID()], { note: 'Changed?' }),
        'share-retry-1',
      );
      expect(again.status).toBe(201);
      expect(await jsonOf(again)).toEqual(first);
    });

    it('refuses a share to the whole of the own organisation (400), allows one to a team of it', async () => {
      const entryId = await recordEntry('c-internal');
      const whole = await post('/shares', shareRequest([entryId], { recipient: { organisation: HOSPITAL } }));
      expect(whole.status).toBe(400);
      const team = await post(
        '/shares',
        shareRequest([entryId], { recipient: { organisation: HOSPITAL, team: 'respiratory' } }),
      );
      expect(team.status).toBe(201);
    });

    it('refuses no items and a blank note (400)', async () => {
      expect((await post('/shares', shareRequest([]))).status).toBe(400);
      expect((await post('/shares', shareRequest([randomUUID()], { note: ' ' }))).status).toBe(400);
    });

    it('answers 404 for an unknown share', async () => {
      expect((await get(`/shares/${randomUUID()}`)).status).toBe(404);
    });
  });

  describe('the inbox', () => {
    const ORG = 'A81001';
    const sent: RecordShareV1[] = [];

    beforeAll(async () => {
      sent.push(await share({ recipient: { organisation: ORG, team: 'district-nursing' } }));
      sent.push(await share({ recipient: { organisation: ORG, practitioner: 'dr-smith' } }));
      sent.push(await share({ recipient: { organisation: ORG }, personId: OTHER_PERSON }));
    });

    const inbox = async (query: string) =>
      (await jsonOf(await get(`/shares?organisation=${ORG}${query}`))) as {
        shares: RecordShareV1[];
        nextCursor?: string;
      };
    const ids = (page: { shares: RecordShareV1[] }) => page.shares.map((s) => s.shareId);

    it('lists the shares to an organisation, newest first', async () => {
      expect(ids(await inbox(''))).toEqual(sent.map((s) => s.shareId).reverse());
    });

    it('narrows to a team, a practitioner or a person', async () => {
      expect(ids(await inbox('&team=district-nursing'))).toEqual([sent[0]?.shareId]);
      expect(ids(await inbox('&practitioner=dr-smith'))).toEqual([sent[1]?.shareId]);
      expect(ids(await inbox(`&personId=${OTHER_PERSON}`))).toEqual([sent[2]?.shareId]);
    });

    it('pages with a cursor', async () => {
      const first = await inbox('&limit=2');
      expect(first.shares).toHaveLength(2);
      expect(first.nextCursor).toBeDefined();
      const second = await inbox(`&limit=2&cursor=${encodeURIComponent(first.nextCursor ?? '')}`);
      expect([...ids(first), ...ids(second)]).toEqual(sent.map((s) => s.shareId).reverse());
      expect(second.nextCursor).toBeUndefined();
    });

    it('refuses an inbox without an organisation or with a bad limit (400)', async () => {
      expect((await get('/shares')).status).toBe(400);
      expect((await get(`/shares?organisation=${ORG}&limit=0`)).status).toBe(400);
    });

    it('marks a share read by the recipient organisation, once, then filters by status', async () => {
      const target = sent[0]?.shareId ?? '';
      const read = await post(`/shares/${target}/read`, { organisation: ORG, readBy: nurseAli });
      expect(read.status).toBe(200);
      const first = (await jsonOf(read)) as RecordShareV1;
      expect(first).toMatchObject({ status: 'read', readBy: nurseAli });
      const again = await post(`/shares/${target}/read`, {
        organisation: ORG,
        readBy: { subject: 'someone-else', role: 'practitioner' },
      });
      expect(await jsonOf(again)).toEqual(first);
      expect(ids(await inbox('&status=read'))).toEqual([target]);
      expect(ids(await inbox('&status=sent'))).not.toContain(target);
    });

    it('refuses a read by another organisation (403) and of an unknown share (404)', async () => {
      const target = sent[1]?.shareId ?? '';
      expect((await post(`/shares/${target}/read`, { organisation: HOSPITAL, readBy: drJones })).status).toBe(
        403,
      );
      expect(
        (await post(`/shares/${randomUUID()}/read`, { organisation: ORG, readBy: nurseAli })).status,
      ).toBe(404);
    });
  });
});
