import type { Role } from '@ilinks/platform/security';
import type { SafeguardingAlertV1 } from '@ilinks/record-projection/contracts';
import type { RequestAuditFacts } from '../../audit/request-audit';
import {
  type BackendAnswer,
  type BackendCall,
  BackendStub,
  type GatewaySpecApp,
  startGatewaySpecApp,
} from '../../testing/gateway-spec-app.testing';
import { GatewaySafeguardingModule } from './safeguarding.module';

const relativeUrl = (call: BackendCall | undefined) =>
  call ? `${call.url.pathname}${call.url.search}` : undefined;
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

/** A stand-in record service: one alert addressed to RBS, another organisation's alert refused. */
function recordService({ method, url, body }: BackendCall): BackendAnswer | undefined {
  if (method === 'GET' && url.pathname === '/safeguarding/alerts') {
    const mine = url.searchParams.get('organisation') === 'RBS';
    return [200, mine ? { alerts: [alert], nextCursor: 'cursor-2' } : { alerts: [] }];
  }
  if (url.pathname === `/safeguarding/alerts/${ALERT_ID}/acknowledge`) {
    if ((body as { organisation?: string } | undefined)?.organisation !== 'RBS')
      return [
        403,
        { resourceType: 'OperationOutcome', issue: [{ code: 'forbidden', diagnostics: 'not yours' }] },
      ];
    return [200, { ...alert, status: 'acknowledged', acknowledgedAt: '2026-11-20T11:00:00.000Z' }];
  }
  return undefined;
}

describe('GatewaySafeguardingModule over HTTP', () => {
  const backend = new BackendStub(recordService);
  const calls = backend.calls;
  let gateway: GatewaySpecApp;

  beforeAll(async () => {
    await backend.start();
    gateway = await startGatewaySpecApp({
      name: 'safeguarding',
      backend,
      modules: (services) => [GatewaySafeguardingModule.forRoot({ services })],
    });
  });

  afterAll(async () => {
    await gateway.close();
    await backend.stop();
  });

  beforeEach(() => {
    calls.length = 0;
    gateway.audited.length = 0;
  });

  async function send(
    method: string,
    path: string,
    caller: { role?: Role; org?: string } = {},
  ): Promise<Response> {
    const { accessToken } = await gateway.issuer.issue({
      sub: 'user-1',
      org: caller.org ?? 'RBS',
      role: caller.role ?? 'practitioner',
      ...(caller.role === 'individual' ? { patient: PERSON } : {}),
    });
    return fetch(`${gateway.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${accessToken}` },
    });
  }
  const lastAudit = (): RequestAuditFacts => {
    const facts = gateway.audited[gateway.audited.length - 1];
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
    expect(relativeUrl(calls[0])).toBe(
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
    expect(relativeUrl(calls[0])).toBe('/safeguarding/alerts?organisation=SOC1&limit=50');
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
