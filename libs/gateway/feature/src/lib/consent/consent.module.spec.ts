import type { ConsentItemV1 } from '@ilinks/consent/contracts';
import type { ResourceLabel } from '@ilinks/consent/domain';
import { configureHttpApp } from '@ilinks/platform/http';
import { DevTokenIssuer, type Principal, type Role, createJwtVerifier } from '@ilinks/platform/security';
import { ForbiddenError, NotFoundError } from '@ilinks/shared/kernel';
import { Global, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { mkdtemp, rm } from 'node:fs/promises';
import { type IncomingMessage, type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type PermittedAccess, PersonAccess, type PersonToSift } from '../access/person-access';
import { auditFactsOf } from '../audit/request-audit';
import { GatewayModule } from '../gateway.module';
import { CONSENT_POLICY, RECORD_PART_SYSTEM } from './consent.codes';
import { GatewayConsentModule } from './consent.module';
import { CONSENT_ID, PERSON_ID, agreementItem, delegationItem, objectionItem } from './consent-items.testing';

const NOW = new Date('2026-03-01T12:00:00Z');
const OTHER_PERSON = '0e1f2a3b-4c5d-4e6f-8a7b-8c9d0e1f2a3b';

interface Received {
  readonly method: string;
  readonly url: string;
  readonly idempotencyKey?: string;
  readonly body: unknown;
}

interface Answer {
  readonly status: number;
  readonly body: unknown;
}

/**
 * A stand-in consent service: a real HTTP server on this machine answering the consent API's routes
 * with fixed JSON (the consent service's own module was not ready to start in-process), recording
 * every request. `answer` may be replaced per test.
 */
class ConsentServiceStub {
  readonly received: Received[] = [];
  answer: (request: Received) => Answer = () => notFound();
  private server?: Server;

  async start(): Promise<string> {
    this.server = createServer((request: IncomingMessage, response) => {
      let text = '';
      request.on('data', (chunk: Buffer) => (text += chunk.toString()));
      request.on('end', () => {
        const key = request.headers['idempotency-key'];
        const received: Received = {
          method: request.method ?? '',
          url: request.url ?? '',
          ...(typeof key === 'string' ? { idempotencyKey: key } : {}),
          body: text ? (JSON.parse(text) as unknown) : undefined,
        };
        this.received.push(received);
        const { status, body } = this.answer(received);
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
}

function notFound(): Answer {
  return {
    status: 404,
    body: {
      resourceType: 'OperationOutcome',
      issue: [{ severity: 'error', code: 'not-found', diagnostics: 'no such consent' }],
    },
  };
}

/**
 * Our own seam, made simple: an individual sees only their own person, an ig-officer is refused,
 * and items recorded by `hiddenOrganisations` are filtered out (as an objection would).
 */
class TestPersonAccess extends PersonAccess {
  hiddenOrganisations = new Set<string>();
  lastRequest?: object;
  readonly asked: { personId: string; label: ResourceLabel }[] = [];

  authorize(
    request: object,
    principal: Principal,
    personId: string,
    label: ResourceLabel,
  ): Promise<PermittedAccess> {
    this.lastRequest = request;
    this.asked.push({ personId, label });
    if (principal.role === 'individual' && principal.patient !== personId)
      return Promise.reject(new NotFoundError('no such person'));
    if (principal.role === 'ig-officer') return Promise.reject(new ForbiddenError('not for this role'));
    const hidden = this.hiddenOrganisations;
    return Promise.resolve({
      decision: { effect: 'permit', basis: 'care-relationship' },
      policy: {
        personId,
        personIds: [personId],
        relationships: [],
        objections: [],
        sharedCategories: [],
        breakGlass: [],
        delegations: [],
      },
      isVisible: (item: ResourceLabel) => item.organisation === undefined || !hidden.has(item.organisation),
    });
  }

  sift(
    _request: object,
    _principal: Principal,
    _persons: readonly PersonToSift[],
  ): Promise<ReadonlyMap<string, PermittedAccess>> {
    return Promise.reject(new Error('the Consent endpoints do not sift persons'));
  }
}

describe('GatewayConsentModule over HTTP', () => {
  const consentService = new ConsentServiceStub();
  const access = new TestPersonAccess();
  let dataDir: string;
  let app: NestExpressApplication;
  let baseUrl: string;
  let issuer: DevTokenIssuer;

  beforeAll(async () => {
    const consentUrl = await consentService.start();
    dataDir = await mkdtemp(join(tmpdir(), 'ilinks-consent-'));
    issuer = new DevTokenIssuer({ dataDir });
    const verifier = createJwtVerifier({
      mode: 'embedded',
      auth: { clockToleranceSeconds: 0 },
      devTokenIssuer: issuer,
    });
    @Global()
    @Module({ providers: [{ provide: PersonAccess, useValue: access }], exports: [PersonAccess] })
    class TestAccessModule {}
    @Module({
      imports: [
        GatewayModule.forRoot({
          mode: 'embedded',
          verifier,
          devTokenIssuer: issuer,
          software: { name: 'ilinks', version: '0' },
        }),
        TestAccessModule,
        GatewayConsentModule.forRoot({ services: { consent: consentUrl }, clock: { now: () => NOW } }),
      ],
    })
    class TestAppModule {}
    app = await NestFactory.create<NestExpressApplication>(TestAppModule, { logger: false });
    configureHttpApp(app, { bodyLimit: '100kb', shutdownHooks: false });
    await app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await app.close();
    await consentService.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  beforeEach(() => {
    consentService.received.length = 0;
    consentService.answer = () => notFound();
    access.hiddenOrganisations.clear();
    access.asked.length = 0;
  });

  async function call(
    role: Role,
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Response> {
    const { accessToken } = await issuer.issue({
      sub: role === 'individual' ? 'user-9' : 'dr-1',
      org: 'RBS',
      role,
      ...(role === 'individual' ? { patient: PERSON_ID } : {}),
    });
    return fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${accessToken}`,
        'content-type': 'application/fhir+json',
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  }

  /** Answers the consent service's routes with these items (by id) and lists. */
  function serve(
    items: readonly ConsentItemV1[],
    created: ConsentItemV1 = items[0] ?? objectionItem(),
  ): void {
    consentService.answer = (request) => {
      if (request.method === 'POST' && request.url.endsWith('/withdraw'))
        return {
          status: 200,
          body: { ...created, status: 'inactive', withdrawnAt: '2026-03-01T12:00:00.000Z' },
        };
      if (request.method === 'POST') return { status: 201, body: created };
      if (request.url.startsWith('/persons/')) return { status: 200, body: { items } };
      const item = items.find((candidate) => request.url === `/consents/${candidate.consentId}`);
      return item ? { status: 200, body: item } : notFound();
    };
  }

  const objection = {
    resourceType: 'Consent',
    status: 'active',
    scope: {
      coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'patient-privacy' }],
    },
    category: [{ coding: [{ system: 'http://loinc.org', code: '59284-0' }] }],
    patient: { reference: `Patient/${PERSON_ID}` },
    policy: [{ uri: CONSENT_POLICY.objection }],
    provision: { type: 'deny' },
  };

  describe('POST /fhir/Consent', () => {
    it('records an individual’s own objection: 201, Location, the Consent', async () => {
      serve([objectionItem()]);
      const response = await call('individual', 'POST', '/fhir/Consent', objection);
      expect(response.status).toBe(201);
      expect(response.headers.get('location')).toBe(`${baseUrl}/fhir/Consent/${CONSENT_ID}`);
      expect(response.headers.get('content-type')).toBe('application/fhir+json; charset=utf-8');
      expect(await response.json()).toMatchObject({
        resourceType: 'Consent',
        id: CONSENT_ID,
        status: 'active',
      });
      expect(consentService.received[0]).toMatchObject({
        method: 'POST',
        url: `/persons/${PERSON_ID}/objections`,
        body: { recordedBy: { subject: 'user-9', organisation: 'RBS', role: 'individual' }, onBehalf: false },
      });
      expect(access.asked).toEqual([{ personId: PERSON_ID, label: { part: 'consents' } }]);
    });

    it('derives an idempotency key from the body, the same on a retry', async () => {
      serve([objectionItem()]);
      await call('individual', 'POST', '/fhir/Consent', objection);
      await call('individual', 'POST', '/fhir/Consent', objection);
      const keys = consentService.received.filter((r) => r.method === 'POST').map((r) => r.idempotencyKey);
      expect(keys).toHaveLength(2);
      expect(keys[0]).toMatch(/^fhir-consent:[0-9a-f]{48}$/);
      expect(keys[1]).toBe(keys[0]);
    });

    it('passes the client’s Idempotency-Key on as it is', async () => {
      serve([objectionItem()]);
      await call('practitioner', 'POST', '/fhir/Consent', objection, {
        'idempotency-key': 'client-key-0001',
      });
      expect(consentService.received).toHaveLength(1);
      expect(consentService.received[0]).toMatchObject({
        idempotencyKey: 'client-key-0001',
        body: { recordedBy: { subject: 'dr-1', role: 'practitioner' }, onBehalf: true },
      });
    });

    it('records the choice anew when the first key answers with a withdrawn consent', async () => {
      const withdrawn = objectionItem({
        consentId: 'c-old',
        status: 'inactive',
        withdrawnAt: '2026-02-02T00:00:00.000Z',
      });
      const renewed = objectionItem({ consentId: 'c-new' });
      let firstKey: string | undefined;
      consentService.answer = (request) => {
        firstKey ??= request.idempotencyKey;
        if (request.method === 'GET') return { status: 200, body: renewed };
        return { status: 201, body: request.idempotencyKey === firstKey ? withdrawn : renewed };
      };
      const response = await call('individual', 'POST', '/fhir/Consent', objection);
      expect(response.status).toBe(201);
      expect(((await response.json()) as { id: string }).id).toBe('c-new');
      const posts = consentService.received.filter((r) => r.method === 'POST');
      expect(posts).toHaveLength(2);
      expect(posts[1]?.idempotencyKey).not.toBe(posts[0]?.idempotencyKey);
    });

    it('records a delegation with the carer, the parts and the end', async () => {
      serve([delegationItem()]);
      const delegation = {
        ...objection,
        policy: [{ uri: CONSENT_POLICY.delegation }],
        provision: {
          type: 'permit',
          period: { end: '2026-06-01T00:00:00Z' },
          actor: [
            {
              role: {
                coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode', code: 'DELEGATEE' }],
              },
              reference: {
                identifier: { system: 'https://fhir.ilinks.dev/Id/user', value: 'carer-7' },
              },
            },
          ],
          code: [{ coding: [{ system: RECORD_PART_SYSTEM, code: 'medications' }] }],
        },
      };
      expect((await call('individual', 'POST', '/fhir/Consent', delegation)).status).toBe(201);
      expect(consentService.received[0]).toMatchObject({
        url: `/persons/${PERSON_ID}/delegations`,
        body: { carer: 'carer-7', parts: ['medications'], until: '2026-06-01T00:00:00.000Z' },
      });
    });

    it('refuses a carer (403) and records nothing', async () => {
      expect((await call('carer', 'POST', '/fhir/Consent', objection)).status).toBe(403);
      expect(consentService.received).toEqual([]);
    });

    it('answers 400 naming the element, and records nothing', async () => {
      const response = await call('individual', 'POST', '/fhir/Consent', {
        ...objection,
        policy: [{ uri: 'https://x.example/p' }],
      });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({
        resourceType: 'OperationOutcome',
        issue: [{ code: 'invalid', expression: ['Consent.policy[0].uri'] }],
      });
      expect(consentService.received).toEqual([]);
    });

    it('refuses an individual recording for someone else, and records nothing', async () => {
      const response = await call('individual', 'POST', '/fhir/Consent', {
        ...objection,
        patient: { reference: `Patient/${OTHER_PERSON}` },
      });
      expect(response.status).toBe(404);
      expect(consentService.received).toEqual([]);
    });

    it('answers as the consent service refused', async () => {
      consentService.answer = () => ({
        status: 409,
        body: {
          resourceType: 'OperationOutcome',
          issue: [
            { severity: 'error', code: 'business-rule', diagnostics: 'an objection is already active' },
          ],
        },
      });
      const response = await call('individual', 'POST', '/fhir/Consent', objection);
      expect(response.status).toBe(409);
    });
  });

  describe('GET /fhir/Consent/:id', () => {
    it('reads a consent the caller may see, and notes it for the audit', async () => {
      serve([agreementItem('hiv')]);
      const response = await call('practitioner', 'GET', `/fhir/Consent/${CONSENT_ID}`);
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ id: CONSENT_ID, provision: { type: 'permit' } });
      expect(access.asked).toEqual([{ personId: PERSON_ID, label: { part: 'consents' } }]);
      const facts = auditFactsOf(access.lastRequest ?? {});
      expect(facts.operation).toBe('Consent.read');
      expect(facts.entities).toEqual([{ resourceType: 'Consent', id: CONSENT_ID }]);
      expect([...facts.personIds]).toEqual([PERSON_ID]);
    });

    it('answers 404 for an id that does not exist', async () => {
      serve([]);
      expect((await call('practitioner', 'GET', '/fhir/Consent/c-unknown')).status).toBe(404);
    });

    it('answers 404 without a call for an id that cannot exist', async () => {
      expect((await call('practitioner', 'GET', `/fhir/Consent/${'x'.repeat(65)}`)).status).toBe(404);
      expect(consentService.received).toEqual([]);
    });

    it('answers 404, not 403, when the caller is refused', async () => {
      serve([objectionItem()]);
      const response = await call('ig-officer', 'GET', `/fhir/Consent/${CONSENT_ID}`);
      expect(response.status).toBe(404);
    });

    it('answers 404 when the item is filtered out', async () => {
      serve([objectionItem()]);
      access.hiddenOrganisations.add('RBS');
      expect((await call('practitioner', 'GET', `/fhir/Consent/${CONSENT_ID}`)).status).toBe(404);
    });
  });

  describe('GET /fhir/Consent?patient=', () => {
    const items = [
      objectionItem(),
      agreementItem('hiv', {
        consentId: 'c-2',
        recordedBy: { subject: 'dr-2', organisation: 'RXX', role: 'practitioner' },
      }),
    ];

    it('answers a searchset with a self link and a total', async () => {
      serve(items);
      const response = await call(
        'practitioner',
        'GET',
        `/fhir/Consent?patient=Patient/${PERSON_ID}&status=active`,
      );
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({
        resourceType: 'Bundle',
        type: 'searchset',
        total: 2,
        link: [{ relation: 'self', url: `${baseUrl}/fhir/Consent?patient=${PERSON_ID}&status=active` }],
      });
      expect(consentService.received[0]?.url).toBe(`/persons/${PERSON_ID}/consents?status=active`);
    });

    it('leaves filtered items out of the entries and the total', async () => {
      serve(items);
      access.hiddenOrganisations.add('RXX');
      const bundle = (await (
        await call('practitioner', 'GET', `/fhir/Consent?patient=${PERSON_ID}`)
      ).json()) as {
        total: number;
        entry: { resource: { id: string } }[];
      };
      expect(bundle.total).toBe(1);
      expect(bundle.entry.map((entry) => entry.resource.id)).toEqual([CONSENT_ID]);
      expect(auditFactsOf(access.lastRequest ?? {}).entities).toContainEqual({
        resourceType: 'Consent',
        id: 'c-2',
        withheld: true,
      });
    });

    it.each([
      ['no patient', '/fhir/Consent', 'patient'],
      ['a patient that is not ours', '/fhir/Consent?patient=Patient/1', 'patient'],
      ['an unknown status', `/fhir/Consent?patient=${PERSON_ID}&status=draft`, 'status'],
    ])('answers 400 for %s', async (_case, path, parameter) => {
      const response = await call('practitioner', 'GET', path);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ issue: [{ expression: [parameter] }] });
      expect(consentService.received).toEqual([]);
    });

    it('refuses an individual searching someone else', async () => {
      expect((await call('individual', 'GET', `/fhir/Consent?patient=${OTHER_PERSON}`)).status).toBe(404);
      expect(consentService.received).toEqual([]);
    });
  });

  describe('PUT /fhir/Consent/:id', () => {
    it('withdraws when the status goes to inactive, with a key of its own', async () => {
      const item = delegationItem();
      serve([item]);
      const current = (await (
        await call('individual', 'GET', `/fhir/Consent/${CONSENT_ID}`)
      ).json()) as Record<string, unknown>;
      const response = await call('individual', 'PUT', `/fhir/Consent/${CONSENT_ID}`, {
        ...current,
        status: 'inactive',
      });
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ status: 'inactive' });
      const withdrawal = consentService.received.find((r) => r.url === `/consents/${CONSENT_ID}/withdraw`);
      expect(withdrawal).toMatchObject({
        method: 'POST',
        body: { recordedBy: { subject: 'user-9', organisation: 'RBS', role: 'individual' } },
      });
      expect(withdrawal?.idempotencyKey).toMatch(/^fhir-consent-withdraw:/);
    });

    it('answers 422 naming what else changed, and withdraws nothing', async () => {
      serve([delegationItem()]);
      const current = (await (await call('individual', 'GET', `/fhir/Consent/${CONSENT_ID}`)).json()) as {
        provision: Record<string, unknown>;
      };
      const response = await call('individual', 'PUT', `/fhir/Consent/${CONSENT_ID}`, {
        ...current,
        status: 'inactive',
        provision: { ...current.provision, period: { end: '2027-01-01T00:00:00Z' } },
      });
      expect(response.status).toBe(422);
      const outcome = (await response.json()) as { issue: { code: string; diagnostics: string }[] };
      expect(outcome.issue.map((issue) => issue.diagnostics.split(':')[0])).toEqual([
        'Consent.provision.period.start',
        'Consent.provision.period.end',
      ]);
      expect(outcome.issue[0]?.code).toBe('business-rule');
      expect(consentService.received.some((r) => r.url.endsWith('/withdraw'))).toBe(false);
    });

    it('refuses a carer', async () => {
      serve([delegationItem()]);
      expect((await call('carer', 'PUT', `/fhir/Consent/${CONSENT_ID}`, {})).status).toBe(403);
    });
  });

  it('refuses DELETE with 405 and an OperationOutcome', async () => {
    const response = await call('individual', 'DELETE', `/fhir/Consent/${CONSENT_ID}`);
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, PUT');
    expect(await response.json()).toMatchObject({
      resourceType: 'OperationOutcome',
      issue: [{ code: 'not-supported' }],
    });
  });

  it('registers Consent in the CapabilityStatement', async () => {
    const statement = (await (await fetch(`${baseUrl}/fhir/metadata`)).json()) as {
      rest: { resource: { type: string; interaction: { code: string }[] }[] }[];
    };
    const consent = statement.rest[0]?.resource.find((resource) => resource.type === 'Consent');
    expect(consent?.interaction.map((interaction) => interaction.code)).toEqual([
      'read',
      'update',
      'create',
      'search-type',
    ]);
  });
});
