import { configureHttpApp } from '@ilinks/platform/http';
import { DevTokenIssuer, type Role, createJwtVerifier } from '@ilinks/platform/security';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { mkdtemp, rm } from 'node:fs/promises';
import { type IncomingMessage, type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_ACCESS_POLICY_SETTINGS } from '@ilinks/consent/domain';
import { AccessModule } from '../access/access.module';
import { ConsentStub, policyV1 } from '../access/consent-stub.testing';
import { GatewayModule } from '../gateway.module';
import { PatientModule } from './patient.module';
import { OTHER_PERSON_ID, PERSON_ID, personView } from './person-view.testing';

/** The other person: known only to a GP practice (Y12345). */
const otherPerson = personView({
  personId: OTHER_PERSON_ID,
  golden: {},
  localRecords: [
    {
      localRecordId: 'lr-gp-9',
      organisation: 'Y12345',
      identifier: { system: 'https://gp.example/Id/patient', value: 'GP-9' },
      linkedAt: '2025-01-02T10:00:00.000Z',
      method: 'new-person',
    },
  ],
});
const UNKNOWN_ID = '11111111-2222-4333-8444-555555555555';
const REASON = 'unconscious in A&E, no history available';

interface Received {
  readonly method: string;
  readonly url: string;
  readonly body: unknown;
}

/** A stand-in identity service: records requests and answers from a fixed table. */
function startIdentityStub(received: Received[]): Promise<Server> {
  const server = createServer((request: IncomingMessage, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString()));
    request.on('end', () => {
      received.push({
        method: request.method ?? '',
        url: request.url ?? '',
        body: text ? JSON.parse(text) : undefined,
      });
      if (request.url === `/persons/${UNKNOWN_ID}`) {
        response.statusCode = 404;
        response.end(
          JSON.stringify({ resourceType: 'OperationOutcome', issue: [{ diagnostics: 'no person' }] }),
        );
        return;
      }
      const answer =
        request.url === `/persons/${OTHER_PERSON_ID}`
          ? otherPerson
          : request.url?.startsWith('/persons?')
            ? { persons: [personView(), otherPerson] }
            : request.url === '/local-records'
              ? {
                  localRecordId: 'lr-rbs-1',
                  personId: PERSON_ID,
                  record: 'registered',
                  link: { outcome: 'new-person', method: 'new-person' },
                  person: personView(),
                }
              : request.url === '/match'
                ? {
                    matches: [
                      { person: otherPerson, score: 0.99, grade: 'certain', explanation: [] },
                      { person: personView(), score: 0.9, grade: 'probable', explanation: [] },
                    ],
                  }
                : request.url?.startsWith('/match-reviews/r-1/resolve')
                  ? { reviewId: 'r-1' }
                  : personView();
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify(answer));
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** The gateway's edge, access control and the Patient endpoints, listening on a free port. */
async function startPatientApp(
  issuer: DevTokenIssuer,
  services: Readonly<Record<string, string>>,
  selfDeclaring: boolean,
): Promise<{ app: NestExpressApplication; baseUrl: string }> {
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
      AccessModule.forRoot({
        services,
        settings: { ...DEFAULT_ACCESS_POLICY_SETTINGS, selfDeclaredRelationshipsAllowed: selfDeclaring },
      }),
      PatientModule.forRoot({ services }),
    ],
  })
  class TestAppModule {}
  const app = await NestFactory.create<NestExpressApplication>(TestAppModule, { logger: false });
  configureHttpApp(app, { bodyLimit: '100kb', shutdownHooks: false });
  await app.listen(0, '127.0.0.1');
  return { app, baseUrl: `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}` };
}

describe('PatientModule over HTTP', () => {
  const received: Received[] = [];
  let identity: Server;
  let dataDir: string;
  let app: NestExpressApplication;
  let baseUrl: string;
  /** A region that does not let practitioners declare relationships themselves. */
  let strictApp: NestExpressApplication;
  let strictUrl: string;
  let issuer: DevTokenIssuer;
  const consent = new ConsentStub();

  beforeAll(async () => {
    identity = await startIdentityStub(received);
    await consent.start();
    dataDir = await mkdtemp(join(tmpdir(), 'ilinks-patient-'));
    issuer = new DevTokenIssuer({ dataDir });
    const services = {
      'identity-matching': `http://127.0.0.1:${(identity.address() as AddressInfo).port}`,
      consent: consent.url,
    };
    ({ app, baseUrl } = await startPatientApp(issuer, services, true));
    ({ app: strictApp, baseUrl: strictUrl } = await startPatientApp(issuer, services, false));
  });

  afterAll(async () => {
    await app.close();
    await strictApp.close();
    await new Promise((resolve) => identity.close(resolve));
    await consent.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  beforeEach(() => {
    received.length = 0;
    consent.reset();
    consent.policies.set(PERSON_ID, policyV1(PERSON_ID));
    consent.policies.set(OTHER_PERSON_ID, policyV1(OTHER_PERSON_ID));
  });

  interface Caller {
    readonly org?: string;
    readonly patient?: string;
    readonly headers?: Record<string, string>;
  }

  async function call(
    role: Role,
    method: string,
    path: string,
    body?: unknown,
    caller: Caller = {},
  ): Promise<Response> {
    const { accessToken } = await issuer.issue({
      sub: 'user-1',
      org: caller.org ?? 'RBS',
      role,
      ...(caller.patient === undefined ? {} : { patient: caller.patient }),
    });
    return fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${accessToken}`,
        'content-type': 'application/fhir+json',
        ...caller.headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  }

  const idsIn = async (response: Response): Promise<string[]> =>
    ((await response.json()) as { entry: { resource: { id: string } }[] }).entry.map(
      (entry) => entry.resource.id,
    );

  const patient = {
    resourceType: 'Patient',
    identifier: [{ system: 'https://fhir.rbs.example/Id/pas-number', value: 'RBS0012345' }],
    name: [{ family: 'Smith' }],
    birthDate: '1980-02-29',
  };

  it('registers a record: 201, Location, the organisation from the token', async () => {
    const response = await call('system', 'POST', '/fhir/Patient', patient);
    expect(response.status).toBe(201);
    expect(response.headers.get('location')).toBe(`${baseUrl}/fhir/Patient/${PERSON_ID}`);
    expect(response.headers.get('content-type')).toBe('application/fhir+json; charset=utf-8');
    expect(((await response.json()) as { id: string }).id).toBe(PERSON_ID);
    expect(received[0]?.body).toMatchObject({ organisation: 'RBS' });
  });

  it('shows a registering partner the person even before the consent service knows of its record', async () => {
    consent.policies.clear();
    const response = await call('system', 'POST', '/fhir/Patient', patient, { org: 'RBS' });
    expect(response.status).toBe(201);
    expect(((await response.json()) as { identifier: unknown[] }).identifier).toHaveLength(2);
  });

  it("records the practice a registration names as the person's GP, once per person and practice", async () => {
    const naming = {
      ...patient,
      generalPractitioner: [
        { identifier: { system: 'https://fhir.nhs.uk/Id/ods-organization-code', value: 'Y12345' } },
      ],
    };
    expect((await call('system', 'POST', '/fhir/Patient', naming)).status).toBe(201);
    const started = consent.received.filter((request) => request.url.endsWith('/relationships'));
    expect(started).toEqual([
      expect.objectContaining({
        url: `/persons/${PERSON_ID}/relationships`,
        body: { organisation: 'Y12345', kind: 'registered-practice' },
        headers: expect.objectContaining({
          'idempotency-key': `registered-practice:${PERSON_ID}:Y12345`,
        }),
      }),
    ]);
  });

  it('refuses a practice whose ODS code is malformed, naming the element, and calls nobody', async () => {
    const response = await call('system', 'POST', '/fhir/Patient', {
      ...patient,
      generalPractitioner: [
        { identifier: { system: 'https://fhir.nhs.uk/Id/ods-organization-code', value: 'x' } },
      ],
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      issue: [{ expression: ['Patient.generalPractitioner[0].identifier.value'] }],
    });
    expect(received).toEqual([]);
  });

  it('refuses a registration from a practitioner', async () => {
    expect((await call('practitioner', 'POST', '/fhir/Patient', patient)).status).toBe(403);
  });

  it('answers 400 with FHIRPath expressions and calls nobody', async () => {
    const response = await call('system', 'POST', '/fhir/Patient', { ...patient, birthDate: '1980-02-30' });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      issue: [{ code: 'invalid', expression: ['Patient.birthDate'] }],
    });
    expect(received).toEqual([]);
  });

  it('routes $match to the operation, not to read, leaving out candidates the caller may not see', async () => {
    const response = await call('practitioner', 'POST', '/fhir/Patient/$match', {
      resourceType: 'Parameters',
      parameter: [{ name: 'resource', resource: { resourceType: 'Patient', name: [{ family: 'Smith' }] } }],
    });
    expect(response.status).toBe(200);
    const bundle = (await response.json()) as { total: number; entry: { resource: { id: string } }[] };
    expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'searchset', total: 1 });
    expect(bundle.entry.map((entry) => entry.resource.id)).toEqual([PERSON_ID]);
  });

  it('reads a person by UUID, and 404s anything else without calling', async () => {
    expect((await call('practitioner', 'GET', `/fhir/Patient/${PERSON_ID}`)).status).toBe(200);
    expect((await call('practitioner', 'GET', '/fhir/Patient/not-a-uuid')).status).toBe(404);
    expect(received.map((request) => request.url)).toEqual([`/persons/${PERSON_ID}`]);
  });

  it('refuses a practitioner of an organisation without a relationship: 403 naming break-glass', async () => {
    const response = await call('practitioner', 'GET', `/fhir/Patient/${OTHER_PERSON_ID}`);
    expect(response.status).toBe(403);
    const outcome = (await response.json()) as { issue: { code: string; diagnostics: string }[] };
    expect(outcome.issue[0]?.code).toBe('forbidden');
    expect(outcome.issue[0]?.diagnostics).toContain('X-Break-Glass-Reason');
  });

  it('lets a practitioner break the glass with a reason, and the grant lasts', async () => {
    const glass = { headers: { 'x-break-glass-reason': REASON } };
    expect(
      (await call('practitioner', 'GET', `/fhir/Patient/${OTHER_PERSON_ID}`, undefined, glass)).status,
    ).toBe(200);
    expect(consent.received.some((request) => request.url.endsWith('/break-glass'))).toBe(true);
    expect((await call('practitioner', 'GET', `/fhir/Patient/${OTHER_PERSON_ID}`)).status).toBe(200);
  });

  it('refuses a break-glass reason that is too short: 400 naming the header', async () => {
    const response = await call('practitioner', 'GET', `/fhir/Patient/${OTHER_PERSON_ID}`, undefined, {
      headers: { 'x-break-glass-reason': 'urgent' },
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ issue: [{ expression: ['X-Break-Glass-Reason'] }] });
  });

  it("shows only the caller's organisation's values under an objection", async () => {
    consent.policies.set(
      PERSON_ID,
      policyV1(PERSON_ID, {
        objections: [
          { objectionId: 'o-1', recordedBy: 'Y12345', recordedAt: '2025-01-01T00:00:00Z', onBehalf: false },
        ],
      }),
    );
    const seenByGp = await call('practitioner', 'GET', `/fhir/Patient/${PERSON_ID}`, undefined, {
      headers: { 'x-break-glass-reason': REASON },
      org: 'Y12345',
    });
    expect(seenByGp.status).toBe(200);
    const patient = (await seenByGp.json()) as Record<string, unknown>;
    expect(patient).toMatchObject({ id: PERSON_ID, identifier: [] });
    expect(patient['name']).toBeUndefined();
    const seenByRbs = (await (await call('practitioner', 'GET', `/fhir/Patient/${PERSON_ID}`)).json()) as {
      identifier: unknown[];
    };
    expect(seenByRbs.identifier).toHaveLength(2);
  });

  it('lets an individual read their own Patient, and answers 404 for another exactly as for an unknown id', async () => {
    const individual = { patient: PERSON_ID, org: 'PUBLIC' };
    expect(
      (await call('individual', 'GET', `/fhir/Patient/${PERSON_ID}`, undefined, individual)).status,
    ).toBe(200);
    const another = await call(
      'individual',
      'GET',
      `/fhir/Patient/${OTHER_PERSON_ID}`,
      undefined,
      individual,
    );
    const unknown = await call('individual', 'GET', `/fhir/Patient/${UNKNOWN_ID}`, undefined, individual);
    expect([another.status, unknown.status]).toEqual([404, 404]);
    expect(await another.json()).toEqual(await unknown.json());
  });

  it('leaves persons the caller may not see out of a search, totals included', async () => {
    const response = await call('practitioner', 'GET', '/fhir/Patient?identifier=https://x.example|1');
    expect(response.status).toBe(200);
    const bundle = (await response.clone().json()) as { total: number };
    expect(bundle.total).toBe(1);
    expect(await idsIn(response)).toEqual([PERSON_ID]);
    const asGp = await call('system', 'GET', '/fhir/Patient?identifier=https://x.example|1', undefined, {
      org: 'Y12345',
    });
    expect(await idsIn(asGp)).toEqual([OTHER_PERSON_ID]);
  });

  it('declares a relationship for the practitioner, with the reason', async () => {
    const response = await call(
      'practitioner',
      'POST',
      `/fhir/Patient/${OTHER_PERSON_ID}/$declare-relationship`,
      {
        resourceType: 'Parameters',
        parameter: [{ name: 'reason', valueString: 'seen in our clinic today' }],
      },
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      resourceType: 'Parameters',
      parameter: expect.arrayContaining([{ name: 'kind', valueCode: 'self-declared' }]),
    });
    expect(consent.received[0]).toMatchObject({
      url: `/persons/${OTHER_PERSON_ID}/relationships`,
      body: {
        organisation: 'RBS',
        kind: 'self-declared',
        declaredBy: 'user-1',
        reason: 'seen in our clinic today',
      },
    });
  });

  it('refuses declarations where the region does not allow them', async () => {
    const { accessToken } = await issuer.issue({ sub: 'user-1', org: 'RBS', role: 'practitioner' });
    const response = await fetch(`${strictUrl}/fhir/Patient/${PERSON_ID}/$declare-relationship`, {
      method: 'POST',
      headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/fhir+json' },
      body: JSON.stringify({
        resourceType: 'Parameters',
        parameter: [{ name: 'reason', valueString: 'seen in our clinic today' }],
      }),
    });
    expect(response.status).toBe(403);
    expect(consent.received).toEqual([]);
  });

  it('answers 404 to a declaration for an unknown person, and 400 without a reason', async () => {
    const declare = (id: string, parameter: unknown[]) =>
      call('practitioner', 'POST', `/fhir/Patient/${id}/$declare-relationship`, {
        resourceType: 'Parameters',
        parameter,
      });
    expect(
      (await declare(UNKNOWN_ID, [{ name: 'reason', valueString: 'seen in our clinic today' }])).status,
    ).toBe(404);
    expect((await declare(PERSON_ID, [])).status).toBe(400);
    expect(consent.received).toEqual([]);
  });

  it('requires the identifier search parameter', async () => {
    const response = await call('system', 'GET', '/fhir/Patient');
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ issue: [{ expression: ['identifier'] }] });
  });

  it('resolves a review as the caller', async () => {
    const response = await call('ig-officer', 'POST', '/identity/match-reviews/r-1/$resolve', {
      decision: 'different-people',
      reason: 'checked with the practice',
    });
    expect(response.status).toBe(200);
    expect(received[0]?.body).toEqual({
      decision: 'different-people',
      reason: 'checked with the practice',
      resolvedBy: 'user-1',
    });
  });

  it('refuses identity administration to a partner system', async () => {
    expect((await call('system', 'GET', '/identity/match-reviews')).status).toBe(403);
  });

  it('declares Patient in the CapabilityStatement', async () => {
    const statement = (await (await fetch(`${baseUrl}/fhir/metadata`)).json()) as {
      rest: { resource: { type: string }[] }[];
    };
    expect(statement.rest[0]?.resource.map((resource) => resource.type)).toEqual(['Patient']);
  });
});
