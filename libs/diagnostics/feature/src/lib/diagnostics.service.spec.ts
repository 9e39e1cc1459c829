import {
  DIAGNOSTICS_TOPIC,
  type DiagnosticReportV1,
  type ResultQueuePageV1,
  type TestRequestV1,
} from '@ilinks/diagnostics/contracts';
import { fromBusMessage, type IntegrationEvent, type MessageBus } from '@ilinks/platform/messaging';
import { openBus, type RunningService } from '@ilinks/platform/runtime';
import { FixedClock } from '@ilinks/shared/kernel';
import { jsonOf, waitFor } from '@ilinks/shared/testing';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ResultEscalations } from './escalation/result-escalations';
import { EMBEDDED_FOR_SPECS, startDiagnosticsService } from './testing/start-diagnostics-service';

const HOSPITAL = 'RBS';
const PRACTICE = 'Y12345';
const COMMUNITY = 'RCOMM';
const LAB = 'RLAB1';
const OTHER_LAB = 'RLAB2';
const LAB_COPY = 'RXX02';
const LOINC = 'http://loinc.org';
const UCUM = 'http://unitsofmeasure.org';
const V3 = 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation';
const CRITICAL_AFTER_SECONDS = 60;
const ABNORMAL_AFTER_SECONDS = 600;
const SECOND = 1000;
const HOUR = 3_600_000;

const hospitalSystem = { subject: 'pas-system', role: 'system', organisation: HOSPITAL };
const labSystem = { subject: 'lims', role: 'system', organisation: LAB };
const drRenal = { subject: 'dr-renal', role: 'practitioner', organisation: HOSPITAL };
const drPractice = { subject: 'dr-gp', role: 'practitioner', organisation: PRACTICE };
const drStranger = { subject: 'dr-x', role: 'practitioner', organisation: 'RZZ99' };

type Json = Record<string, unknown>;

function potassium(value: number, flag: string): Json {
  return {
    code: [{ system: LOINC, code: '2823-3', display: 'Potassium' }],
    status: 'final',
    valueQuantity: { value, unit: 'mmol/L', system: UCUM, code: 'mmol/L' },
    referenceRanges: [{ low: { value: 3.5, code: 'mmol/L' }, high: { value: 5.3, code: 'mmol/L' } }],
    interpretation: [{ system: V3, code: flag }],
    resource: { resourceType: 'Observation' },
  };
}

function hba1c(value: number, code: string, effectiveAt: string): Json {
  return {
    code: [{ system: LOINC, code: code === '%' ? '4548-4' : '59261-8' }],
    status: 'final',
    valueQuantity: { value, unit: code, system: UCUM, code },
    referenceRanges: [],
    interpretation: [],
    effectiveAt,
    resource: { resourceType: 'Observation' },
  };
}

describe('the diagnostics service (embedded adapters)', () => {
  let dataDir: string;
  let bus: MessageBus;
  let service: RunningService;
  const clock = new FixedClock(new Date('2026-11-26T10:00:00Z'));
  const published: IntegrationEvent[] = [];

  const call = (method: string, path: string, body?: unknown, idempotencyKey?: string) =>
    fetch(`${service.url}${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(idempotencyKey === undefined ? {} : { 'idempotency-key': idempotencyKey }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const post = (path: string, body: unknown, key?: string) => call('POST', path, body, key);
  const getJson = async (path: string) => jsonOf(await call('GET', path));
  const sweep = () => service.app.get(ResultEscalations).sweepOnce();

  function requestBody(personId: string, order: string, overrides: Json = {}): Json {
    return {
      subject: { personId },
      recordedBy: hospitalSystem,
      partnerRequestId: `SR-${order}`,
      identifiers: [{ system: 'https://pas.rbs.example/orders', value: order }],
      requester: { organisation: HOSPITAL, team: 'renal-clinic' },
      performer: LAB,
      category: 'laboratory',
      code: [{ system: LOINC, code: '24326-1' }],
      status: 'active',
      priority: 'routine',
      copiesTo: [{ organisation: COMMUNITY, team: 'district-nursing' }],
      resource: { resourceType: 'ServiceRequest' },
      ...overrides,
    };
  }

  function reportBody(personId: string, partnerReportId: string, overrides: Json = {}): Json {
    return {
      subject: { personId },
      recordedBy: labSystem,
      partnerReportId,
      basedOn: [],
      status: 'final',
      category: 'laboratory',
      code: [{ system: LOINC, code: '24326-1' }],
      issuedAt: clock.now().toISOString(),
      results: [potassium(4.2, 'N')],
      copiesTo: [],
      resource: { resourceType: 'DiagnosticReport' },
      ...overrides,
    };
  }

  async function report(body: Json, expectedStatus = 201): Promise<DiagnosticReportV1> {
    const response = await post('/reports', body, `report-${randomUUID()}`);
    expect(response.status).toBe(expectedStatus);
    return (await jsonOf(response)) as DiagnosticReportV1;
  }

  async function queue(query: string): Promise<ResultQueuePageV1> {
    return (await getJson(`/unacknowledged?${query}`)) as ResultQueuePageV1;
  }

  const queued = async (query: string, reportId: string) =>
    (await queue(query)).items.filter((item) => item.reportId === reportId);

  async function acknowledge(reportId: string, by: Json, expectedStatus = 200) {
    const response = await post(
      `/reports/${reportId}/acknowledge`,
      { by, note: 'Seen' },
      `ack-${randomUUID()}`,
    );
    expect(response.status).toBe(expectedStatus);
    return (await jsonOf(response)) as DiagnosticReportV1;
  }

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ilinks-diagnostics-'));
    bus = openBus(EMBEDDED_FOR_SPECS, { dataDir }, 'test');
    await bus.ensureTopics([DIAGNOSTICS_TOPIC]);
    service = await startDiagnosticsService(dataDir, bus, {
      clock,
      env: {
        ILINKS_RESULT_ESCALATE_CRITICAL_AFTER_SECONDS: String(CRITICAL_AFTER_SECONDS),
        ILINKS_RESULT_ESCALATE_ABNORMAL_AFTER_SECONDS: String(ABNORMAL_AFTER_SECONDS),
        ILINKS_RESULT_RELEASE_DELAY_HOURS: '1',
      },
    });
    await bus.consume({ groupId: 'test-observer', topics: [DIAGNOSTICS_TOPIC] }, async (message) => {
      published.push(fromBusMessage(message));
    });
  });

  afterAll(async () => {
    await service?.stop();
    await bus?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  describe('requests and routing', () => {
    it('records a request (201), answers a retry as the first time, and a resend without a change (200)', async () => {
      const personId = randomUUID();
      const first = await post('/requests', requestBody(personId, 'ORD-100'), 'request-key-100');
      expect(first.status).toBe(201);
      const request = (await jsonOf(first)) as TestRequestV1;
      expect(request).toMatchObject({ revision: 1, organisation: HOSPITAL, partnerRequestId: 'SR-ORD-100' });
      const retried = await post('/requests', requestBody(personId, 'ORD-100'), 'request-key-100');
      expect(retried.status).toBe(201);
      const resent = await post('/requests', requestBody(personId, 'ORD-100'), 'request-key-101');
      expect(resent.status).toBe(200);
      expect(await jsonOf(resent)).toMatchObject({ requestId: request.requestId, revision: 1 });
      const changed = await post(
        '/requests',
        requestBody(personId, 'ORD-100', { priority: 'urgent' }),
        'request-key-102',
      );
      expect(changed.status).toBe(200);
      expect(await jsonOf(changed)).toMatchObject({ revision: 2, priority: 'urgent' });
      expect(await getJson(`/requests/${request.requestId}`)).toMatchObject({ revision: 2 });
    });

    it('routes a report to the requester team, the copies, the registered practice and the lab copies', async () => {
      const personId = randomUUID();
      const request = (await jsonOf(
        await post('/requests', requestBody(personId, 'ORD-200')),
      )) as TestRequestV1;
      const recorded = await report(
        reportBody(personId, 'REP-200', {
          basedOn: [{ value: 'ORD-200' }],
          registeredPractice: PRACTICE,
          copiesTo: [{ organisation: LAB_COPY }],
        }),
      );
      expect(recorded.requestId).toBe(request.requestId);
      expect(recorded.recipients).toEqual([
        { participant: { organisation: HOSPITAL, team: 'renal-clinic' }, reasons: ['requester'] },
        {
          participant: { organisation: COMMUNITY, team: 'district-nursing' },
          reasons: ['copied-by-requester'],
        },
        { participant: { organisation: PRACTICE }, reasons: ['registered-practice'] },
        { participant: { organisation: LAB_COPY }, reasons: ['copied-by-lab'] },
      ]);
      expect(recorded).toMatchObject({ acknowledgementStatus: 'awaiting', flag: 'normal', revision: 1 });
      expect(await queued(`organisation=${HOSPITAL}&team=renal-clinic`, recorded.reportId)).toHaveLength(1);
      expect(await queued(`organisation=${COMMUNITY}&team=district-nursing`, recorded.reportId)).toHaveLength(
        1,
      );
      expect(await queued(`organisation=${PRACTICE}`, recorded.reportId)).toHaveLength(1);
      expect(await queued(`organisation=${LAB_COPY}`, recorded.reportId)).toEqual([
        expect.objectContaining({ reasons: ['copied-by-lab'], organisation: LAB, subject: { personId } }),
      ]);
      expect(await getJson(`/requests/${request.requestId}`)).toMatchObject({
        reportIds: [recorded.reportId],
      });
    });

    it('records a report with no recipients at all (its lab still sees it)', async () => {
      const recorded = await report(reportBody(randomUUID(), 'REP-300'));
      expect(recorded.recipients).toEqual([]);
      expect(await getJson(`/reports/${recorded.reportId}`)).toMatchObject({ reportId: recorded.reportId });
    });

    it('publishes the report on the diagnostics topic, keyed by the report, without values', async () => {
      const recorded = await report(reportBody(randomUUID(), 'REP-310', { registeredPractice: PRACTICE }));
      const event = await waitFor(
        () => published.find((candidate) => (candidate.data as Json)['reportId'] === recorded.reportId),
        { description: 'the report on the bus' },
      );
      expect(event.type).toBe('ilinks.diagnostics.result-reported.v1');
      expect(JSON.stringify(event)).not.toContain('4.2');
    });
  });

  describe('the closed loop', () => {
    it('escalates an unacknowledged critical potassium to the requester team, then the duty clinician', async () => {
      const personId = randomUUID();
      await post('/requests', requestBody(personId, 'ORD-400'));
      const recorded = await report(
        reportBody(personId, 'REP-400', {
          basedOn: [{ system: 'https://pas.rbs.example/orders', value: 'ORD-400' }],
          registeredPractice: PRACTICE,
          results: [potassium(6.8, 'HH')],
        }),
      );
      expect(recorded.flag).toBe('critical');
      expect(recorded.escalationDueAt).toBe(
        new Date(clock.now().getTime() + CRITICAL_AFTER_SECONDS * SECOND).toISOString(),
      );

      clock.advance(CRITICAL_AFTER_SECONDS * SECOND - 1);
      await sweep();
      expect((await getJson(`/reports/${recorded.reportId}`)).escalations).toEqual([]);

      clock.advance(1);
      await sweep();
      const first = (await getJson(`/reports/${recorded.reportId}`)) as DiagnosticReportV1;
      expect(first.escalations).toEqual([
        expect.objectContaining({ level: 1, to: { organisation: HOSPITAL, team: 'renal-clinic' } }),
      ]);
      expect(await queued(`organisation=${HOSPITAL}&team=renal-clinic`, recorded.reportId)).toEqual([
        expect.objectContaining({ escalationLevel: 1, reasons: ['requester'], flag: 'critical' }),
      ]);

      clock.advance(CRITICAL_AFTER_SECONDS * SECOND);
      await sweep();
      clock.advance(10 * CRITICAL_AFTER_SECONDS * SECOND);
      await sweep();
      const second = (await getJson(`/reports/${recorded.reportId}`)) as DiagnosticReportV1;
      expect(second.escalations.map((escalation) => [escalation.level, escalation.to])).toEqual([
        [1, { organisation: HOSPITAL, team: 'renal-clinic' }],
        [2, { organisation: HOSPITAL, team: 'duty-clinician' }],
      ]);
      expect(second.escalationDueAt).toBeUndefined();
      expect(await queued(`organisation=${HOSPITAL}&team=duty-clinician`, recorded.reportId)).toEqual([
        expect.objectContaining({ escalationLevel: 2, reasons: [] }),
      ]);

      const acknowledged = await acknowledge(recorded.reportId, drRenal);
      expect(acknowledged).toMatchObject({ acknowledgementStatus: 'acknowledged' });
      expect(acknowledged.acknowledgements).toEqual([expect.objectContaining({ revision: 1, note: 'Seen' })]);
      expect(await queued(`organisation=${HOSPITAL}`, recorded.reportId)).toEqual([]);
      expect(await queued(`organisation=${PRACTICE}`, recorded.reportId)).toEqual([]);
    });

    it('stops escalating once acknowledged', async () => {
      const recorded = await report(
        reportBody(randomUUID(), 'REP-410', {
          registeredPractice: PRACTICE,
          results: [potassium(6.8, 'HH')],
        }),
      );
      await acknowledge(recorded.reportId, drPractice);
      clock.advance(10 * CRITICAL_AFTER_SECONDS * SECOND);
      await sweep();
      expect(await getJson(`/reports/${recorded.reportId}`)).toMatchObject({
        escalations: [],
        acknowledgementStatus: 'acknowledged',
      });
    });

    it('escalates without a request to the registered practice duty team', async () => {
      const recorded = await report(
        reportBody(randomUUID(), 'REP-420', { registeredPractice: PRACTICE, results: [potassium(5.9, 'H')] }),
      );
      clock.advance(ABNORMAL_AFTER_SECONDS * SECOND);
      await sweep();
      expect((await getJson(`/reports/${recorded.reportId}`)).escalations).toEqual([
        expect.objectContaining({ level: 1, to: { organisation: PRACTICE, team: 'duty-clinician' } }),
      ]);
    });

    it('never escalates a normal report', async () => {
      const recorded = await report(reportBody(randomUUID(), 'REP-430', { registeredPractice: PRACTICE }));
      expect(recorded.escalationDueAt).toBeUndefined();
      clock.advance(100 * ABNORMAL_AFTER_SECONDS * SECOND);
      await sweep();
      expect(await getJson(`/reports/${recorded.reportId}`)).toMatchObject({
        escalations: [],
        acknowledgementStatus: 'awaiting',
      });
    });

    it('refuses an acknowledgement from an organisation the report never went to (403)', async () => {
      const recorded = await report(reportBody(randomUUID(), 'REP-440', { registeredPractice: PRACTICE }));
      await acknowledge(recorded.reportId, drStranger, 403);
      await acknowledge(recorded.reportId, labSystem, 403);
      expect(await getJson(`/reports/${recorded.reportId}`)).toMatchObject({
        acknowledgementStatus: 'awaiting',
      });
    });
  });

  describe('revisions', () => {
    it('re-opens acknowledgement for an amended report', async () => {
      const personId = randomUUID();
      const body = reportBody(personId, 'REP-500', {
        registeredPractice: PRACTICE,
        results: [potassium(5.9, 'H')],
      });
      const first = await report(body);
      await acknowledge(first.reportId, drPractice);
      expect(await queued(`organisation=${PRACTICE}`, first.reportId)).toEqual([]);

      const amended = await report({ ...body, status: 'amended', results: [potassium(6.1, 'H')] }, 200);
      expect(amended).toMatchObject({ revision: 2, status: 'amended', acknowledgementStatus: 'awaiting' });
      expect(amended.history).toEqual([{ revision: 1, status: 'final', recordedAt: expect.any(String) }]);
      expect(amended.acknowledgements).toEqual([expect.objectContaining({ revision: 1 })]);
      expect(await queued(`organisation=${PRACTICE}`, first.reportId)).toEqual([
        expect.objectContaining({ revision: 2, status: 'amended' }),
      ]);
    });

    it('shows a cancelled report as cancelled, needing no acknowledgement, still listed', async () => {
      const personId = randomUUID();
      const body = reportBody(personId, 'REP-510', { registeredPractice: PRACTICE });
      const first = await report(body);
      const cancelled = await report({ ...body, status: 'cancelled' }, 200);
      expect(cancelled).toMatchObject({
        revision: 2,
        status: 'cancelled',
        acknowledgementStatus: 'not-required',
      });
      const listed = await getJson(`/reports?personId=${personId}`);
      expect(listed.reports).toEqual([
        expect.objectContaining({ reportId: first.reportId, status: 'cancelled' }),
      ]);
      expect(await queued(`organisation=${PRACTICE}`, first.reportId)).toEqual([]);
    });

    it('records a resend of the same report as one revision (200)', async () => {
      const body = reportBody(randomUUID(), 'REP-520', { registeredPractice: PRACTICE });
      const first = await report(body);
      const resent = await report(body, 200);
      expect(resent).toMatchObject({ reportId: first.reportId, revision: 1, history: [] });
    });

    it('keeps another lab with the same partner report id apart: it never revises this one', async () => {
      const body = reportBody(randomUUID(), 'REP-530', { registeredPractice: PRACTICE });
      const first = await report(body);
      const other = await report({
        ...body,
        recordedBy: { ...labSystem, organisation: OTHER_LAB },
        status: 'amended',
      });
      expect(other.reportId).not.toBe(first.reportId);
      expect(await getJson(`/reports/${first.reportId}`)).toMatchObject({ revision: 1, status: 'final' });
    });
  });

  describe('the cumulative view', () => {
    it('puts HbA1c from two labs, in % and mmol/mol, on one series in mmol/mol, and plots it', async () => {
      const personId = randomUUID();
      const localRecordId = randomUUID();
      await report(
        reportBody(personId, 'REP-600', {
          subject: { personId, localRecordId },
          results: [hba1c(6.5, '%', '2026-01-10T09:00:00Z')],
        }),
      );
      await report({
        ...reportBody(personId, 'REP-601', { results: [hba1c(53, 'mmol/mol', '2026-06-10T09:00:00Z')] }),
        recordedBy: { ...labSystem, organisation: OTHER_LAB },
      });
      const series = await getJson(
        `/cumulative?localRecordId=${localRecordId}&personId=${personId}&analyte=hba1c`,
      );
      expect(series.analyte).toEqual({ id: 'hba1c', display: 'HbA1c (IFCC)', unit: 'mmol/mol' });
      expect(series.points).toHaveLength(2);
      expect(series.points.map((point: Json) => point['organisation'])).toEqual([LAB, OTHER_LAB]);
      expect(series.points[0].normalised).toBeCloseTo(47.5, 0);
      expect(series.points[1].normalised).toBe(53);

      const svg = await call('GET', `/cumulative/svg?personId=${personId}&analyte=hba1c`);
      expect(svg.status).toBe(200);
      expect(svg.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
      expect(await svg.text()).toMatch(/<svg[\s\S]*<\/svg>\s*$/);

      // A lab the caller may not see is left out of the series, and so of the drawing.
      const without = await getJson(
        `/cumulative?localRecordId=${localRecordId}&personId=${personId}&analyte=hba1c&excludeOrganisation=${OTHER_LAB}`,
      );
      expect(without.points.map((point: Json) => point['organisation'])).toEqual([LAB]);
      const drawn = await call(
        'GET',
        `/cumulative/svg?localRecordId=${localRecordId}&personId=${personId}&analyte=hba1c&excludeOrganisation=${OTHER_LAB}`,
      );
      expect(await drawn.text()).not.toBe(
        await (
          await call(
            'GET',
            `/cumulative/svg?localRecordId=${localRecordId}&personId=${personId}&analyte=hba1c`,
          )
        ).text(),
      );
    });

    it('keeps only the current revision of each report', async () => {
      const personId = randomUUID();
      const body = reportBody(personId, 'REP-610', {
        results: [hba1c(50, 'mmol/mol', '2026-02-01T09:00:00Z')],
      });
      await report(body);
      await report(
        { ...body, status: 'corrected', results: [hba1c(51, 'mmol/mol', '2026-02-01T09:00:00Z')] },
        200,
      );
      const series = await getJson(`/cumulative?personId=${personId}&analyte=hba1c`);
      expect(series.points.map((point: Json) => point['normalised'])).toEqual([51]);
    });
  });

  describe('release to the individual', () => {
    it('hides an unreleased report until a clinician releases it or the delay passes', async () => {
      const personId = randomUUID();
      const released = await report(reportBody(personId, 'REP-700', { registeredPractice: PRACTICE }));
      const delayed = await report(reportBody(personId, 'REP-701', { registeredPractice: PRACTICE }));
      const preliminary = await report(
        reportBody(personId, 'REP-702', { registeredPractice: PRACTICE, status: 'preliminary' }),
      );
      const visible = async () =>
        (
          (await getJson(`/reports?personId=${personId}&releasedOnly=true`)).reports as DiagnosticReportV1[]
        ).map((item) => item.reportId);
      expect(await visible()).toEqual([]);

      const response = await post(`/reports/${released.reportId}/release`, { by: drPractice });
      expect(response.status).toBe(200);
      expect((await jsonOf(response)).release).toMatchObject({ released: true, releasedBy: drPractice });
      expect(await visible()).toEqual([released.reportId]);

      clock.advance(HOUR);
      expect((await visible()).sort()).toEqual([released.reportId, delayed.reportId].sort());
      expect(await visible()).not.toContain(preliminary.reportId);
      expect((await getJson(`/reports/${delayed.reportId}`)).release).toMatchObject({
        released: true,
        releasedBy: 'policy',
      });
      expect((await getJson(`/reports?personId=${personId}`)).reports).toHaveLength(3);
    });

    it('lets only a recipient organisation release (403)', async () => {
      const recorded = await report(reportBody(randomUUID(), 'REP-710', { registeredPractice: PRACTICE }));
      const response = await post(`/reports/${recorded.reportId}/release`, { by: drStranger });
      expect(response.status).toBe(403);
    });
  });

  describe('bad input', () => {
    it('refuses a report with broken fields (400, each path named) and stores nothing', async () => {
      const personId = randomUUID();
      const response = await post('/reports', {
        ...reportBody(personId, 'REP-800', { registeredPractice: 'not an ods code' }),
        issuedAt: 'yesterday',
        results: [{ ...potassium(4, 'N'), status: 'done' }],
      });
      expect(response.status).toBe(400);
      const outcome = await jsonOf(response);
      expect(outcome.resourceType).toBe('OperationOutcome');
      const paths = (outcome.issue as { expression?: string[] }[]).flatMap((issue) => issue.expression ?? []);
      expect(paths).toEqual(expect.arrayContaining(['issuedAt', 'registeredPractice', 'results[0].status']));
      expect((await getJson(`/reports?personId=${personId}`)).reports).toEqual([]);
    });

    it('refuses queries without a subject or with a bad analyte (400)', async () => {
      expect((await call('GET', '/reports')).status).toBe(400);
      expect((await call('GET', '/reports?personId=nope')).status).toBe(400);
      expect((await call('GET', `/cumulative?personId=${randomUUID()}&analyte=unobtainium`)).status).toBe(
        400,
      );
      expect((await call('GET', '/unacknowledged?organisation=lower')).status).toBe(400);
      expect((await call('GET', `/reports/${randomUUID()}`)).status).toBe(404);
    });
  });
});
