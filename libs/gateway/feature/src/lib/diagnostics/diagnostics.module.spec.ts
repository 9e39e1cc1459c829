import type {
  CumulativeSeriesV1,
  DiagnosticReportV1,
  RecordReportRequestV1,
  RecordTestRequestV1,
  TestRequestV1,
} from '@ilinks/diagnostics/contracts';
import type { PersonViewV1 } from '@ilinks/identity-matching/contracts';
import type { Role } from '@ilinks/platform/security';
import { FixedClock } from '@ilinks/shared/kernel';
import { jsonOf } from '@ilinks/shared/testing';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConsentStub, policyV1 } from '../access/consent-stub.testing';
import type { RequestAuditFacts } from '../audit/request-audit';
import { PERSON_ID, personView } from '../patient/person-view.testing';
import {
  type BackendAnswer,
  type BackendCall,
  BackendStub,
  type GatewaySpecApp,
  startGatewaySpecApp,
} from '../testing/gateway-spec-app.testing';
import {
  exampleDiagnosticReport,
  exampleServiceRequest,
  GP,
  GP_PATIENT,
  HOSPITAL,
  LAB,
  LAB_PATIENT,
  ORDER_NUMBER,
  REPORT_ID,
  REQUEST_ID,
  reportV1,
} from './diagnostics-examples.testing';
import { GatewayDiagnosticsModule } from './diagnostics.module';

const MERGED_PERSON = '6f2e9a4b-1c3d-4e5f-8a7b-9c0d1e2f3a4b';
const UNRELEASED_ID = '7a6b5c4d-3e2f-4a1b-8c9d-0e1f2a3b4c5d';
const SVG = '<svg xmlns="http://www.w3.org/2000/svg"><polyline points="0,0 1,1"/></svg>';

/** Known to the hospital (RBS), the GP practice and the lab, each holding a local record; one merge. */
const person: PersonViewV1 = personView({
  localRecords: [
    ...personView().localRecords,
    {
      localRecordId: 'lr-gp-1',
      organisation: GP,
      identifier: GP_PATIENT,
      linkedAt: '2025-01-02T10:00:00.000Z',
      method: 'nhs-number',
    },
    {
      localRecordId: 'lr-lab-1',
      organisation: LAB,
      identifier: LAB_PATIENT,
      linkedAt: '2025-01-02T10:00:00.000Z',
      method: 'nhs-number',
    },
  ],
  merges: [
    {
      mergeId: 'm-1',
      mergedPersonId: MERGED_PERSON,
      localRecordIds: [],
      reason: 'duplicate',
      mergedAt: '2025-06-01T10:00:00.000Z',
      undone: false,
    },
  ],
});

/** The diagnostics service as the stub plays it: what it was sent, answered as recorded. */
class DiagnosticsState {
  readonly partnerIds = new Set<string>();
  stored: DiagnosticReportV1 = reportV1();
  reports: DiagnosticReportV1[] = [];
  series: CumulativeSeriesV1 = {
    analyte: { id: 'hba1c', display: 'HbA1c (IFCC)', unit: 'mmol/mol' },
    points: [],
  };

  reset(): void {
    this.partnerIds.clear();
    this.stored = reportV1();
    this.reports = [reportV1(), reportV1({ reportId: UNRELEASED_ID, release: { released: false } })];
    this.series = {
      analyte: { id: 'hba1c', display: 'HbA1c (IFCC)', unit: 'mmol/mol' },
      points: [point(REPORT_ID, LAB, 48), point('9b8a7c6d-5e4f-4321-8fed-cba987654321', HOSPITAL, 52)],
    };
  }

  /** 201 the first time a partner id is sent, 200 after. */
  createdOnce(key: string): number {
    const known = this.partnerIds.has(key);
    this.partnerIds.add(key);
    return known ? 200 : 201;
  }
}

function point(reportId: string, organisation: string, value: number): CumulativeSeriesV1['points'][number] {
  return {
    reportId,
    organisation,
    effectiveAt: '2026-11-21T08:30:00Z',
    value: { value, system: 'http://unitsofmeasure.org', code: 'mmol/mol' },
    normalised: value,
    flag: 'abnormal',
    status: 'final',
  };
}

function requestFrom(body: RecordTestRequestV1): TestRequestV1 {
  const { recordedBy, ...sent } = body;
  return {
    ...sent,
    requestId: REQUEST_ID,
    revision: 1,
    organisation: recordedBy.organisation,
    recordedAt: '2026-11-20T09:00:01.000Z',
    reportIds: [],
  };
}

function reportFrom(body: RecordReportRequestV1, revision: number): DiagnosticReportV1 {
  const { recordedBy, registeredPractice, basedOn: _basedOn, copiesTo, ...sent } = body;
  return reportV1({
    ...sent,
    revision,
    organisation: recordedBy.organisation,
    results: sent.results.map((result) => ({ ...result, flag: 'normal' })),
    recipients: [
      ...(registeredPractice === undefined
        ? []
        : [{ participant: { organisation: registeredPractice }, reasons: ['registered-practice' as const] }]),
      ...copiesTo.map((participant) => ({ participant, reasons: ['copied-by-lab' as const] })),
    ],
  });
}

const state = new DiagnosticsState();

/** Identity (persons by id and identifier) and the diagnostics service, in one stub. */
function backendRoute(call: BackendCall): BackendAnswer | undefined {
  const { pathname, searchParams } = call.url;
  const [, first, id, what] = pathname.split('/');
  if (first === 'persons' && id === undefined) {
    const system = searchParams.get('identifierSystem');
    const value = searchParams.get('identifierValue');
    const holds =
      (system === 'https://fhir.nhs.uk/Id/nhs-number' && value === '9434765919') ||
      person.localRecords.some(
        (record) => record.identifier.system === system && record.identifier.value === value,
      );
    return [200, { persons: holds ? [person] : [] }];
  }
  if (first === 'persons' && id === PERSON_ID) return [200, person];
  if (first === 'requests' && call.method === 'POST') {
    const body = call.body as RecordTestRequestV1;
    return [state.createdOnce(`request:${body.partnerRequestId}`), requestFrom(body)];
  }
  if (first === 'requests' && id === REQUEST_ID) {
    return [
      200,
      requestFrom({
        ...(call.body as object),
        subject: { personId: PERSON_ID },
        recordedBy: { subject: 'u', role: 'system', organisation: GP },
        partnerRequestId: 'order-1001',
        identifiers: [ORDER_NUMBER],
        requester: { organisation: GP },
        performer: LAB,
        code: [],
        status: 'active',
        copiesTo: [],
        resource: { resourceType: 'ServiceRequest', id: 'order-1001' },
      }),
    ];
  }
  if (first === 'reports' && id === undefined && call.method === 'POST') {
    const body = call.body as RecordReportRequestV1;
    const status = state.createdOnce(`report:${body.partnerReportId}`);
    state.stored = reportFrom(body, status === 201 ? 1 : 2);
    return [status, state.stored];
  }
  if (first === 'reports' && id === undefined) return [200, { reports: state.reports, nextCursor: 'next-1' }];
  if (first === 'reports' && id === REPORT_ID && what === 'acknowledge') {
    return [200, { ...state.stored, acknowledgementStatus: 'acknowledged' }];
  }
  if (first === 'reports' && id === REPORT_ID && what === 'release') {
    return [200, { ...state.stored, release: { released: true, releasedAt: '2026-11-26T10:00:00Z' } }];
  }
  if (first === 'reports' && id === REPORT_ID) return [200, state.stored];
  if (first === 'unacknowledged') {
    return [
      200,
      {
        items: [
          {
            reportId: REPORT_ID,
            revision: 1,
            subject: { personId: PERSON_ID },
            organisation: LAB,
            code: [],
            status: 'final',
            flag: 'critical',
            issuedAt: '2026-11-21T14:00:00Z',
            reasons: ['requester'],
            participant: { organisation: GP },
          },
        ],
      },
    ];
  }
  if (first === 'cumulative' && id === undefined) return [200, state.series];
  return undefined;
}

/** The service's SVG is not JSON: served raw in front of the JSON stub, which answers the rest. */
class SvgFront {
  readonly svgCalls: URL[] = [];
  /** The Idempotency-Key of each request passed on, by path. */
  readonly keys: { readonly path: string; readonly key: string | undefined }[] = [];
  private server?: Server;

  constructor(private readonly backend: BackendStub) {}

  get url(): string {
    return `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}`;
  }

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://front');
      if (url.pathname === '/cumulative/svg') {
        this.svgCalls.push(url);
        response.setHeader('content-type', 'image/svg+xml');
        response.end(SVG);
        return;
      }
      const key = request.headers['idempotency-key'];
      this.keys.push({ path: url.pathname, key: typeof key === 'string' ? key : undefined });
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const body = Buffer.concat(chunks);
        void fetch(`${this.backend.url}${request.url ?? '/'}`, {
          method: request.method ?? 'GET',
          headers: { 'content-type': 'application/json' },
          ...(body.length > 0 ? { body } : {}),
        }).then(async (answer) => {
          response.statusCode = answer.status;
          response.setHeader('content-type', 'application/json');
          response.end(await answer.text());
        });
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.server?.close(resolve));
  }
}

describe('GatewayDiagnosticsModule over HTTP', () => {
  const consent = new ConsentStub();
  const backend = new BackendStub(backendRoute);
  const front = new SvgFront(backend);
  let gateway: GatewaySpecApp;

  beforeAll(async () => {
    await backend.start();
    await front.start();
    await consent.start();
    gateway = await startGatewaySpecApp({
      name: 'diagnostics',
      backend,
      consent,
      modules: (services) => [
        GatewayDiagnosticsModule.forRoot({
          services: { ...services, diagnostics: front.url },
          clock: new FixedClock(new Date('2026-11-26T12:00:00Z')),
        }),
      ],
    });
  });

  afterAll(async () => {
    await gateway.close();
    await front.stop();
    await backend.stop();
    await consent.stop();
  });

  beforeEach(() => {
    gateway.audited.length = 0;
    backend.calls.length = 0;
    front.svgCalls.length = 0;
    front.keys.length = 0;
    state.reset();
    consent.reset();
    consent.policies.set(
      PERSON_ID,
      policyV1(PERSON_ID, {
        relationships: [
          {
            relationshipId: 'r-gp',
            organisation: GP,
            kind: 'registered-practice',
            since: '2020-01-01T00:00:00.000Z',
          },
          {
            relationshipId: 'r-rbs',
            organisation: HOSPITAL,
            kind: 'holds-local-record',
            since: '2020-01-01T00:00:00.000Z',
          },
        ],
      }),
    );
  });

  interface Caller {
    readonly role?: Role;
    readonly org?: string;
    readonly patient?: string;
    readonly headers?: Record<string, string>;
  }

  async function call(method: string, path: string, body?: unknown, caller: Caller = {}): Promise<Response> {
    const { accessToken } = await gateway.issuer.issue({
      sub: 'user-1',
      org: caller.org ?? GP,
      role: caller.role ?? 'practitioner',
      ...(caller.patient === undefined ? {} : { patient: caller.patient }),
    });
    return fetch(`${gateway.baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${accessToken}`,
        ...(body === undefined ? {} : { 'content-type': 'application/fhir+json' }),
        ...caller.headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  }

  const asSystem = (org: string, headers: Record<string, string> = {}): Caller => ({
    role: 'system',
    org,
    headers,
  });
  const lastAudit = (): RequestAuditFacts => {
    const facts = gateway.audited[gateway.audited.length - 1];
    if (!facts) throw new Error('no request was audited');
    return facts;
  };
  const sentTo = (method: string, path: string) =>
    backend.calls.filter((c) => c.method === method && c.url.pathname === path);
  const expressionsOf = async (response: Response): Promise<string[]> => {
    const outcome = (await jsonOf(response)) as { issue: { expression?: string[] }[] };
    return outcome.issue.flatMap((issue) => issue.expression ?? []);
  };

  describe('POST /fhir/ServiceRequest', () => {
    it('records a GP request as its organisation, the patient by the GP’s own identifier (201)', async () => {
      const response = await call(
        'POST',
        '/fhir/ServiceRequest',
        exampleServiceRequest(),
        asSystem(GP, { 'idempotency-key': 'req-key-0001' }),
      );
      expect(response.status).toBe(201);
      expect(response.headers.get('location')).toMatch(new RegExp(`/fhir/ServiceRequest/${REQUEST_ID}$`));
      const [sent] = sentTo('POST', '/requests');
      expect(sent?.body).toEqual(
        expect.objectContaining({
          subject: { personId: PERSON_ID, localRecordId: 'lr-gp-1' },
          recordedBy: { subject: 'user-1', role: 'system', organisation: GP },
          partnerRequestId: 'order-1001',
          identifiers: [ORDER_NUMBER],
          requester: { organisation: GP, team: 'gp-team-a', practitioner: 'dr-jones' },
          performer: LAB,
          copiesTo: [{ organisation: HOSPITAL, team: 'diabetes' }],
        }),
      );
      const served = await jsonOf(response);
      expect(served).toEqual(
        expect.objectContaining({
          resourceType: 'ServiceRequest',
          id: REQUEST_ID,
          status: 'active',
          meta: expect.objectContaining({ versionId: '1' }),
          subject: { reference: `Patient/${PERSON_ID}` },
        }),
      );
      expect(lastAudit()).toEqual(
        expect.objectContaining({
          operation: 'ServiceRequest.create',
          personIds: new Set([PERSON_ID]),
          entities: [{ resourceType: 'ServiceRequest', id: REQUEST_ID }],
        }),
      );
    });

    it('passes the Idempotency-Key to the service', async () => {
      await call(
        'POST',
        '/fhir/ServiceRequest',
        exampleServiceRequest(),
        asSystem(GP, { 'idempotency-key': 'req-key-0001' }),
      );
      expect(front.keys).toEqual([{ path: '/requests', key: 'req-key-0001' }]);
    });

    it('answers 200 when the same partner request is sent again', async () => {
      await call('POST', '/fhir/ServiceRequest', exampleServiceRequest(), asSystem(GP));
      const again = await call('POST', '/fhir/ServiceRequest', exampleServiceRequest(), asSystem(GP));
      expect(again.status).toBe(200);
    });

    it('answers 422 at ServiceRequest.subject for a patient not registered, sending nothing', async () => {
      const body = {
        ...exampleServiceRequest(),
        subject: { identifier: { system: 'https://gp.example/Id/patient', value: 'GP-404' } },
      };
      const response = await call('POST', '/fhir/ServiceRequest', body, asSystem(GP));
      expect(response.status).toBe(422);
      const outcome = JSON.stringify(await jsonOf(response.clone()));
      expect(outcome).toContain('register the patient first');
      expect(await expressionsOf(response)).toEqual(['ServiceRequest.subject']);
      expect(sentTo('POST', '/requests')).toEqual([]);
    });

    it('answers 422 for another organisation’s patient identifier', async () => {
      const response = await call(
        'POST',
        '/fhir/ServiceRequest',
        exampleServiceRequest(),
        asSystem('A81001'),
      );
      expect(response.status).toBe(422);
    });

    it('answers 400 with the expression of every bad element, sending nothing', async () => {
      const body = { ...exampleServiceRequest(), intent: 'plan', code: { text: 'bloods' } };
      const response = await call('POST', '/fhir/ServiceRequest', body, asSystem(GP));
      expect(response.status).toBe(400);
      expect(await expressionsOf(response)).toEqual(['ServiceRequest.intent', 'ServiceRequest.code.coding']);
      expect(backend.calls).toEqual([]);
    });

    it.each<Role>(['practitioner', 'individual'])('refuses a %s posting (403)', async (role) => {
      const response = await call('POST', '/fhir/ServiceRequest', exampleServiceRequest(), {
        role,
        org: GP,
        patient: PERSON_ID,
      });
      expect(response.status).toBe(403);
      expect(backend.calls).toEqual([]);
    });
  });

  describe('POST /fhir/DiagnosticReport', () => {
    it('records a lab report with its results, basedOn, copies and the registered practice (201)', async () => {
      const response = await call('POST', '/fhir/DiagnosticReport', exampleDiagnosticReport(), asSystem(LAB));
      expect(response.status).toBe(201);
      expect(response.headers.get('location')).toMatch(new RegExp(`/fhir/DiagnosticReport/${REPORT_ID}$`));
      const sent = sentTo('POST', '/reports')[0]?.body as RecordReportRequestV1;
      expect(sent.subject).toEqual({ personId: PERSON_ID, localRecordId: 'lr-lab-1' });
      expect(sent.recordedBy).toEqual({ subject: 'user-1', role: 'system', organisation: LAB });
      expect(sent.registeredPractice).toBe(GP);
      expect(sent.basedOn).toEqual([ORDER_NUMBER]);
      expect(sent.category).toBe('laboratory');
      expect(sent.copiesTo).toEqual([{ organisation: HOSPITAL, practitioner: 'dr-patel' }]);
      expect(sent.results.map((result) => result.code[0]?.code)).toEqual(['59261-8', 'CMT']);
      expect(sent.issuedAt).toBe('2026-11-21T14:00:00Z');
      const served = await jsonOf(response);
      expect(served).toEqual(
        expect.objectContaining({
          resourceType: 'DiagnosticReport',
          id: REPORT_ID,
          status: 'final',
          meta: expect.objectContaining({ versionId: '1' }),
        }),
      );
      expect((served['contained'] as unknown[]).length).toBe(2);
      expect(lastAudit()).toEqual(
        expect.objectContaining({
          operation: 'DiagnosticReport.create',
          personIds: new Set([PERSON_ID]),
          entities: [{ resourceType: 'DiagnosticReport', id: REPORT_ID }],
        }),
      );
    });

    it('sends no registered practice when the person has none', async () => {
      consent.policies.set(PERSON_ID, policyV1(PERSON_ID));
      await call('POST', '/fhir/DiagnosticReport', exampleDiagnosticReport(), asSystem(LAB));
      expect(
        (sentTo('POST', '/reports')[0]?.body as RecordReportRequestV1).registeredPractice,
      ).toBeUndefined();
    });

    it('resolves the patient by NHS number (no local record)', async () => {
      const body = {
        ...exampleDiagnosticReport(),
        subject: { identifier: { system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9434765919' } },
      };
      expect((await call('POST', '/fhir/DiagnosticReport', body, asSystem(LAB))).status).toBe(201);
      expect((sentTo('POST', '/reports')[0]?.body as RecordReportRequestV1).subject).toEqual({
        personId: PERSON_ID,
      });
    });

    it('resolves the patient by Patient/<person id>', async () => {
      const body = { ...exampleDiagnosticReport(), subject: { reference: `Patient/${PERSON_ID}` } };
      expect((await call('POST', '/fhir/DiagnosticReport', body, asSystem(LAB))).status).toBe(201);
      expect((sentTo('POST', '/reports')[0]?.body as RecordReportRequestV1).subject).toEqual({
        personId: PERSON_ID,
      });
    });

    it('answers 200 with the new revision when an amended report is sent under the same id', async () => {
      await call('POST', '/fhir/DiagnosticReport', exampleDiagnosticReport(), asSystem(LAB));
      const amended = await call(
        'POST',
        '/fhir/DiagnosticReport',
        { ...exampleDiagnosticReport(), status: 'amended' },
        asSystem(LAB),
      );
      expect(amended.status).toBe(200);
      expect(await jsonOf(amended)).toEqual(
        expect.objectContaining({ status: 'amended', meta: expect.objectContaining({ versionId: '2' }) }),
      );
    });

    it.each([
      [
        'a non-UCUM unit',
        (r: Record<string, unknown>) => {
          ((r['contained'] as Record<string, unknown>[])[0] as Record<string, unknown>)['valueQuantity'] = {
            value: 64,
            unit: 'mmol/mol',
            system: 'http://example.org/units',
            code: 'mmol/mol',
          };
        },
        ['DiagnosticReport.contained[0].valueQuantity.system'],
      ],
      [
        'a result without a code',
        (r: Record<string, unknown>) =>
          delete ((r['contained'] as Record<string, unknown>[])[1] as Record<string, unknown>)['code'],
        ['DiagnosticReport.contained[1].code.coding'],
      ],
      [
        'a report without issued',
        (r: Record<string, unknown>) => delete r['issued'],
        ['DiagnosticReport.issued'],
      ],
      [
        'an unknown contained reference',
        (r: Record<string, unknown>) =>
          (r['result'] = [{ reference: '#hba1c' }, { reference: '#comment' }, { reference: '#missing' }]),
        ['DiagnosticReport.result[2].reference'],
      ],
    ])('answers 400 for %s, naming it, sending nothing', async (_what, change, expressions) => {
      const body = exampleDiagnosticReport();
      change(body);
      const response = await call('POST', '/fhir/DiagnosticReport', body, asSystem(LAB));
      expect(response.status).toBe(400);
      expect(await expressionsOf(response)).toEqual(expressions);
      expect(backend.calls).toEqual([]);
    });

    it('answers 422 at DiagnosticReport.subject for an unknown patient', async () => {
      const body = {
        ...exampleDiagnosticReport(),
        subject: { identifier: { system: 'https://lab.example/Id/mrn', value: 'NOPE' } },
      };
      const response = await call('POST', '/fhir/DiagnosticReport', body, asSystem(LAB));
      expect(response.status).toBe(422);
      expect(await expressionsOf(response)).toEqual(['DiagnosticReport.subject']);
      expect(sentTo('POST', '/reports')).toEqual([]);
    });

    it('refuses a practitioner posting a report (403)', async () => {
      expect(
        (await call('POST', '/fhir/DiagnosticReport', exampleDiagnosticReport(), { org: LAB })).status,
      ).toBe(403);
    });
  });

  it('adds ServiceRequest and DiagnosticReport (create, read) to the CapabilityStatement', async () => {
    const statement = (await jsonOf(await call('GET', '/fhir/metadata'))) as {
      rest: { resource: { type: string; interaction: { code: string }[] }[] }[];
    };
    const resources = statement.rest[0]?.resource ?? [];
    for (const type of ['ServiceRequest', 'DiagnosticReport']) {
      const found = resources.find((resource) => resource.type === type);
      expect(found?.interaction.map((interaction) => interaction.code).sort()).toEqual(['create', 'read']);
    }
  });

  describe('GET /fhir/DiagnosticReport/{id} and /fhir/ServiceRequest/{id}', () => {
    it('serves the lab its report as stored, without asking the access decision', async () => {
      const response = await call('GET', `/fhir/DiagnosticReport/${REPORT_ID}`, undefined, asSystem(LAB));
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('application/fhir+json');
      expect(await jsonOf(response)).toEqual(
        expect.objectContaining({
          id: REPORT_ID,
          status: 'final',
          meta: expect.objectContaining({ versionId: '1' }),
        }),
      );
      expect(consent.received).toEqual([]);
      expect(lastAudit()).toEqual(
        expect.objectContaining({
          operation: 'DiagnosticReport.read',
          entities: [{ resourceType: 'DiagnosticReport', id: REPORT_ID }],
        }),
      );
    });

    it('serves a recipient organisation, and one it escalated to', async () => {
      expect((await call('GET', `/fhir/DiagnosticReport/${REPORT_ID}`, undefined, { org: GP })).status).toBe(
        200,
      );
      state.stored = reportV1({
        escalations: [
          {
            level: 1,
            to: { organisation: 'A81001', team: 'duty' },
            escalatedAt: '2026-11-21T18:00:00Z',
            dueAt: '2026-11-21T18:00:00Z',
          },
        ],
      });
      expect(
        (await call('GET', `/fhir/DiagnosticReport/${REPORT_ID}`, undefined, { org: 'A81001' })).status,
      ).toBe(200);
    });

    it('serves whoever the access decision lets see results (a hospital holding a record)', async () => {
      const response = await call('GET', `/fhir/DiagnosticReport/${REPORT_ID}`, undefined, { org: HOSPITAL });
      expect(response.status).toBe(200);
      expect(lastAudit().basis).toBe('care-relationship');
    });

    it('answers 404 to anyone else, audited as withheld', async () => {
      const response = await call('GET', `/fhir/DiagnosticReport/${REPORT_ID}`, undefined, { org: 'A81001' });
      expect(response.status).toBe(404);
      expect(lastAudit().entities).toEqual([
        { resourceType: 'DiagnosticReport', id: REPORT_ID, withheld: true },
      ]);
      expect(lastAudit().outcome).toBe('denied');
    });

    it('answers 404 for an unknown report and a malformed id', async () => {
      expect(
        (
          await call(
            'GET',
            '/fhir/DiagnosticReport/0f0f0f0f-0f0f-4f0f-8f0f-0f0f0f0f0f0f',
            undefined,
            asSystem(LAB),
          )
        ).status,
      ).toBe(404);
      expect((await call('GET', '/fhir/DiagnosticReport/not-an-id', undefined, asSystem(LAB))).status).toBe(
        404,
      );
    });

    it('serves a request to its requester and its performer', async () => {
      const response = await call('GET', `/fhir/ServiceRequest/${REQUEST_ID}`, undefined, asSystem(GP));
      expect(response.status).toBe(200);
      expect(await jsonOf(response)).toEqual(
        expect.objectContaining({ resourceType: 'ServiceRequest', id: REQUEST_ID }),
      );
      expect((await call('GET', `/fhir/ServiceRequest/${REQUEST_ID}`, undefined, asSystem(LAB))).status).toBe(
        200,
      );
      expect(
        (await call('GET', `/fhir/ServiceRequest/${REQUEST_ID}`, undefined, { org: 'A81001' })).status,
      ).toBe(404);
    });
  });

  describe('JSON for clinical apps', () => {
    it("lists the caller's organisation's unacknowledged results, auditing each person and report", async () => {
      const response = await call(
        'GET',
        '/diagnostics/unacknowledged?team=gp-team-a&abnormalOnly=true&limit=5',
      );
      expect(response.status).toBe(200);
      expect((await jsonOf(response))['items']).toHaveLength(1);
      const [sent] = sentTo('GET', '/unacknowledged');
      expect(Object.fromEntries(sent?.url.searchParams ?? [])).toEqual({
        organisation: GP,
        team: 'gp-team-a',
        abnormalOnly: 'true',
        limit: '5',
      });
      expect(lastAudit()).toEqual(
        expect.objectContaining({
          operation: 'DiagnosticReport.search',
          personIds: new Set([PERSON_ID]),
          entities: [{ resourceType: 'DiagnosticReport', id: REPORT_ID }],
        }),
      );
    });

    it('refuses a bad queue query (400) and a system token (403)', async () => {
      expect((await call('GET', '/diagnostics/unacknowledged?limit=0')).status).toBe(400);
      expect((await call('GET', '/diagnostics/unacknowledged', undefined, asSystem(GP))).status).toBe(403);
    });

    it('serves a report with its trail to a recipient', async () => {
      const response = await call('GET', `/diagnostics/reports/${REPORT_ID}`);
      expect(response.status).toBe(200);
      expect(await jsonOf(response)).toEqual(
        expect.objectContaining({ reportId: REPORT_ID, escalations: [], history: [] }),
      );
    });

    it('acknowledges as the token’s practitioner, with the note', async () => {
      const response = await call(
        'POST',
        `/diagnostics/reports/${REPORT_ID}/acknowledge`,
        { note: 'Seen; recall booked.' },
        { headers: { 'idempotency-key': 'ack-key-0001' } },
      );
      expect(response.status).toBe(200);
      expect((await jsonOf(response))['acknowledgementStatus']).toBe('acknowledged');
      expect(sentTo('POST', `/reports/${REPORT_ID}/acknowledge`)[0]?.body).toEqual({
        by: { subject: 'user-1', role: 'practitioner', organisation: GP },
        note: 'Seen; recall booked.',
      });
      expect(lastAudit().operation).toBe('DiagnosticReport.acknowledge');
    });

    it('acknowledges without a note', async () => {
      expect((await call('POST', `/diagnostics/reports/${REPORT_ID}/acknowledge`, {})).status).toBe(200);
    });

    it('refuses to acknowledge a report the caller may not see (404), sending nothing', async () => {
      const response = await call(
        'POST',
        `/diagnostics/reports/${REPORT_ID}/acknowledge`,
        {},
        { org: 'A81001' },
      );
      expect(response.status).toBe(404);
      expect(sentTo('POST', `/reports/${REPORT_ID}/acknowledge`)).toEqual([]);
    });

    it('releases to the individual as the token’s practitioner', async () => {
      const response = await call('POST', `/diagnostics/reports/${REPORT_ID}/release`);
      expect(response.status).toBe(200);
      expect(sentTo('POST', `/reports/${REPORT_ID}/release`)[0]?.body).toEqual({
        by: { subject: 'user-1', role: 'practitioner', organisation: GP },
      });
    });
  });

  describe("a person's results", () => {
    const reportsPath = `/diagnostics/persons/${PERSON_ID}/reports`;

    it("passes the person's local records and merged person ids; a clinician sees every report", async () => {
      const response = await call('GET', `${reportsPath}?limit=10`);
      expect(response.status).toBe(200);
      const page = await jsonOf(response);
      expect((page['reports'] as DiagnosticReportV1[]).map((r) => r.reportId)).toEqual([
        REPORT_ID,
        UNRELEASED_ID,
      ]);
      expect(page['nextCursor']).toBe('next-1');
      const query = sentTo('GET', '/reports')[0]?.url.searchParams;
      expect(query?.getAll('localRecordId')).toEqual(['lr-rbs-1', 'lr-gp-1', 'lr-lab-1']);
      expect(query?.getAll('personId')).toEqual([PERSON_ID, MERGED_PERSON]);
      expect(query?.get('releasedOnly')).toBeNull();
      expect(lastAudit().entities).toEqual([
        { resourceType: 'DiagnosticReport', id: REPORT_ID },
        { resourceType: 'DiagnosticReport', id: UNRELEASED_ID },
      ]);
    });

    it('asks an individual’s reports releasedOnly, and never shows them an unreleased one', async () => {
      const response = await call('GET', reportsPath, undefined, {
        role: 'individual',
        org: 'NHSAPP',
        patient: PERSON_ID,
      });
      expect(response.status).toBe(200);
      expect(((await jsonOf(response))['reports'] as DiagnosticReportV1[]).map((r) => r.reportId)).toEqual([
        REPORT_ID,
      ]);
      expect(sentTo('GET', '/reports')[0]?.url.searchParams.get('releasedOnly')).toBe('true');
      expect(lastAudit().entities).toEqual([
        { resourceType: 'DiagnosticReport', id: REPORT_ID },
        { resourceType: 'DiagnosticReport', id: UNRELEASED_ID, withheld: true },
      ]);
      expect(lastAudit().outcome).toBe('filtered');
    });

    it("answers an individual asking for someone else's results as for an unknown person (404)", async () => {
      const response = await call('GET', reportsPath, undefined, {
        role: 'individual',
        org: 'NHSAPP',
        patient: MERGED_PERSON,
      });
      expect(response.status).toBe(404);
      expect(sentTo('GET', '/reports')).toEqual([]);
    });

    it('refuses a practitioner without a relationship (403), reading nothing', async () => {
      expect((await call('GET', reportsPath, undefined, { org: 'A81001' })).status).toBe(403);
      expect(sentTo('GET', '/reports')).toEqual([]);
    });

    it('serves the cumulative series, leaving out points the decision hides', async () => {
      consent.policies.set(
        PERSON_ID,
        policyV1(PERSON_ID, {
          relationships: [
            {
              relationshipId: 'r-gp',
              organisation: GP,
              kind: 'registered-practice',
              since: '2020-01-01T00:00:00.000Z',
            },
          ],
          objections: [
            { objectionId: 'o-1', recordedBy: LAB, recordedAt: '2025-01-01T00:00:00.000Z', onBehalf: false },
          ],
        }),
      );
      const response = await call(
        'GET',
        `/diagnostics/persons/${PERSON_ID}/cumulative?analyte=hba1c`,
        undefined,
        { org: LAB },
      );
      expect(response.status).toBe(200);
      const series = (await jsonOf(response)) as unknown as CumulativeSeriesV1;
      expect(series.points.map((p) => p.organisation)).toEqual([LAB]);
      expect(sentTo('GET', '/cumulative')[0]?.url.searchParams.get('analyte')).toBe('hba1c');
    });

    it('refuses an unknown analyte (400)', async () => {
      expect(
        (await call('GET', `/diagnostics/persons/${PERSON_ID}/cumulative?analyte=unobtainium`)).status,
      ).toBe(400);
    });

    it('passes the SVG through as image/svg+xml, never sniffed', async () => {
      const response = await call('GET', `/diagnostics/persons/${PERSON_ID}/cumulative.svg?analyte=hba1c`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(await response.text()).toBe(SVG);
      expect(front.svgCalls[0]?.searchParams.getAll('personId')).toEqual([PERSON_ID, MERGED_PERSON]);
    });

    it('draws a series without the labs whose points are hidden, telling the service which', async () => {
      consent.policies.set(
        PERSON_ID,
        policyV1(PERSON_ID, {
          relationships: [
            {
              relationshipId: 'r-gp',
              organisation: GP,
              kind: 'registered-practice',
              since: '2020-01-01T00:00:00.000Z',
            },
          ],
          objections: [
            { objectionId: 'o-1', recordedBy: LAB, recordedAt: '2025-01-01T00:00:00.000Z', onBehalf: false },
          ],
        }),
      );
      const response = await call(
        'GET',
        `/diagnostics/persons/${PERSON_ID}/cumulative.svg?analyte=hba1c`,
        undefined,
        { org: LAB },
      );
      expect(response.status).toBe(200);
      const excluded = front.svgCalls[0]?.searchParams.getAll('excludeOrganisation') ?? [];
      expect(excluded.length).toBeGreaterThan(0);
      expect(excluded).not.toContain(LAB);
    });
  });
});
