import { configureHttpApp } from '@ilinks/platform/http';
import { createJwtVerifier, DevTokenIssuer, type Role } from '@ilinks/platform/security';
import type { SafeguardingAlertV1 } from '@ilinks/record-projection/contracts';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { auditFactsOf, type RequestAuditFacts } from '../../audit/request-audit';
import { GatewayModule } from '../../gateway.module';
import { GatewaySafeguardingModule } from './safeguarding.module';

const PERSON = '11111111-2222-4333-8444-555555555555';
const ALERT_ID = '22222222-3333-4444-8555-666666666666';
const OTHER_ALERT = '33333333-3333-4444-8555-666666666666';

const alert: SafeguardingAlertV1 = {
  alertId: ALERT_ID,
  kind: 'child-protection-flag',
  personId: PERSON,
  organisation: 'RBS',
  audience: 'attending-service',
  trigger: {
    entryId: 'e-1',
    organisation: 'RBS',
    setting: 'emergency-department',
    at: '2026-11-20T10:00:00.000Z',
  },
  flags: [{ entryId: 'f-1', kind: 'child-protection-plan', display: 'CP plan', organisation: 'SOC1' }],
  attendances: [],
  raisedAt: '2026-11-20T10:01:00.000Z',
  status: 'open',
};

interface BackendCall {
  readonly method: string;
  readonly url: string;
  readonly body: unknown;
}

/** A stand-in record service: one alert addressed to RBS, another organisation's alert refused. */
function startBackendStub(calls: BackendCall[]): Promise<Server> {
  const server = createServer((request: IncomingMessage, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString()));
    request.on('end', () => {
      const body = text === '' ? undefined : (JSON.parse(text) as { organisation?: string });
      calls.push({ method: request.method ?? '', url: request.url ?? '', body });
      const url = new URL(request.url ?? '/', 'http://stub');
      const answer = ((): [number, unknown] => {
        if (request.method === 'GET' && url.pathname === '/safeguarding/alerts') {
          const mine = url.searchParams.get('organisation') === 'RBS';
          return [200, mine ? { alerts: [alert], nextCursor: 'cursor-2' } : { alerts: [] }];
        }
        if (url.pathname === `/safeguarding/alerts/${ALERT_ID}/acknowledge`) {
          if (body?.organisation !== 'RBS') {
            return [
              403,
              { resourceType: 'OperationOutcome', issue: [{ code: 'forbidden', diagnostics: 'not yours' }] },
            ];
          }
          return [200, { ...alert, status: 'acknowledged', acknowledgedAt: '2026-11-20T11:00:00.000Z' }];
        }
        return [
          404,
          { resourceType: 'OperationOutcome', issue: [{ code: 'not-found', diagnostics: 'no such alert' }] },
        ];
      })();
      response.statusCode = answer[0];
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify(answer[1]));
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe('GatewaySafeguardingModule over HTTP', () => {
  const calls: BackendCall[] = [];
  const audited: RequestAuditFacts[] = [];
  let backend: Server;
  let dataDir: string;
  let issuer: DevTokenIssuer;
  let app: NestExpressApplication;
  let baseUrl: string;

  beforeAll(async () => {
    backend = await startBackendStub(calls);
    dataDir = await mkdtemp(join(tmpdir(), 'ilinks-safeguarding-'));
    issuer = new DevTokenIssuer({ dataDir });
    const services = { 'record-projection': `http://127.0.0.1:${(backend.address() as AddressInfo).port}` };
    const verifier = createJwtVerifier({
      mode: 'embedded',
      auth: { clockToleranceSeconds: 0 },
      devTokenIssuer: issuer,
    });
    @Module({
      imports: [
        GatewayModule.forRoot({
          mode: 'embedded',
          verifier,
          devTokenIssuer: issuer,
          software: { name: 'ilinks', version: '0' },
        }),
        GatewaySafeguardingModule.forRoot({ services }),
      ],
    })
    class TestAppModule {}
    app = await NestFactory.create<NestExpressApplication>(TestAppModule, { logger: false });
    app.use(
      (request: object, response: { on(event: 'finish', listener: () => void): void }, next: () => void) => {
        response.on('finish', () => audited.push(auditFactsOf(request)));
        next();
      },
    );
    configureHttpApp(app, { bodyLimit: '100kb', shutdownHooks: false });
    await app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await app.close();
    await new Promise((resolve) => backend.close(resolve));
    await rm(dataDir, { recursive: true, force: true });
  });

  beforeEach(() => {
    calls.length = 0;
    audited.length = 0;
  });

  async function send(
    method: string,
    path: string,
    caller: { role?: Role; org?: string } = {},
  ): Promise<Response> {
    const { accessToken } = await issuer.issue({
      sub: 'user-1',
      org: caller.org ?? 'RBS',
      role: caller.role ?? 'practitioner',
      ...(caller.role === 'individual' ? { patient: PERSON } : {}),
    });
    return fetch(`${baseUrl}${path}`, { method, headers: { authorization: `Bearer ${accessToken}` } });
  }
  const lastAudit = (): RequestAuditFacts => {
    const facts = audited[audited.length - 1];
    if (!facts) throw new Error('no request was audited');
    return facts;
  };

  it("lists the caller's organisation's alerts with a next link, and audits each person and alert", async () => {
    const response = await send(
      'GET',
      `/record/safeguarding-alerts?personId=${PERSON}&status=open&_count=10`,
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      alerts: [alert],
      next: `/record/safeguarding-alerts?personId=${PERSON}&status=open&_count=10&_cursor=cursor-2`,
    });
    expect(calls[0]?.url).toBe(
      `/safeguarding/alerts?organisation=RBS&personId=${PERSON}&status=open&limit=10`,
    );
    expect(lastAudit()).toMatchObject({
      operation: 'SafeguardingAlert.search',
      entities: [{ resourceType: 'SafeguardingAlert', id: ALERT_ID }],
    });
    expect([...lastAudit().personIds]).toEqual([PERSON]);
  });

  it('takes the organisation from the token, never the query', async () => {
    const response = await send('GET', '/record/safeguarding-alerts?organisation=RBS', { org: 'SOC1' });
    expect(response.status).toBe(400);
    expect(calls).toEqual([]);
    const own = await send('GET', '/record/safeguarding-alerts', { org: 'SOC1' });
    expect(await own.json()).toEqual({ alerts: [] });
    expect(calls[0]?.url).toBe('/safeguarding/alerts?organisation=SOC1&limit=50');
  });

  it('refuses invalid parameters with an OperationOutcome', async () => {
    const response = await send('GET', '/record/safeguarding-alerts?_count=0');
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ resourceType: 'OperationOutcome' });
  });

  it('is for practitioners and systems only', async () => {
    expect((await send('GET', '/record/safeguarding-alerts', { role: 'individual' })).status).toBe(403);
    expect((await send('GET', '/record/safeguarding-alerts', { role: 'system' })).status).toBe(200);
  });

  it('acknowledges as the caller, and audits the alert', async () => {
    const response = await send('POST', `/record/safeguarding-alerts/${ALERT_ID}/acknowledge`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ alertId: ALERT_ID, status: 'acknowledged' });
    expect(calls[0]?.body).toEqual({
      organisation: 'RBS',
      acknowledgedBy: { subject: 'user-1', role: 'practitioner' },
    });
    expect(lastAudit()).toMatchObject({
      operation: 'SafeguardingAlert.acknowledge',
      entities: [{ resourceType: 'SafeguardingAlert', id: ALERT_ID }],
    });
  });

  it("passes on the record service's refusal of another organisation (403) and an unknown alert (404)", async () => {
    expect(
      (await send('POST', `/record/safeguarding-alerts/${ALERT_ID}/acknowledge`, { org: 'SOC1' })).status,
    ).toBe(403);
    expect((await send('POST', `/record/safeguarding-alerts/${OTHER_ALERT}/acknowledge`)).status).toBe(404);
    expect((await send('POST', '/record/safeguarding-alerts/not-an-id/acknowledge')).status).toBe(404);
  });
});
