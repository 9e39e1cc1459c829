import { AUDIT_RECORDS_TOPIC, type AuditPageV1, type AuditRecordV1 } from '@ilinks/audit/contracts';
import { AuthConfig } from '@ilinks/platform/config';
import { InProcessMessageBus, type Consumer } from '@ilinks/platform/messaging';
import { createLogger } from '@ilinks/platform/observability';
import { mkdtemp, rm } from 'node:fs/promises';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningGateway, startGateway } from '../bootstrap/start-gateway';
import { OTHER_PERSON_ID, PERSON_ID, personView } from '../patient/person-view.testing';
import type { FhirAuditEventBundle } from './fhir-audit-event.mapping';

const GROUP = 'gateway-audit-spec';

/** A page of the trail with one earlier access by organisation RX9 (the text a 503 must not show). */
const trailPage: AuditPageV1 = {
  items: [
    {
      sequence: 0,
      hash: 'a'.repeat(64),
      previousHash: '0'.repeat(64),
      record: {
        recordId: '7d6c5b4a-3f2e-4d1c-8b0a-9f8e7d6c5b4a',
        recordedAt: '2026-11-01T10:00:00.000Z',
        agent: { subject: 'dr-who', role: 'practitioner', organisation: 'RX9' },
        action: 'R',
        operation: 'Patient.read',
        method: 'GET',
        route: '/fhir/Patient/:id',
        personIds: [PERSON_ID],
        entities: [],
        purposeOfUse: 'direct-care',
        outcome: 'permitted',
        status: 200,
      },
    },
  ],
};

/** Stand-ins for the identity and audit services: a page of the trail, a person for anything else. */
function startServiceStub(): Promise<Server> {
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify(request.url?.startsWith('/audit-events') ? trailPage : personView()));
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

function authConfig(): AuthConfig {
  return Object.assign(new AuthConfig(), { clockToleranceSeconds: 0 });
}

describe('the gateway records every request on the audit topic before answering', () => {
  let dataDir: string;
  let stub: Server;
  let services: Record<string, string>;
  let bus: InProcessMessageBus;
  let gateway: RunningGateway;
  let consumer: Consumer;
  const records: AuditRecordV1[] = [];

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'ilinks-gateway-audit-'));
    stub = await startServiceStub();
    const url = `http://127.0.0.1:${(stub.address() as AddressInfo).port}`;
    services = {
      'identity-matching': url,
      consent: url,
      audit: url,
      'record-projection': url,
      correspondence: url,
      diagnostics: url,
    };
    bus = new InProcessMessageBus({ filename: ':memory:' });
    gateway = await startGateway({
      runtime: { mode: 'embedded', dataDir },
      auth: authConfig(),
      http: { host: '127.0.0.1', port: 0, bodyLimit: '100kb' },
      services,
      bus,
      logger: createLogger({ service: 'gateway-audit-spec', level: 'silent' }),
      shutdownHooks: false,
    });
    consumer = await bus.consume({ groupId: GROUP, topics: [AUDIT_RECORDS_TOPIC] }, async (message) => {
      records.push(JSON.parse(message.value.toString('utf8')) as AuditRecordV1);
    });
    await consumer.ready;
  });

  afterAll(async () => {
    await gateway.stop();
    await bus.close();
    await new Promise((resolve) => stub.close(resolve));
    await rm(dataDir, { recursive: true, force: true });
  });

  async function token(claims: Record<string, unknown>): Promise<string> {
    const response = await fetch(`${gateway.url}/auth/dev-token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(claims),
    });
    const issued = (await response.json()) as { access_token: string };
    return issued.access_token;
  }

  const practitioner = (): Promise<string> => token({ sub: 'dr-jones', org: 'RX1', role: 'practitioner' });

  async function call(path: string, init: RequestInit & { bearer?: string } = {}): Promise<Response> {
    const { bearer, ...rest } = init;
    return fetch(`${gateway.url}${path}`, {
      ...rest,
      headers: {
        ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
        ...(rest.body ? { 'content-type': 'application/fhir+json' } : {}),
      },
    });
  }

  /** Every message the consumer has yet to see is delivered (the bus wakes it on publish). */
  async function caughtUp(): Promise<void> {
    for (let attempt = 0; attempt < 500; attempt += 1) {
      const lag = await bus.consumerLag(GROUP, [AUDIT_RECORDS_TOPIC]);
      if (lag.every((partition) => partition.lag === 0)) return;
      await new Promise((resolve) => setImmediate(resolve));
    }
    throw new Error('the audit consumer did not catch up');
  }

  /** The one record of the response (and that it is the only one). */
  async function recordOf(response: Response): Promise<AuditRecordV1> {
    await response.arrayBuffer();
    const recordId = response.headers.get('x-request-id');
    await caughtUp();
    const matching = records.filter((record) => record.recordId === recordId);
    expect(matching).toHaveLength(1);
    return matching[0] as AuditRecordV1;
  }

  const igOfficer = (): Promise<string> => token({ sub: 'ig-1', org: 'RX1', role: 'ig-officer' });

  it('records a permitted read with the route template (not the query) and the caller', async () => {
    const response = await call(`/fhir/AuditEvent?patient=${PERSON_ID}&_count=5`, {
      bearer: await igOfficer(),
    });
    expect(response.status).toBe(200);
    const record = await recordOf(response);
    expect(record).toEqual(
      expect.objectContaining({
        agent: { subject: 'ig-1', role: 'ig-officer', organisation: 'RX1' },
        action: 'R',
        operation: 'AuditEvent.search',
        method: 'GET',
        route: '/fhir/AuditEvent',
        personIds: [PERSON_ID],
        purposeOfUse: 'governance',
        outcome: 'permitted',
        status: 200,
      }),
    );
  });

  it('sets X-Request-Id to a fresh record id even when the caller sent its own', async () => {
    const chosen = '11111111-2222-4333-8444-555555555555';
    const response = await fetch(`${gateway.url}/fhir/AuditEvent?patient=${PERSON_ID}`, {
      headers: { authorization: `Bearer ${await igOfficer()}`, 'x-request-id': chosen },
    });
    const record = await recordOf(response);
    expect(record.recordId).not.toBe(chosen);
    expect(record.recordId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('records a forged token as anonymous and denied, reading none of its claims', async () => {
    const real = await practitioner();
    const forged = `${real.slice(0, real.lastIndexOf('.') + 1)}${'A'.repeat(43)}`;
    const response = await call(`/fhir/Patient/${PERSON_ID}`, { bearer: forged });
    expect(response.status).toBe(401);
    expect(await recordOf(response)).toMatchObject({
      agent: { subject: 'anonymous', role: 'anonymous', organisation: 'UNKNOWN' },
      outcome: 'denied',
      outcomeDetail: 'login',
      status: 401,
      route: '/fhir/Patient/:id',
    });
  });

  it('records a missing token as denied', async () => {
    const response = await call('/identity/match-reviews');
    expect(response.status).toBe(401);
    expect(await recordOf(response)).toMatchObject({ outcome: 'denied', agent: { role: 'anonymous' } });
  });

  it('records a role refused by the roles guard as denied', async () => {
    const response = await call('/fhir/Patient', {
      method: 'POST',
      bearer: await practitioner(),
      body: JSON.stringify({ resourceType: 'Patient' }),
    });
    expect(response.status).toBe(403);
    expect(await recordOf(response)).toMatchObject({
      action: 'C',
      operation: 'Patient.create',
      outcome: 'denied',
      outcomeDetail: 'forbidden',
      status: 403,
    });
  });

  it('records a body the JSON parser refuses as failed, naming the caller from their verified token', async () => {
    const system = await token({ sub: 'pas', org: 'RX1', role: 'system' });
    const response = await call('/fhir/Patient', {
      method: 'POST',
      bearer: system,
      body: '{"resourceType":',
    });
    expect(response.status).toBe(400);
    expect(await recordOf(response)).toMatchObject({
      outcome: 'failed',
      outcomeDetail: 'invalid',
      status: 400,
      agent: { subject: 'pas', role: 'system', organisation: 'RX1' },
    });
  });

  it('records a request to no route under a forged token as anonymous', async () => {
    const response = await call('/fhir/NoSuchResource', { bearer: 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.' });
    expect(response.status).toBe(404);
    expect(await recordOf(response)).toMatchObject({
      outcome: 'failed',
      agent: { subject: 'anonymous', role: 'anonymous', organisation: 'UNKNOWN' },
    });
  });

  it('records a body the validation refuses as failed', async () => {
    const system = await token({ sub: 'pas', org: 'RX1', role: 'system' });
    const response = await call('/fhir/Patient', {
      method: 'POST',
      bearer: system,
      body: JSON.stringify({ resourceType: 'Patient', birthDate: 'yesterday' }),
    });
    expect(response.status).toBe(400);
    expect(await recordOf(response)).toMatchObject({
      outcome: 'failed',
      status: 400,
      route: '/fhir/Patient',
    });
  });

  it('records an unknown route as failed without its path', async () => {
    const response = await call(`/fhir/Nothing/${PERSON_ID}`, { bearer: await practitioner() });
    expect(response.status).toBe(404);
    expect(await recordOf(response)).toMatchObject({
      route: '(unmatched)',
      operation: 'unmatched',
      outcome: 'failed',
      outcomeDetail: 'not-found',
    });
  });

  it('does not record the CapabilityStatement, the health probes or the dev token', async () => {
    await caughtUp();
    const before = records.length;
    expect((await call('/fhir/metadata')).status).toBe(200);
    expect((await call('/health/live')).status).toBe(200);
    const marker = await call(`/fhir/AuditEvent?patient=${PERSON_ID}`, { bearer: await igOfficer() });
    await recordOf(marker);
    // The token request above is not recorded either: exactly one record was added.
    expect(records.length).toBe(before + 1);
  });

  it('lets an individual read who accessed their own record, and records that too', async () => {
    const individual = await token({ sub: 'jane', org: 'ILINKS', role: 'individual', patient: PERSON_ID });
    const response = await call(`/fhir/AuditEvent?patient=${PERSON_ID}`, { bearer: individual });
    expect(response.status).toBe(200);
    const bundle = (await response.clone().json()) as FhirAuditEventBundle;
    expect(bundle.entry.map((entry) => entry.resource.text.div)).toEqual([
      '<div xmlns="http://www.w3.org/1999/xhtml"><p>A practitioner at organisation RX9 read your record for direct care.</p></div>',
    ]);
    expect(await recordOf(response)).toMatchObject({
      operation: 'AuditEvent.search',
      personIds: [PERSON_ID],
      purposeOfUse: 'own-record',
      outcome: 'permitted',
    });
  });

  it('refuses an individual asking about someone else, and records the refusal', async () => {
    const individual = await token({ sub: 'jane', org: 'ILINKS', role: 'individual', patient: PERSON_ID });
    const response = await call(`/fhir/AuditEvent?patient=${OTHER_PERSON_ID}`, { bearer: individual });
    expect(response.status).toBe(403);
    expect(await recordOf(response)).toMatchObject({ outcome: 'denied', status: 403 });
  });

  it('refuses the trail to a practitioner', async () => {
    const response = await call(`/fhir/AuditEvent?patient=${PERSON_ID}`, { bearer: await practitioner() });
    expect(response.status).toBe(403);
    await recordOf(response);
  });

  it('keeps the trail’s verification to governance and administration', async () => {
    const response = await call('/audit/$verify', { method: 'POST', bearer: await practitioner() });
    expect(response.status).toBe(403);
    expect(await recordOf(response)).toMatchObject({
      operation: 'audit.$verify',
      action: 'E',
      outcome: 'denied',
    });
  });

  it('refuses an alert review without a valid outcome, and records it', async () => {
    const response = await call('/governance/alerts/a-1/$review', {
      method: 'POST',
      bearer: await igOfficer(),
      body: JSON.stringify({ outcome: 'fine' }),
    });
    expect(response.status).toBe(400);
    expect(await recordOf(response)).toMatchObject({
      operation: 'governance.alerts.$review',
      route: '/governance/alerts/:id/$review',
      outcome: 'failed',
    });
  });

  it('lists AuditEvent in the CapabilityStatement', async () => {
    const statement = (await (await call('/fhir/metadata')).json()) as {
      rest: { resource: { type: string }[] }[];
    };
    expect(statement.rest[0]?.resource.map((resource) => resource.type)).toContain('AuditEvent');
  });
});

describe('the gateway fails closed when the audit trail cannot be written', () => {
  let dataDir: string;
  let stub: Server;
  let bus: InProcessMessageBus;
  let gateway: RunningGateway;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'ilinks-gateway-audit-down-'));
    stub = await startServiceStub();
    const url = `http://127.0.0.1:${(stub.address() as AddressInfo).port}`;
    bus = new InProcessMessageBus({ filename: ':memory:' });
    gateway = await startGateway({
      runtime: { mode: 'embedded', dataDir },
      auth: authConfig(),
      http: { host: '127.0.0.1', port: 0, bodyLimit: '100kb' },
      services: {
        'identity-matching': url,
        consent: url,
        audit: url,
        'record-projection': url,
        correspondence: url,
        diagnostics: url,
      },
      bus,
      logger: createLogger({ service: 'gateway-audit-spec', level: 'silent' }),
      shutdownHooks: false,
    });
  });

  afterAll(async () => {
    await gateway.stop();
    await new Promise((resolve) => stub.close(resolve));
    await rm(dataDir, { recursive: true, force: true });
  });

  it('answers 503 with an OperationOutcome and none of the record', async () => {
    const issued = await fetch(`${gateway.url}/auth/dev-token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ sub: 'jane', org: 'ILINKS', role: 'individual', patient: PERSON_ID }),
    });
    const { access_token: accessToken } = (await issued.json()) as { access_token: string };
    await bus.close();

    const response = await fetch(`${gateway.url}/fhir/AuditEvent?patient=${PERSON_ID}`, {
      headers: { authorization: `Bearer ${accessToken}` },
    });
    const text = await response.text();
    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toBe('application/fhir+json; charset=utf-8');
    expect(response.headers.get('retry-after')).toBe('5');
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.parse(text)).toEqual({
      resourceType: 'OperationOutcome',
      issue: [
        expect.objectContaining({ code: 'transient', diagnostics: expect.stringContaining('audit trail') }),
      ],
    });
    expect(text).not.toContain('RX9');
    expect(text).not.toContain('AuditEvent');
  });

  it('fails a refused request closed too: even a 401 needs its record', async () => {
    const response = await fetch(`${gateway.url}/fhir/Patient/${PERSON_ID}`);
    expect(response.status).toBe(503);
    expect(response.headers.get('www-authenticate')).toBeNull();
  });
});

/** The in-process bus, except that the broker never acknowledges a publish. */
class UnacknowledgingBus extends InProcessMessageBus {
  override publish(): Promise<void> {
    return new Promise<void>(() => undefined);
  }
}

describe('the gateway fails closed when the broker does not acknowledge in time', () => {
  let dataDir: string;
  let stub: Server;
  let bus: InProcessMessageBus;
  let gateway: RunningGateway;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'ilinks-gateway-audit-slow-'));
    stub = await startServiceStub();
    const url = `http://127.0.0.1:${(stub.address() as AddressInfo).port}`;
    bus = new UnacknowledgingBus({ filename: ':memory:' });
    gateway = await startGateway({
      runtime: { mode: 'embedded', dataDir },
      auth: authConfig(),
      http: { host: '127.0.0.1', port: 0, bodyLimit: '100kb' },
      services: {
        'identity-matching': url,
        consent: url,
        audit: url,
        'record-projection': url,
        correspondence: url,
        diagnostics: url,
      },
      bus,
      auditTimeoutMs: 100,
      logger: createLogger({ service: 'gateway-audit-spec', level: 'silent' }),
      shutdownHooks: false,
    });
  });

  afterAll(async () => {
    await gateway.stop();
    await bus.close();
    await new Promise((resolve) => stub.close(resolve));
    await rm(dataDir, { recursive: true, force: true });
  });

  it('answers 503 once the timeout passed', async () => {
    const response = await fetch(`${gateway.url}/fhir/AuditEvent?patient=${PERSON_ID}`);
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ issue: [{ code: 'transient' }] });
  });
});
