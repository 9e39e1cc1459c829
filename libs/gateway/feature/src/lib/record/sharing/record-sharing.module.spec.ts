import type { PersonViewV1 } from '@ilinks/identity-matching/contracts';
import type { Role } from '@ilinks/platform/security';
import type {
  EntryAnnotationV1,
  RecordEntryV1,
  RecordShareV1,
  ShareRecordItemsRequestV1,
} from '@ilinks/record-projection/contracts';
import { jsonOf } from '@ilinks/shared/testing';
import { type IncomingMessage, type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConsentStub, policyV1 } from '../../access/consent-stub.testing';
import type { RequestAuditFacts } from '../../audit/request-audit';
import { PERSON_ID, personView } from '../../patient/person-view.testing';
import { type GatewaySpecApp, startGatewaySpecApp } from '../../testing/gateway-spec-app.testing';
import { HIV_CODING, recordEntry } from '../read/record-entry.testing';
import { GatewayRecordSharingModule } from './record-sharing.module';

const GP = { system: 'https://gp.example/Id/patient', value: 'GP-1' };
const UNKNOWN_PERSON = '11111111-2222-4333-8444-555555555555';
const SHARE_ID = '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a';

/** Known to a hospital (RBS) and a GP practice (Y12345), each holding a local record. */
const person: PersonViewV1 = personView({
  localRecords: [
    ...personView().localRecords,
    {
      localRecordId: 'lr-gp-1',
      organisation: 'Y12345',
      identifier: GP,
      linkedAt: '2025-01-02T10:00:00.000Z',
      method: 'nhs-number',
    },
  ],
});

const fromGp = { organisation: 'Y12345', subject: GP };
const ENTRIES: readonly RecordEntryV1[] = [
  recordEntry({ entryId: 'c-rbs', effectiveAt: '2025-03-01T10:00:00.000Z' }),
  recordEntry({ entryId: 'c-gp', effectiveAt: '2025-02-01T10:00:00.000Z', ...fromGp }),
  recordEntry({ entryId: 'c-hiv', effectiveAt: '2025-01-01T10:00:00.000Z', codes: [HIV_CODING], ...fromGp }),
];

const annotationOf = (entryId: string, text: string): EntryAnnotationV1 => ({
  annotationId: `a-${entryId}`,
  entryId,
  organisation: 'RBS',
  author: { subject: 'user-1', role: 'practitioner' },
  text,
  annotatedAt: '2026-11-26T10:00:00.000Z',
});

interface BackendCall {
  readonly method: string;
  readonly path: string;
  readonly idempotencyKey?: string;
  readonly body?: unknown;
}

/**
 * A stand-in identity and record service in one: persons and entries as in the read spec, and
 * sharing routes that answer from what they were sent (one share, addressed as it was sent).
 */
class BackendStub {
  readonly calls: BackendCall[] = [];
  shared: RecordShareV1 | undefined;
  private server: Server | undefined;

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      void this.answer(request).then(([status, body]) => {
        response.statusCode = status;
        response.setHeader('content-type', 'application/json');
        response.end(JSON.stringify(body));
      });
    });
    const server = this.server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async answer(request: IncomingMessage): Promise<[number, unknown]> {
    const url = new URL(request.url ?? '/', 'http://stub');
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const body: unknown = text.length > 0 ? JSON.parse(text) : undefined;
    const key = request.headers['idempotency-key'];
    this.calls.push({
      method: request.method ?? 'GET',
      path: `${url.pathname}${url.search}`,
      ...(typeof key === 'string' ? { idempotencyKey: key } : {}),
      ...(body === undefined ? {} : { body }),
    });
    const [, first, id, what] = url.pathname.split('/');
    if (first === 'persons' && id === PERSON_ID && what === 'entries') {
      return [200, { personId: PERSON_ID, entries: ENTRIES }];
    }
    if (first === 'persons' && id === PERSON_ID) return [200, person];
    if (first === 'entries' && what === 'annotations' && request.method === 'POST') {
      const annotate = body as { text: string; organisation: string; author: EntryAnnotationV1['author'] };
      return [201, { ...annotationOf(id ?? '', annotate.text), organisation: annotate.organisation }];
    }
    if (first === 'entries' && what === 'annotations') {
      return [200, { entryId: id, annotations: [annotationOf(id ?? '', 'Seen in clinic.')] }];
    }
    if (first === 'shares' && id === undefined && request.method === 'POST') {
      const share = body as ShareRecordItemsRequestV1;
      this.shared = { ...share, shareId: SHARE_ID, sharedAt: '2026-11-26T10:00:00.000Z', status: 'sent' };
      return [201, this.shared];
    }
    if (first === 'shares' && id === undefined) return [200, { shares: this.shared ? [this.shared] : [] }];
    if (first === 'shares' && id === SHARE_ID && this.shared && what === 'read') {
      return [200, { ...this.shared, status: 'read' }];
    }
    if (first === 'shares' && id === SHARE_ID && this.shared) return [200, this.shared];
    return [
      404,
      { resourceType: 'OperationOutcome', issue: [{ code: 'not-found', diagnostics: 'not found' }] },
    ];
  }
}

describe('GatewayRecordSharingModule over HTTP', () => {
  const consent = new ConsentStub();
  const backend = new BackendStub();
  let gateway: GatewaySpecApp;

  beforeAll(async () => {
    const backendUrl = await backend.start();
    await consent.start();
    gateway = await startGatewaySpecApp({
      name: 'record-sharing',
      consent,
      modules: (services) => [
        GatewayRecordSharingModule.forRoot({
          services: { ...services, 'identity-matching': backendUrl, 'record-projection': backendUrl },
        }),
      ],
    });
  });

  afterAll(async () => {
    await gateway.close();
    await backend.stop();
    await consent.stop();
  });

  beforeEach(() => {
    gateway.audited.length = 0;
    backend.calls.length = 0;
    consent.reset();
    consent.policies.set(PERSON_ID, policyV1(PERSON_ID));
  });

  interface Caller {
    readonly role?: Role;
    readonly org?: string;
    readonly headers?: Record<string, string>;
  }

  async function call(method: string, path: string, body?: unknown, caller: Caller = {}): Promise<Response> {
    const { accessToken } = await gateway.issuer.issue({
      sub: 'user-1',
      org: caller.org ?? 'RBS',
      role: caller.role ?? 'practitioner',
    });
    return fetch(`${gateway.baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${accessToken}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...caller.headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  }

  const lastAudit = (): RequestAuditFacts => {
    const facts = gateway.audited[gateway.audited.length - 1];
    if (!facts) throw new Error('no request was gateway.audited');
    return facts;
  };
  const callsTo = (method: string, prefix: string) =>
    backend.calls.filter((c) => c.method === method && c.path.startsWith(prefix));
  const annotations = (entryId: string) => `/record/persons/${PERSON_ID}/entries/${entryId}/annotations`;
  const shares = `/record/persons/${PERSON_ID}/shares`;
  const shareBody = (entryIds: string[], changes: Record<string, unknown> = {}) => ({
    recipient: { organisation: 'A81001', team: 'district-nursing' },
    note: 'For the leg ulcer follow-up.',
    entryIds,
    ...changes,
  });

  describe('annotations', () => {
    it("annotates an entry the caller may see, as the token's practitioner, passing the key on", async () => {
      const response = await call(
        'POST',
        annotations('c-gp'),
        { text: 'Seen in clinic.' },
        {
          headers: { 'idempotency-key': 'annotate-key-1' },
        },
      );
      expect(response.status).toBe(201);
      expect(await jsonOf(response)).toMatchObject({ entryId: 'c-gp', text: 'Seen in clinic.' });
      expect(callsTo('POST', '/entries/c-gp/annotations')).toEqual([
        {
          method: 'POST',
          path: '/entries/c-gp/annotations',
          idempotencyKey: 'annotate-key-1',
          body: {
            organisation: 'RBS',
            author: { subject: 'user-1', role: 'practitioner' },
            text: 'Seen in clinic.',
          },
        },
      ]);
      expect(lastAudit()).toMatchObject({ operation: 'Annotation.create', outcome: 'permitted' });
      expect([...lastAudit().personIds]).toEqual([PERSON_ID]);
      expect(lastAudit().entities).toEqual([
        { resourceType: 'Condition', id: 'c-gp' },
        { resourceType: 'Annotation', id: 'a-c-gp' },
      ]);
    });

    it('answers the same 404 for a hidden entry and an unknown one, and stores nothing', async () => {
      const hidden = await call('POST', annotations('c-hiv'), { text: 'Hidden.' });
      const unknown = await call('POST', annotations('c-none'), { text: 'Unknown.' });
      expect(hidden.status).toBe(404);
      expect(unknown.status).toBe(404);
      expect((await jsonOf(hidden)).issue).toEqual((await jsonOf(unknown)).issue);
      expect(callsTo('POST', '/entries')).toEqual([]);
    });

    it('audits a hidden entry as withheld', async () => {
      await call('POST', annotations('c-hiv'), { text: 'Hidden.' });
      expect(lastAudit().entities).toEqual([{ resourceType: 'Condition', id: 'c-hiv', withheld: true }]);
    });

    it('answers 404 for an unknown person', async () => {
      const response = await call('POST', `/record/persons/${UNKNOWN_PERSON}/entries/c-gp/annotations`, {
        text: 'Lost.',
      });
      expect(response.status).toBe(404);
    });

    it('lists the annotations of a visible entry, also for a system', async () => {
      const response = await call('GET', annotations('c-rbs'), undefined, { role: 'system' });
      expect(response.status).toBe(200);
      expect((await jsonOf(response)).annotations).toHaveLength(1);
      expect(lastAudit()).toMatchObject({ operation: 'Annotation.search' });
    });

    it('refuses a system annotating (403) and a body without text (400)', async () => {
      expect((await call('POST', annotations('c-gp'), { text: 'x' }, { role: 'system' })).status).toBe(403);
      expect((await call('POST', annotations('c-gp'), {})).status).toBe(400);
    });
  });

  describe('shares', () => {
    it('shares visible entries as the sender was served them, with annotations when asked (201)', async () => {
      const response = await call(
        'POST',
        shares,
        shareBody(['c-gp', 'c-rbs'], { includeAnnotations: true }),
        {
          headers: { 'idempotency-key': 'share-key-0001' },
        },
      );
      expect(response.status).toBe(201);
      const [sent] = callsTo('POST', '/shares');
      expect(sent?.idempotencyKey).toBe('share-key-0001');
      const request = sent?.body as ShareRecordItemsRequestV1;
      expect(request).toMatchObject({
        personId: PERSON_ID,
        organisation: 'RBS',
        sharedBy: { subject: 'user-1', role: 'practitioner' },
        recipient: { organisation: 'A81001', team: 'district-nursing' },
        note: 'For the leg ulcer follow-up.',
      });
      expect(request.items.map((item) => item.entryId)).toEqual(['c-gp', 'c-rbs']);
      expect(request.items[0]?.resource).toMatchObject({
        resourceType: 'Condition',
        id: 'c-gp',
        subject: { reference: `Patient/${PERSON_ID}` },
      });
      expect(request.items[0]?.annotations).toEqual([annotationOf('c-gp', 'Seen in clinic.')]);
      expect(lastAudit()).toMatchObject({ operation: 'Share.create' });
      expect(lastAudit().entities).toEqual([
        { resourceType: 'Condition', id: 'c-gp' },
        { resourceType: 'Condition', id: 'c-rbs' },
        { resourceType: 'RecordShare', id: SHARE_ID },
      ]);
    });

    it('leaves annotations out unless asked', async () => {
      await call('POST', shares, shareBody(['c-gp']));
      const request = callsTo('POST', '/shares')[0]?.body as ShareRecordItemsRequestV1;
      expect(request.items[0]?.annotations).toEqual([]);
      expect(callsTo('GET', '/entries')).toEqual([]);
    });

    it('refuses with 422 naming every entry the sender may not see, and stores nothing', async () => {
      const response = await call('POST', shares, shareBody(['c-gp', 'c-hiv', 'c-none']));
      expect(response.status).toBe(422);
      const outcome = await jsonOf(response);
      expect(outcome.issue.map((issue: { diagnostics: string }) => issue.diagnostics)).toEqual([
        "entryIds[1]: not an entry of this person's record that you may share",
        "entryIds[2]: not an entry of this person's record that you may share",
      ]);
      expect(callsTo('POST', '/shares')).toEqual([]);
    });

    it('refuses no entries, a repeated entry and a bad recipient (400)', async () => {
      expect((await call('POST', shares, shareBody([]))).status).toBe(400);
      expect((await call('POST', shares, shareBody(['c-gp', 'c-gp']))).status).toBe(400);
      expect(
        (await call('POST', shares, shareBody(['c-gp'], { recipient: { organisation: 'not ods' } }))).status,
      ).toBe(400);
    });
  });

  describe('the inbox', () => {
    beforeAll(async () => {
      await call('POST', shares, shareBody(['c-gp']));
    });

    it("lists the caller's organisation's inbox, passing the filters on", async () => {
      const response = await call(
        'GET',
        `/record/inbox?personId=${PERSON_ID}&team=district-nursing&status=sent&_count=5&_cursor=abc`,
        undefined,
        { org: 'A81001' },
      );
      expect(response.status).toBe(200);
      expect((await jsonOf(response)).shares).toHaveLength(1);
      const query = new URLSearchParams(callsTo('GET', '/shares')[0]?.path.split('?')[1]);
      expect(Object.fromEntries(query)).toEqual({
        organisation: 'A81001',
        personId: PERSON_ID,
        team: 'district-nursing',
        status: 'sent',
        cursor: 'abc',
        limit: '5',
      });
      expect(lastAudit()).toMatchObject({ operation: 'Share.search' });
      expect(lastAudit().entities).toEqual([{ resourceType: 'RecordShare', id: SHARE_ID }]);
    });

    it('refuses a bad status or page size (400)', async () => {
      expect((await call('GET', '/record/inbox?status=lost', undefined, { org: 'A81001' })).status).toBe(400);
      expect((await call('GET', '/record/inbox?_count=0', undefined, { org: 'A81001' })).status).toBe(400);
    });

    it('reads a share addressed to the caller, auditing the person, the share and each item', async () => {
      const response = await call('GET', `/record/inbox/${SHARE_ID}`, undefined, { org: 'A81001' });
      expect(response.status).toBe(200);
      expect(lastAudit()).toMatchObject({ operation: 'Share.read' });
      expect([...lastAudit().personIds]).toEqual([PERSON_ID]);
      expect(lastAudit().entities).toEqual([
        { resourceType: 'RecordShare', id: SHARE_ID },
        { resourceType: 'Condition', id: 'c-gp' },
      ]);
    });

    it('answers 404 for a share addressed to another organisation, and an unknown one', async () => {
      expect((await call('GET', `/record/inbox/${SHARE_ID}`, undefined, { org: 'RBS' })).status).toBe(404);
      expect(
        (await call('GET', `/record/inbox/${UNKNOWN_PERSON}`, undefined, { org: 'A81001' })).status,
      ).toBe(404);
      expect((await call('GET', '/record/inbox/not-a-uuid', undefined, { org: 'A81001' })).status).toBe(404);
    });

    it("marks a share read as the token's practitioner and organisation", async () => {
      const response = await call('POST', `/record/inbox/${SHARE_ID}/read`, undefined, {
        org: 'A81001',
        headers: { 'idempotency-key': 'read-key-0001' },
      });
      expect(response.status).toBe(200);
      expect((await jsonOf(response)).status).toBe('read');
      expect(callsTo('POST', '/shares')).toEqual([
        {
          method: 'POST',
          path: `/shares/${SHARE_ID}/read`,
          idempotencyKey: 'read-key-0001',
          body: { organisation: 'A81001', readBy: { subject: 'user-1', role: 'practitioner' } },
        },
      ]);
    });

    it('refuses to mark read a share addressed to another organisation (404), storing nothing', async () => {
      expect((await call('POST', `/record/inbox/${SHARE_ID}/read`, undefined, { org: 'RBS' })).status).toBe(
        404,
      );
      expect(callsTo('POST', '/shares')).toEqual([]);
    });
  });
});
