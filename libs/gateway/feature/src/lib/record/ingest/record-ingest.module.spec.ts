import {
  PERSON_SUBJECT_SYSTEM,
  type RecordEntryRequestV1,
  type RecordEntryV1,
} from '@ilinks/record-projection/contracts';
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
import { GatewayModule } from '../../gateway.module';
import { PATIENT_CONTRIBUTED_EXTENSION, PATIENT_CONTRIBUTED_TAG } from '../read/entry-fhir';
import { EXAMPLES, PATIENT_IDENTIFIER } from './ingest-examples.testing';
import { GatewayRecordIngestModule } from './record-ingest.module';

const NOW = new Date('2026-03-01T12:00:00Z');
const ENTRY_ID = '7d9f2c1e-1b2a-4c3d-8e4f-5a6b7c8d9e0f';

interface Received {
  readonly method: string;
  readonly url: string;
  readonly body: unknown;
}

interface Answer {
  readonly status: number;
  readonly body: unknown;
}

/**
 * A stand-in record service: a real HTTP server answering the record API with JSON we choose.
 * (Lint forbids the gateway to import `@ilinks/record-projection/feature`, so the real service is
 * not started here; the system end-to-end tests run both.)
 */
class RecordServiceStub {
  readonly received: Received[] = [];
  answer: (request: Received) => Answer = () => ({ status: 500, body: {} });
  private server?: Server;

  async start(): Promise<string> {
    const server = createServer((request: IncomingMessage, response) => {
      let text = '';
      request.on('data', (chunk: Buffer) => (text += chunk.toString()));
      request.on('end', () => {
        const received = {
          method: request.method ?? '',
          url: request.url ?? '',
          body: text ? (JSON.parse(text) as unknown) : undefined,
        };
        this.received.push(received);
        const { status, body } = this.answer(received);
        response.statusCode = status;
        response.setHeader('content-type', 'application/json');
        response.end(JSON.stringify(body));
      });
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

function entryOf(request: RecordEntryRequestV1, changes: Partial<RecordEntryV1> = {}): RecordEntryV1 {
  return {
    entryId: ENTRY_ID,
    revision: 1,
    organisation: request.organisation,
    recordedBy: request.recordedBy,
    resourceType: request.resourceType,
    partnerId: request.partnerId,
    subject: request.subject,
    part: request.part,
    status: 'current',
    recordedAt: '2026-03-01T12:00:00.000Z',
    lastUpdated: '2026-03-01T12:00:00.000Z',
    codes: request.codes,
    unknownCodeSystems: request.unknownCodeSystems,
    resource: request.resource,
    ...changes,
  };
}

const notFound: Answer = {
  status: 404,
  body: {
    resourceType: 'OperationOutcome',
    issue: [{ severity: 'error', code: 'not-found', diagnostics: 'no such entry' }],
  },
};

describe('GatewayRecordIngestModule over HTTP', () => {
  const recordService = new RecordServiceStub();
  let dataDir: string;
  let app: NestExpressApplication;
  let baseUrl: string;
  let issuer: DevTokenIssuer;

  beforeAll(async () => {
    const recordUrl = await recordService.start();
    dataDir = await mkdtemp(join(tmpdir(), 'ilinks-ingest-'));
    issuer = new DevTokenIssuer({ dataDir });
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
        GatewayRecordIngestModule.forRoot({
          services: { 'record-projection': recordUrl, 'identity-matching': recordUrl },
          clock: { now: () => NOW },
        }),
      ],
    })
    class TestAppModule {}
    app = await NestFactory.create<NestExpressApplication>(TestAppModule, { logger: false });
    configureHttpApp(app, { bodyLimit: '1mb', shutdownHooks: false });
    await app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await app.close();
    await recordService.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  beforeEach(() => {
    recordService.received.length = 0;
    recordService.answer = (request) => {
      if (request.url === '/entries') {
        const body = request.body as RecordEntryRequestV1;
        return { status: 201, body: { outcome: 'recorded', entry: entryOf(body) } };
      }
      return notFound;
    };
  });

  async function call(role: Role, method: string, path: string, body?: unknown): Promise<Response> {
    const { accessToken } = await issuer.issue({
      sub: 'gp-system',
      org: 'A81001',
      role,
      ...(role === 'individual' ? { patient: ENTRY_ID } : {}),
    });
    return fetch(`${baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/fhir+json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  }

  describe('POST /fhir/<Type>', () => {
    it('records as the token’s organisation: 201, Location, the resource under our id', async () => {
      const response = await call('system', 'POST', '/fhir/Condition', {
        ...EXAMPLES.Condition,
        organisation: 'X',
      });
      expect(response.status).toBe(201);
      expect(response.headers.get('location')).toBe(`${baseUrl}/fhir/Condition/${ENTRY_ID}`);
      expect(response.headers.get('etag')).toBe('W/"1"');
      expect(await response.json()).toMatchObject({
        resourceType: 'Condition',
        id: ENTRY_ID,
        meta: { versionId: '1', lastUpdated: '2026-03-01T12:00:00.000Z' },
      });
      expect(recordService.received[0]).toMatchObject({
        method: 'POST',
        url: '/entries',
        body: {
          organisation: 'A81001',
          recordedBy: { subject: 'gp-system', role: 'system' },
          resourceType: 'Condition',
          partnerId: 'condition-1',
          subject: PATIENT_IDENTIFIER,
          part: 'problems',
          effectiveAt: '2020-03-05T00:00:00.000Z',
          unknownCodeSystems: false,
        },
      });
    });

    it('answers 200 when the resource was already recorded', async () => {
      recordService.answer = (request) => ({
        status: 200,
        body: { outcome: 'unchanged', entry: entryOf(request.body as RecordEntryRequestV1) },
      });
      const response = await call('practitioner', 'POST', '/fhir/Flag', EXAMPLES.Flag);
      expect(response.status).toBe(200);
      expect(response.headers.get('location')).toBeNull();
    });

    it('refuses invalid FHIR with 400 naming the element, storing nothing', async () => {
      const response = await call('system', 'POST', '/fhir/Observation', {
        ...EXAMPLES.Observation,
        code: undefined,
      });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({
        issue: [{ code: 'invalid', expression: ['Observation.code'] }],
      });
      expect(recordService.received).toEqual([]);
    });

    it('refuses a reference to our Patient ids with 422 naming the element', async () => {
      const response = await call('system', 'POST', '/fhir/Condition', {
        ...EXAMPLES.Condition,
        subject: { reference: 'Patient/1' },
      });
      expect(response.status).toBe(422);
      expect(response.headers.get('content-type')).toBe('application/fhir+json; charset=utf-8');
      expect(await response.json()).toMatchObject({
        resourceType: 'OperationOutcome',
        issue: [{ code: 'business-rule', expression: ['Condition.subject.reference'] }],
      });
      expect(recordService.received).toEqual([]);
    });

    it('refuses individuals and governance officers (403)', async () => {
      expect((await call('individual', 'POST', '/fhir/Condition', EXAMPLES.Condition)).status).toBe(403);
      expect((await call('ig-officer', 'POST', '/fhir/Condition', EXAMPLES.Condition)).status).toBe(403);
    });

    it('refuses to create a resource entered in error, naming where it says so', async () => {
      const verificationStatus = { coding: [{ code: 'entered-in-error' }] };
      const response = await call('system', 'POST', '/fhir/Condition', {
        ...EXAMPLES.Condition,
        verificationStatus,
      });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({
        issue: [{ expression: ['Condition.verificationStatus'] }],
      });
      expect(recordService.received).toEqual([]);
    });

    it('passes the record service’s refusal on', async () => {
      recordService.answer = () => ({
        status: 409,
        body: {
          resourceType: 'OperationOutcome',
          issue: [{ severity: 'error', code: 'business-rule', diagnostics: 'not yours' }],
        },
      });
      const response = await call('system', 'POST', '/fhir/Flag', EXAMPLES.Flag);
      expect(response.status).toBe(409);
    });
  });

  describe('PUT /fhir/<Type>/<your id>', () => {
    it('creates or revises under the partner’s id', async () => {
      const response = await call('system', 'PUT', '/fhir/Encounter/enc-1', EXAMPLES.Encounter);
      expect(response.status).toBe(201);
      expect(recordService.received[0]?.body).toMatchObject({ partnerId: 'enc-1', part: 'encounters' });
    });

    it('refuses a body id other than the URL’s', async () => {
      const response = await call('system', 'PUT', '/fhir/Encounter/enc-2', EXAMPLES.Encounter);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ issue: [{ expression: ['Encounter.id'] }] });
    });

    it('retracts on entered-in-error, finding the entry by the organisation’s own key', async () => {
      const stored = entryOf({
        organisation: 'A81001',
        recordedBy: { subject: 'gp-system', role: 'system' },
        resourceType: 'Flag',
        partnerId: 'flag-1',
        subject: PATIENT_IDENTIFIER,
        resource: EXAMPLES.Flag,
        part: 'alerts',
        codes: [],
        unknownCodeSystems: true,
      });
      recordService.answer = (request) =>
        request.method === 'GET'
          ? { status: 200, body: stored }
          : { status: 200, body: { ...stored, status: 'entered-in-error', revision: 2 } };
      const response = await call('system', 'PUT', '/fhir/Flag/flag-1', {
        ...EXAMPLES.Flag,
        status: 'entered-in-error',
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('etag')).toBe('W/"2"');
      expect(recordService.received.map((r) => `${r.method} ${r.url}`)).toEqual([
        'GET /entries?organisation=A81001&resourceType=Flag&partnerId=flag-1',
        `POST /entries/${ENTRY_ID}/entered-in-error`,
      ]);
      expect(recordService.received[1]?.body).toEqual({
        organisation: 'A81001',
        recordedBy: { subject: 'gp-system', role: 'system' },
      });
    });
  });

  describe('DELETE /fhir/<Type>/<your id>', () => {
    it('answers 404 for an id the organisation never sent', async () => {
      const response = await call('system', 'DELETE', '/fhir/Condition/unknown-1');
      expect(response.status).toBe(404);
    });

    it('retracts with 204', async () => {
      recordService.answer = (request) => {
        const stored = { entryId: ENTRY_ID, resourceType: 'Condition', revision: 1 };
        return {
          status: 200,
          body: request.method === 'GET' ? stored : { ...stored, status: 'entered-in-error' },
        };
      };
      const response = await call('practitioner', 'DELETE', '/fhir/Condition/condition-1');
      expect(response.status).toBe(204);
    });
  });

  describe('POST /fhir with a Bundle', () => {
    const entries = [
      { resource: EXAMPLES.Encounter, request: { method: 'POST', url: 'Encounter' } },
      { resource: EXAMPLES.Observation, request: { method: 'POST', url: 'Observation' } },
    ];

    it('sends a transaction to $batch atomically and answers a transaction-response', async () => {
      recordService.answer = (request) => {
        const batch = request.body as { entries: RecordEntryRequestV1[] };
        return {
          status: 200,
          body: {
            stored: true,
            items: batch.entries.map((entry) => ({
              ok: true,
              result: { outcome: 'recorded', entry: entryOf(entry) },
            })),
          },
        };
      };
      const response = await call('system', 'POST', '/fhir', {
        resourceType: 'Bundle',
        type: 'transaction',
        entry: entries,
      });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({
        resourceType: 'Bundle',
        type: 'transaction-response',
        entry: [0, 1].map(() => ({
          response: {
            status: '201 Created',
            location: expect.stringMatching(new RegExp(`^(Encounter|Observation)/${ENTRY_ID}/_history/1$`)),
            etag: 'W/"1"',
            lastModified: '2026-03-01T12:00:00.000Z',
          },
        })),
      });
      expect(recordService.received[0]).toMatchObject({ url: '/entries/$batch', body: { atomic: true } });
    });

    it('refuses a transaction with one bad entry: 400 naming it, nothing sent', async () => {
      const bad = {
        resource: { ...EXAMPLES.Flag, subject: undefined },
        request: { method: 'POST', url: 'Flag' },
      };
      const response = await call('system', 'POST', '/fhir', {
        resourceType: 'Bundle',
        type: 'transaction',
        entry: [...entries, bad],
      });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({
        issue: [{ expression: ['Bundle.entry[2].resource.subject'] }],
      });
      expect(recordService.received).toEqual([]);
    });

    it('answers the record service’s refusal of a transaction naming the entry', async () => {
      recordService.answer = () => ({
        status: 200,
        body: {
          stored: false,
          items: [
            { ok: true, result: {} },
            { ok: false, status: 400, code: 'invalid', diagnostics: 'bad entry' },
          ],
        },
      });
      const response = await call('system', 'POST', '/fhir', {
        resourceType: 'Bundle',
        type: 'transaction',
        entry: entries,
      });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ issue: [{ expression: ['Bundle.entry[1]'] }] });
    });

    it('answers a batch per entry', async () => {
      recordService.answer = (request) => {
        if (request.url === '/entries/$batch') {
          const [entry] = (request.body as { entries: RecordEntryRequestV1[] }).entries;
          return {
            status: 200,
            body: {
              stored: false,
              items: [
                { ok: true, result: { outcome: 'unchanged', entry: entryOf(entry as RecordEntryRequestV1) } },
                { ok: false, status: 409, code: 'conflict', diagnostics: 'changed concurrently' },
              ],
            },
          };
        }
        return notFound;
      };
      const response = await call('system', 'POST', '/fhir', {
        resourceType: 'Bundle',
        type: 'batch',
        entry: [
          ...entries,
          { resource: { ...EXAMPLES.Flag, id: undefined }, request: { method: 'POST', url: 'Flag' } },
          { request: { method: 'DELETE', url: 'Flag/flag-9' } },
        ],
      });
      expect(response.status).toBe(200);
      const body = (await response.json()) as {
        type: string;
        entry: { response: { status: string; outcome?: unknown } }[];
      };
      expect(body.type).toBe('batch-response');
      expect(body.entry.map((entry) => entry.response.status)).toEqual([
        '200 OK',
        '409 Conflict',
        '400 Bad Request',
        '404 Not Found',
      ]);
      expect(body.entry[2]?.response.outcome).toMatchObject({
        issue: [{ expression: ['Bundle.entry[2].resource.id'] }],
      });
      expect(recordService.received[0]?.body).toMatchObject({ atomic: false });
    });

    it('refuses a bundle that is neither a transaction nor a batch', async () => {
      const response = await call('system', 'POST', '/fhir', { resourceType: 'Bundle', type: 'collection' });
      expect(response.status).toBe(400);
    });
  });

  it('adds create, update and delete of every type to the CapabilityStatement', async () => {
    const response = await call('system', 'GET', '/fhir/metadata');
    const statement = (await response.json()) as {
      rest: { resource: { type: string; interaction: { code: string }[] }[] }[];
    };
    const flag = statement.rest[0]?.resource.find((resource) => resource.type === 'Flag');
    expect(flag?.interaction.map((interaction) => interaction.code)).toEqual(['update', 'delete', 'create']);
  });

  describe('individuals contributing to their own record', () => {
    const ME = ENTRY_ID;
    const SURVIVOR = '3c1d2e4f-6a7b-4c8d-9e0f-1a2b3c4d5e6f';
    const OTHER = '5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b';
    const { subject: _subject, ...observation } = EXAMPLES.Observation;
    let person: { personId: string; status: string; mergedInto?: string };

    const posted = () => recordService.received.filter((r) => r.method === 'POST');
    const contributionOf = (resourceType: string, partnerId: string): RecordEntryV1 =>
      entryOf(
        {
          organisation: 'A81001',
          recordedBy: { subject: ME, role: 'individual' },
          resourceType,
          partnerId,
          subject: { system: PERSON_SUBJECT_SYSTEM, value: ME },
          resource: { resourceType, id: partnerId },
          part: 'results',
          codes: [],
          unknownCodeSystems: false,
        },
        { patientContributed: true },
      );

    beforeEach(() => {
      person = { personId: ME, status: 'active' };
      const records = recordService.answer;
      recordService.answer = (request) => {
        if (request.url.startsWith('/persons/')) {
          const id = request.url.split('/')[2];
          if (id === ME) return { status: 200, body: person };
          if (id === SURVIVOR) return { status: 200, body: { personId: SURVIVOR, status: 'active' } };
          return notFound;
        }
        if (request.url === '/entries') {
          const body = request.body as RecordEntryRequestV1;
          return {
            status: 201,
            body: { outcome: 'recorded', entry: entryOf(body, { patientContributed: true }) },
          };
        }
        return records(request);
      };
    });

    it('records a reading without a subject as theirs, flagged and as an individual', async () => {
      const response = await call('individual', 'POST', '/fhir/Observation', observation);
      expect(response.status).toBe(201);
      const sent = posted()[0]?.body as RecordEntryRequestV1;
      expect(sent).toMatchObject({
        organisation: 'A81001',
        recordedBy: { subject: ME, role: 'individual' },
        subject: { system: PERSON_SUBJECT_SYSTEM, value: ME },
        patientContributed: true,
        part: 'results',
      });
      expect(sent).not.toHaveProperty('notForPatientView');
    });

    it('serves the created entry marked as the patient’s: tag, extension, performer and subject', async () => {
      const response = await call('individual', 'POST', '/fhir/Observation', {
        ...observation,
        subject: { reference: `Patient/${ME}` },
        performer: [{ reference: 'Practitioner/dr-1' }],
      });
      expect(response.status).toBe(201);
      const served = (await response.json()) as Record<string, unknown>;
      expect(served).toMatchObject({
        meta: { tag: [PATIENT_CONTRIBUTED_TAG] },
        extension: expect.arrayContaining([{ url: PATIENT_CONTRIBUTED_EXTENSION, valueBoolean: true }]),
        subject: { reference: `Patient/${ME}` },
        performer: [{ reference: `Patient/${ME}`, type: 'Patient' }],
      });
      expect(JSON.stringify(served)).not.toContain('Practitioner/dr-1');
      expect(JSON.stringify(posted()[0]?.body)).not.toContain('Practitioner/dr-1');
    });

    it('writes under the person a merged-away person became', async () => {
      person = { personId: ME, status: 'retired', mergedInto: SURVIVOR };
      const response = await call('individual', 'POST', '/fhir/Observation', {
        ...observation,
        subject: { reference: `Patient/${ME}` },
      });
      expect(response.status).toBe(201);
      expect(posted()[0]?.body).toMatchObject({
        subject: { system: PERSON_SUBJECT_SYSTEM, value: SURVIVOR },
        recordedBy: { subject: ME, role: 'individual' },
      });
    });

    it.each([
      ['another person', { reference: `Patient/${OTHER}` }],
      ['a partner identifier', { identifier: PATIENT_IDENTIFIER }],
      ['a reference with an identifier too', { reference: `Patient/${ME}`, identifier: PATIENT_IDENTIFIER }],
      ['not a reference', 'me'],
    ])('refuses a subject naming %s (403), storing nothing', async (_what, subject) => {
      const response = await call('individual', 'POST', '/fhir/Observation', { ...observation, subject });
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({
        resourceType: 'OperationOutcome',
        issue: [{ code: 'forbidden' }],
      });
      expect(posted()).toEqual([]);
    });

    it('refuses a type individuals may not write (403), asking no one', async () => {
      const response = await call('individual', 'PUT', '/fhir/Condition/condition-1', EXAMPLES.Condition);
      expect(response.status).toBe(403);
      expect(recordService.received).toEqual([]);
    });

    it('creates or revises an allergy and a goal under their own id, patient omitted', async () => {
      const { patient: _patient, ...allergy } = EXAMPLES.AllergyIntolerance;
      const allergyResponse = await call('individual', 'PUT', '/fhir/AllergyIntolerance/allergy-1', allergy);
      expect(allergyResponse.status).toBe(201);
      expect(await allergyResponse.json()).toMatchObject({
        patient: { reference: `Patient/${ME}` },
        asserter: { reference: `Patient/${ME}` },
      });
      const { subject: _plan, ...plan } = EXAMPLES.CarePlan;
      const planResponse = await call('individual', 'PUT', '/fhir/CarePlan/careplan-1', plan);
      expect(planResponse.status).toBe(201);
      expect(await planResponse.json()).toMatchObject({ author: { reference: `Patient/${ME}` } });
      expect(posted().map((r) => (r.body as RecordEntryRequestV1).part)).toEqual(['allergies', 'care-plans']);
    });

    it('retracts their own contribution with PUT entered-in-error, as the individual', async () => {
      const stored = contributionOf('Observation', 'obs-1');
      recordService.answer = (request) => {
        if (request.url.startsWith('/persons/')) return { status: 200, body: person };
        return request.method === 'GET'
          ? { status: 200, body: stored }
          : { status: 200, body: { ...stored, status: 'entered-in-error', revision: 2 } };
      };
      const response = await call('individual', 'PUT', '/fhir/Observation/obs-1', {
        ...observation,
        status: 'entered-in-error',
      });
      expect(response.status).toBe(200);
      expect(posted()[0]).toMatchObject({
        url: `/entries/${ENTRY_ID}/entered-in-error`,
        body: { organisation: 'A81001', recordedBy: { subject: ME, role: 'individual' } },
      });
    });

    it('retracts with DELETE (204), and answers a plain conflict for an app id that is not a contribution', async () => {
      let stored: RecordEntryV1 = contributionOf('CarePlan', 'careplan-1');
      recordService.answer = (request) => {
        if (request.url.startsWith('/persons/')) return { status: 200, body: person };
        return {
          status: 200,
          body: request.method === 'GET' ? stored : { ...stored, status: 'entered-in-error' },
        };
      };
      expect((await call('individual', 'DELETE', '/fhir/CarePlan/careplan-1')).status).toBe(204);

      recordService.received.length = 0;
      stored = { ...stored, subject: PATIENT_IDENTIFIER, patientContributed: false };
      const refused = await call('individual', 'DELETE', '/fhir/CarePlan/careplan-1');
      expect(refused.status).toBe(409);
      expect(JSON.stringify(await refused.json())).not.toContain(PATIENT_IDENTIFIER.value);
      expect(posted()).toEqual([]);
    });
  });

  it('refuses our person subject to a partner system (422 naming the element)', async () => {
    const response = await call('system', 'POST', '/fhir/Observation', {
      ...EXAMPLES.Observation,
      subject: { identifier: { system: PERSON_SUBJECT_SYSTEM, value: ENTRY_ID } },
    });
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({
      issue: [{ code: 'business-rule', expression: ['Observation.subject.identifier.system'] }],
    });
    expect(recordService.received).toEqual([]);
  });
});
