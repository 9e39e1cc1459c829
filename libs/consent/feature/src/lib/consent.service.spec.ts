import { CONSENT_TOPIC } from '@ilinks/consent/contracts';
import {
  IDENTITY_EVENT_SOURCE,
  IDENTITY_PERSON_LINKS_SOURCE,
  LocalRecordPersonChangedV1Event,
  LocalRecordRegisteredV1Event,
  PersonsMergedV1Event,
  PersonsMergeUndoneV1Event,
} from '@ilinks/identity-matching/contracts';
import {
  type Consumer,
  fromBusMessage,
  type IntegrationEvent,
  type IntegrationEventSchema,
  type MessageBus,
  toValidatedBusMessage,
} from '@ilinks/platform/messaging';
import { openBus, type RunningService } from '@ilinks/platform/runtime';
import { FixedClock } from '@ilinks/shared/kernel';
import { type JsonBody, jsonOf, waitFor } from '@ilinks/shared/testing';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EMBEDDED_FOR_SPECS, startConsentService } from './testing/start-consent-service';

const gp = { subject: 'dr-1', organisation: 'A81001', role: 'practitioner' };
const citizen = { subject: 'citizen-1', organisation: 'A81001', role: 'individual' };

describe('consent service (embedded adapters)', () => {
  let dataDir: string;
  let bus: MessageBus;
  let service: RunningService;
  let observer: Consumer;
  const clock = new FixedClock(new Date('2026-11-26T10:00:00.000Z'));
  const published: IntegrationEvent[] = [];
  let identitySequence = 0;

  const post = (path: string, body: unknown, key?: string) =>
    fetch(`${service.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key ? { 'idempotency-key': key } : {}) },
      body: JSON.stringify(body),
    });
  const get = (path: string) => fetch(`${service.url}${path}`);
  const policyOf = async (personId: string) => jsonOf(await get(`/persons/${personId}/access-policy`));

  async function publishIdentity<T extends object>(
    schema: IntegrationEventSchema<T>,
    key: string,
    source: string,
    data: T,
  ): Promise<void> {
    identitySequence += 1;
    await bus.publish([
      toValidatedBusMessage(schema, key, {
        id: randomUUID(),
        source,
        subject: key,
        sequence: String(identitySequence),
        time: clock.now().toISOString(),
        data,
      }),
    ]);
  }

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ilinks-consent-'));
    bus = openBus(EMBEDDED_FOR_SPECS, { dataDir }, 'test');
    service = await startConsentService(dataDir, bus, clock);
    observer = await bus.consume({ groupId: 'test-observer', topics: [CONSENT_TOPIC] }, async (message) => {
      published.push(fromBusMessage(message));
    });
  });

  afterAll(async () => {
    await observer?.stop();
    await service?.stop();
    await bus?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  describe('objections', () => {
    const personId = randomUUID();

    it('records an objection (201) and answers a retry with the same key as the first time', async () => {
      const first = await post(
        `/persons/${personId}/objections`,
        { recordedBy: gp, onBehalf: true },
        'obj-0001',
      );
      expect(first.status).toBe(201);
      const item = await jsonOf(first);
      expect(item).toMatchObject({
        personId,
        kind: 'objection',
        status: 'active',
        onBehalf: true,
        recordedBy: gp,
      });

      const retry = await post(
        `/persons/${personId}/objections`,
        { recordedBy: gp, onBehalf: true },
        'obj-0001',
      );
      expect(retry.status).toBe(201);
      expect(await jsonOf(retry)).toEqual(item);
      const list = await jsonOf(await get(`/persons/${personId}/consents`));
      expect(list.items).toHaveLength(1);
    });

    it('reads the item by id and lists it per person by status', async () => {
      const { items } = await jsonOf(await get(`/persons/${personId}/consents?status=active`));
      const byId = await jsonOf(await get(`/consents/${items[0].consentId}`));
      expect(byId).toEqual(items[0]);
      expect((await jsonOf(await get(`/persons/${personId}/consents?status=inactive`))).items).toEqual([]);
      expect((await get(`/persons/${personId}/consents?status=maybe`)).status).toBe(400);
    });

    it('shows a withdrawal in the access policy at once, and withdrawing again changes nothing', async () => {
      const { items } = await jsonOf(await get(`/persons/${personId}/consents`));
      const consentId = items[0].consentId as string;
      expect((await policyOf(personId)).objections).toEqual([
        expect.objectContaining({ objectionId: consentId, recordedBy: 'A81001', onBehalf: true }),
      ]);

      const withdrawn = await post(`/consents/${consentId}/withdraw`, { recordedBy: citizen });
      expect(withdrawn.status).toBe(200);
      const withdrawnItem = await jsonOf(withdrawn);
      expect(withdrawnItem).toMatchObject({ status: 'inactive', withdrawnBy: citizen });
      expect((await policyOf(personId)).objections).toEqual([]);

      const again = await post(`/consents/${consentId}/withdraw`, { recordedBy: citizen });
      expect(again.status).toBe(200);
      expect((await jsonOf(again)).withdrawnAt).toBe(withdrawnItem.withdrawnAt);
    });

    it('answers 404 for an unknown consent item', async () => {
      expect((await get(`/consents/${randomUUID()}`)).status).toBe(404);
      const withdraw = await post(`/consents/${randomUUID()}/withdraw`, { recordedBy: citizen });
      expect(withdraw.status).toBe(404);
      expect((await jsonOf(withdraw)).resourceType).toBe('OperationOutcome');
    });

    it('publishes consent-changed events keyed by the person', async () => {
      await waitFor(() => published.filter((event) => event.subject === personId).length >= 2, {
        description: 'the objection and its withdrawal are published',
      });
      const changes = published.filter((event) => event.subject === personId);
      expect(changes.map((event) => [event.type, (event.data as JsonBody).change])).toEqual([
        ['ilinks.consent.consent-changed.v1', 'objection-recorded'],
        ['ilinks.consent.consent-changed.v1', 'objection-withdrawn'],
      ]);
    });
  });

  describe('category agreements and delegations', () => {
    const personId = randomUUID();

    it('shares an agreed category until the agreement is withdrawn', async () => {
      const agreed = await post(`/persons/${personId}/category-agreements`, {
        recordedBy: citizen,
        category: 'hiv',
      });
      expect(agreed.status).toBe(201);
      const item = await jsonOf(agreed);
      expect(item).toMatchObject({ kind: 'category-agreement', category: 'hiv', status: 'active' });
      expect((await policyOf(personId)).sharedCategories).toEqual(['hiv']);
      await post(`/consents/${item.consentId}/withdraw`, { recordedBy: citizen });
      expect((await policyOf(personId)).sharedCategories).toEqual([]);
    });

    it('grants a delegation, lists it, and drops it from the policy once revoked', async () => {
      const body = {
        recordedBy: citizen,
        carer: 'carer-1',
        parts: ['summary', 'letters'],
        until: '2027-01-01T00:00:00Z',
      };
      const granted = await post(`/persons/${personId}/delegations`, body, 'delegation-1');
      expect(granted.status).toBe(201);
      const item = await jsonOf(granted);
      expect(item).toMatchObject({
        kind: 'delegation',
        carer: 'carer-1',
        parts: ['summary', 'letters'],
        onBehalf: false,
      });
      expect((await policyOf(personId)).delegations).toEqual([
        expect.objectContaining({
          delegationId: item.consentId,
          carer: 'carer-1',
          until: '2027-01-01T00:00:00.000Z',
        }),
      ]);
      expect((await post(`/consents/${item.consentId}/withdraw`, { recordedBy: citizen })).status).toBe(200);
      expect((await policyOf(personId)).delegations).toEqual([]);
    });

    it('refuses a delegation ending in the past', async () => {
      const response = await post(`/persons/${personId}/delegations`, {
        recordedBy: citizen,
        carer: 'carer-1',
        parts: ['summary'],
        until: '2020-01-01T00:00:00Z',
      });
      expect(response.status).toBe(400);
      expect((await jsonOf(response)).issue[0].expression).toEqual(['until']);
    });
  });

  describe('bad bodies', () => {
    const personId = randomUUID();
    const cases: [string, string, unknown, string][] = [
      ['objection without onBehalf', 'objections', { recordedBy: gp }, 'onBehalf'],
      [
        'unknown role',
        'objections',
        { recordedBy: { ...gp, role: 'king' }, onBehalf: true },
        'recordedBy.role',
      ],
      ['unknown category', 'category-agreements', { recordedBy: citizen, category: 'dentistry' }, 'category'],
      [
        'unknown part',
        'delegations',
        { recordedBy: citizen, carer: 'c', parts: ['bank'], until: '2027-01-01T00:00:00Z' },
        'parts',
      ],
      [
        'holds-local-record started by request',
        'relationships',
        { organisation: 'RBS', kind: 'holds-local-record' },
        'kind',
      ],
      [
        'self-declared without a reason',
        'relationships',
        { organisation: 'RBS', kind: 'self-declared', declaredBy: 'dr-1' },
        'reason',
      ],
      [
        'break-glass without a reason',
        'break-glass',
        { subject: 'dr-2', organisation: 'RBS', reason: '' },
        'reason',
      ],
      ['unknown field', 'objections', { recordedBy: gp, onBehalf: true, extra: 1 }, 'extra'],
    ];

    it.each(cases)('refuses %s with a 400 naming the field', async (_name, route, body, field) => {
      const response = await post(`/persons/${personId}/${route}`, body);
      expect(response.status).toBe(400);
      const outcome = await jsonOf(response);
      expect(outcome.resourceType).toBe('OperationOutcome');
      expect(outcome.issue.map((issue: JsonBody) => issue.expression?.[0])).toContain(field);
    });

    it('refuses a malformed Idempotency-Key', async () => {
      const response = await post(
        `/persons/${personId}/objections`,
        { recordedBy: gp, onBehalf: true },
        'short',
      );
      expect(response.status).toBe(400);
    });

    it('refuses a person id that is not a UUID', async () => {
      expect((await get('/persons/not-a-uuid/access-policy')).status).toBe(400);
    });
  });

  describe('care relationships', () => {
    const personId = randomUUID();

    it('starts a self-declared relationship, shows it, ends it, and publishes both', async () => {
      const started = await post(
        `/persons/${personId}/relationships`,
        { organisation: 'RBS', kind: 'self-declared', declaredBy: 'dr-1', reason: 'Seen in clinic today' },
        'relationship-1',
      );
      expect(started.status).toBe(201);
      const relationship = await jsonOf(started);
      expect(relationship).toMatchObject({
        personId,
        organisation: 'RBS',
        kind: 'self-declared',
        declaredBy: 'dr-1',
      });
      expect((await policyOf(personId)).relationships).toEqual([
        expect.objectContaining({ relationshipId: relationship.relationshipId, kind: 'self-declared' }),
      ]);

      const ended = await post(`/relationships/${relationship.relationshipId}/end`, { endedBy: gp });
      expect(ended.status).toBe(200);
      expect(await jsonOf(ended)).toMatchObject({ endedAt: clock.now().toISOString() });
      expect((await policyOf(personId)).relationships).toEqual([]);

      await waitFor(() => published.filter((event) => event.subject === personId).length >= 2, {
        description: 'the relationship events are published',
      });
      expect(published.filter((event) => event.subject === personId).map((event) => event.type)).toEqual([
        'ilinks.consent.care-relationship-started.v1',
        'ilinks.consent.care-relationship-ended.v1',
      ]);
    });

    it('answers 404 for ending an unknown relationship', async () => {
      expect((await post(`/relationships/${randomUUID()}/end`, { endedBy: gp })).status).toBe(404);
    });
  });

  describe('break-glass', () => {
    const personId = randomUUID();
    const request = { subject: 'dr-2', organisation: 'RBS', reason: 'Unconscious in A&E' };

    it('grants four hours, returns the running grant as it is, and grants anew after expiry', async () => {
      const first = await post(`/persons/${personId}/break-glass`, request);
      expect(first.status).toBe(201);
      const grant = await jsonOf(first);
      expect(grant).toMatchObject({ personId, ...request, grantedAt: clock.now().toISOString() });
      expect(Date.parse(grant.expiresAt) - Date.parse(grant.grantedAt)).toBe(240 * 60_000);
      expect((await policyOf(personId)).breakGlass).toEqual([
        expect.objectContaining({ grantId: grant.grantId }),
      ]);

      const again = await post(`/persons/${personId}/break-glass`, { ...request, reason: 'Still needed' });
      expect(again.status).toBe(200);
      expect(await jsonOf(again)).toEqual(grant);

      clock.advance(240 * 60_000);
      expect((await policyOf(personId)).breakGlass).toEqual([]);
      const renewed = await post(`/persons/${personId}/break-glass`, request);
      expect(renewed.status).toBe(201);
      expect((await jsonOf(renewed)).grantId).not.toBe(grant.grantId);

      await waitFor(() => published.filter((event) => event.subject === personId).length >= 2, {
        description: 'both grants are published for review',
      });
      expect(published.find((event) => event.subject === personId)).toMatchObject({
        type: 'ilinks.consent.break-glass-used.v1',
        data: { personId, grantId: grant.grantId, subject: 'dr-2', organisation: 'RBS' },
      });
    });
  });

  describe('identity facts', () => {
    const survivor = randomUUID();
    const merged = randomUUID();
    const record = randomUUID();
    const mergeId = 'merge-1';

    it('gives an organisation holding a local record a holds-local-record relationship', async () => {
      await publishIdentity(LocalRecordRegisteredV1Event, record, IDENTITY_EVENT_SOURCE, {
        localRecordId: record,
        organisation: 'RBS',
        identifier: { system: 'https://rbs.example/mrn', value: 'X1' },
        registeredAt: '2026-01-01T00:00:00.000Z',
      });
      await publishIdentity(LocalRecordPersonChangedV1Event, record, IDENTITY_PERSON_LINKS_SOURCE, {
        localRecordId: record,
        personId: survivor,
        change: 'registered',
        changedAt: '2026-01-01T00:00:00.000Z',
      });
      const policy = await waitFor(
        async () => {
          const current = await policyOf(survivor);
          return current.relationships.length > 0 && current;
        },
        { description: 'the holds-local-record relationship' },
      );
      expect(policy.relationships).toEqual([
        expect.objectContaining({
          organisation: 'RBS',
          kind: 'holds-local-record',
          since: '2026-01-01T00:00:00.000Z',
        }),
      ]);
    });

    it("applies a merged person's objection to the survivor, and separates them again on undo", async () => {
      await post(`/persons/${merged}/objections`, { recordedBy: gp, onBehalf: false });
      expect((await policyOf(survivor)).objections).toEqual([]);

      await publishIdentity(PersonsMergedV1Event, survivor, IDENTITY_EVENT_SOURCE, {
        personId: survivor,
        mergedPersonId: merged,
        mergeId,
        localRecordIds: [],
        mergedAt: clock.now().toISOString(),
      });
      const mergedPolicy = await waitFor(
        async () => {
          const current = await policyOf(survivor);
          return current.objections.length > 0 && current;
        },
        { description: 'the merge reaches the access policy' },
      );
      expect(mergedPolicy.personIds).toEqual([survivor, merged]);
      expect(mergedPolicy.relationships).toHaveLength(1);
      // Asked by the merged person's id, the answer is the survivor's policy.
      expect((await policyOf(merged)).personId).toBe(survivor);

      await publishIdentity(PersonsMergeUndoneV1Event, survivor, IDENTITY_EVENT_SOURCE, {
        personId: survivor,
        mergedPersonId: merged,
        mergeId,
        localRecordIds: [],
        undoneAt: clock.now().toISOString(),
      });
      const separated = await waitFor(
        async () => {
          const current = await policyOf(survivor);
          return current.objections.length === 0 && current;
        },
        { description: 'the undo reaches the access policy' },
      );
      expect(separated.personIds).toEqual([survivor]);
      expect((await policyOf(merged)).objections).toHaveLength(1);
    });
  });
});
