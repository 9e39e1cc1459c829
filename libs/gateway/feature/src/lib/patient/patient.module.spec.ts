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
import { GatewayModule } from '../gateway.module';
import { PatientModule } from './patient.module';
import { PERSON_ID, personView } from './person-view.testing';

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
      const answer =
        request.url === '/local-records'
          ? {
              localRecordId: 'lr-rbs-1',
              personId: PERSON_ID,
              record: 'registered',
              link: { outcome: 'new-person', method: 'new-person' },
              person: personView(),
            }
          : request.url === '/match'
            ? { matches: [{ person: personView(), score: 0.99, grade: 'certain', explanation: [] }] }
            : request.url?.startsWith('/match-reviews/r-1/resolve')
              ? { reviewId: 'r-1' }
              : personView();
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify(answer));
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe('PatientModule over HTTP', () => {
  const received: Received[] = [];
  let identity: Server;
  let dataDir: string;
  let app: NestExpressApplication;
  let baseUrl: string;
  let issuer: DevTokenIssuer;

  beforeAll(async () => {
    identity = await startIdentityStub(received);
    dataDir = await mkdtemp(join(tmpdir(), 'ilinks-patient-'));
    issuer = new DevTokenIssuer({ dataDir });
    const verifier = createJwtVerifier({
      mode: 'embedded',
      auth: { clockToleranceSeconds: 0 },
      devTokenIssuer: issuer,
    });
    const services = { 'identity-matching': `http://127.0.0.1:${(identity.address() as AddressInfo).port}` };
    @Module({
      imports: [
        GatewayModule.forRoot({
          mode: 'embedded',
          verifier,
          devTokenIssuer: issuer,
          software: { name: 'ilinks', version: '0' },
        }),
        PatientModule.forRoot({ services }),
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
    await new Promise((resolve) => identity.close(resolve));
    await rm(dataDir, { recursive: true, force: true });
  });

  beforeEach(() => {
    received.length = 0;
  });

  async function call(role: Role, method: string, path: string, body?: unknown): Promise<Response> {
    const { accessToken } = await issuer.issue({ sub: 'user-1', org: 'RBS', role });
    return fetch(`${baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/fhir+json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  }

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

  it('routes $match to the operation, not to read', async () => {
    const response = await call('practitioner', 'POST', '/fhir/Patient/$match', {
      resourceType: 'Parameters',
      parameter: [{ name: 'resource', resource: { resourceType: 'Patient', name: [{ family: 'Smith' }] } }],
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ resourceType: 'Bundle', type: 'searchset', total: 1 });
  });

  it('reads a person by UUID, and 404s anything else without calling', async () => {
    expect((await call('practitioner', 'GET', `/fhir/Patient/${PERSON_ID}`)).status).toBe(200);
    expect((await call('practitioner', 'GET', '/fhir/Patient/not-a-uuid')).status).toBe(404);
    expect(received.map((request) => request.url)).toEqual([`/persons/${PERSON_ID}`]);
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
