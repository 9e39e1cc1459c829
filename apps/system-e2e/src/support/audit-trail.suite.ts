import { startPlatformFor } from './platform-under-test';
import { jsonOf } from '@ilinks/shared/testing';
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import {
  allAuditEvents,
  auditEventOnceRecorded,
  plainWordsOf,
  recordIdOf,
  type TrailOutcome,
  trailOutcomeOf,
} from './audit-trail-reader';
import { delegationConsent, objectionConsent, withdrawn } from './fhir-consents';
import { GatewayCaller, type Json, rawRequest } from './gateway-client';
import { type PlatformProcess } from './platform-process';
import type { PlatformUnderTest } from './platform-under-test';

// Audit completeness: a scripted mixed workload, then every request is in the trail exactly once
// with the right outcome, the hash chain verifies, and tampering with one stored record is found.
// "Audit unavailable → 503, nothing shown" is not provoked here (no clean way to break the
// embedded bus from outside): libs/gateway/feature/src/lib/audit/gateway-audit.spec.ts covers it.
// The workload callers' user ids are this run's own: on Kafka the audit topic is shared with
// earlier runs (an anonymous caller cannot be told apart, so only this run's anonymous requests are
// counted for it).
const MRN = 'https://fhir.rbs.example/Id/mrn';
const BREAK_GLASS = { 'x-break-glass-reason': 'Found collapsed at home, no records available to the crew' };

interface Sent {
  readonly recordId: string;
  readonly agent: string;
  readonly outcome: TrailOutcome;
}

function patient(value: string, family: string, birthDate: string): Json {
  return {
    resourceType: 'Patient',
    identifier: [{ system: MRN, value }],
    name: [{ family, given: ['Robin'] }],
    gender: 'male',
    birthDate,
  };
}

/** Audit completeness and tamper detection on the platform under test (run by its e2e-spec and int-spec). */
export function auditTrailSuite(platformUnderTest: PlatformUnderTest): void {
  describe(`audit completeness: every request once in the trail, tampering detected, on ${platformUnderTest.on}`, () => {
    let platform: PlatformProcess;
    const as: Record<string, GatewayCaller> = {};
    const sent: Sent[] = [];
    const persons: string[] = [];
    const run = randomUUID().slice(0, 8);
    const agent = {
      pas: `wl-pas-${run}`,
      gp: `wl-gp-${run}`,
      doctor: `wl-doctor-${run}`,
      paramedic: `wl-paramedic-${run}`,
      person: `wl-person-${run}`,
      anonymous: 'anonymous',
    } as const;

    /** Sends one workload request and notes what the trail must say of it. */
    async function send(
      agent: string,
      outcome: TrailOutcome,
      request: () => Promise<Response>,
      status?: number,
    ): Promise<Response> {
      const response = await request();
      if (status !== undefined) expect(response.status).toBe(status);
      sent.push({ recordId: recordIdOf(response), agent, outcome });
      return response;
    }

    beforeAll(async () => {
      platform = await startPlatformFor(platformUnderTest);
      const caller = (sub: string, org: string, role: string) =>
        GatewayCaller.as(platform.gatewayUrl, sub, org, role);
      as.pas = await caller(agent.pas, 'RBS', 'system');
      as.gp = await caller(agent.gp, 'Y12345', 'system');
      as.doctor = await caller(agent.doctor, 'RBS', 'practitioner');
      as.paramedic = await caller(agent.paramedic, 'RX8', 'practitioner');
      as.ig = await caller('ig-auditor', 'RBS', 'ig-officer');
      // The audit service consumes asynchronously (on Kafka, once its consumer group has joined).
      const firstRequest = await as.ig.get('/fhir/AuditEvent?agent=ig-auditor&_count=1');
      await auditEventOnceRecorded(as.ig, recordIdOf(firstRequest), platformUnderTest.consumersJoinWithinMs);
    }, 90_000 + platformUnderTest.consumersJoinWithinMs);

    afterAll(async () => {
      await platform?.dispose();
    });

    it(
      'runs a mixed workload of about forty requests, each with an X-Request-Id',
      async () => {
        await platform.explainFailure(async () => {
          for (let index = 0; index < 6; index += 1) {
            const response = await send(
              agent.pas,
              'permitted',
              () =>
                as.pas.post(
                  '/fhir/Patient',
                  patient(`H-WL-${index}`, `Workload${index}`, `19${60 + index}-0${1 + index}-1${index}`),
                ),
              201,
            );
            persons.push((await jsonOf(response)).id);
          }
          const [first, second, third] = persons as [string, string, string];
          as.person = await GatewayCaller.withClaims(platform.gatewayUrl, {
            sub: agent.person,
            org: 'RBS',
            role: 'individual',
            patient: first,
          });
          for (const personId of persons)
            await send(agent.doctor, 'permitted', () => as.doctor.get(`/fhir/Patient/${personId}`), 200);
          for (let index = 0; index < 4; index += 1)
            await send(
              agent.doctor,
              'permitted',
              () => as.doctor.get(`/fhir/Patient?identifier=${MRN}|H-WL-${index}`),
              200,
            );
          await send(
            agent.doctor,
            'permitted',
            () =>
              as.doctor.post('/fhir/Patient/$match', {
                resourceType: 'Parameters',
                parameter: [
                  {
                    name: 'resource',
                    resource: {
                      resourceType: 'Patient',
                      name: [{ family: 'Workload1' }],
                      birthDate: '1961-02-11',
                    },
                  },
                ],
              }),
            200,
          );
          await send(agent.gp, 'filtered', () => as.gp.get(`/fhir/Patient?identifier=${MRN}|H-WL-0`), 200);
          for (const personId of [first, second, third])
            await send(agent.paramedic, 'denied', () => as.paramedic.get(`/fhir/Patient/${personId}`), 403);
          await send(
            agent.paramedic,
            'permitted',
            () => as.paramedic.get(`/fhir/Patient/${second}`, BREAK_GLASS),
            200,
          );
          await send(agent.paramedic, 'permitted', () => as.paramedic.get(`/fhir/Patient/${second}`), 200);
          await send(
            agent.paramedic,
            'failed',
            () => as.paramedic.get(`/fhir/Patient/${second}`, { 'x-break-glass-reason': 'x' }),
            400,
          );
          await send(agent.paramedic, 'failed', () => as.paramedic.get(`/fhir/Patient/${randomUUID()}`), 404);
          const objection = await send(
            agent.person,
            'permitted',
            () => as.person.post('/fhir/Consent', objectionConsent(first)),
            201,
          );
          const delegation = await send(
            agent.person,
            'permitted',
            () => as.person.post('/fhir/Consent', delegationConsent(first, 'wl-carer', ['demographics'])),
            201,
          );
          await send(agent.person, 'permitted', () => as.person.get(`/fhir/Consent?patient=${first}`), 200);
          await send(agent.person, 'permitted', () => as.person.get(`/fhir/Patient/${first}`), 200);
          await send(agent.person, 'denied', () => as.person.get(`/fhir/Patient/${second}`), 404);
          const objectionAsRead = await jsonOf(objection);
          const delegationAsRead = await jsonOf(delegation);
          await send(
            agent.person,
            'permitted',
            () => as.person.put(`/fhir/Consent/${objectionAsRead.id}`, withdrawn(objectionAsRead)),
            200,
          );
          await send(
            agent.person,
            'permitted',
            () => as.person.put(`/fhir/Consent/${delegationAsRead.id}`, withdrawn(delegationAsRead)),
            200,
          );
          await send(agent.person, 'failed', () =>
            as.person.put(`/fhir/Consent/${objectionAsRead.id}`, { ...objectionAsRead, status: 'draft' }),
          );
          await send(
            agent.doctor,
            'failed',
            () => as.doctor.post('/fhir/Consent', { resourceType: 'Consent' }),
            400,
          );
          await send(
            agent.pas,
            'failed',
            () => as.pas.post('/fhir/Patient', { resourceType: 'Patient', identifier: [] }),
            400,
          );
          await send(agent.pas, 'failed', () => as.pas.get('/fhir/Patient?identifier=no-separator'), 400);
          await send(
            agent.anonymous,
            'denied',
            () => rawRequest(platform.gatewayUrl, `/fhir/Patient/${first}`),
            401,
          );
          await send(
            agent.anonymous,
            'denied',
            () => rawRequest(platform.gatewayUrl, `/fhir/Consent?patient=${first}`, { token: 'x.y.z' }),
            401,
          );
          await send(agent.doctor, 'denied', () => as.doctor.get(`/fhir/AuditEvent?patient=${first}`), 403);
          // No route matched, so no guard read the token: the recorder verifies it itself to name who probed.
          await send(agent.doctor, 'failed', () => as.doctor.get('/fhir/NoSuchResource'), 404);
          await send(
            agent.person,
            'permitted',
            () => as.person.get(`/fhir/AuditEvent?patient=${first}`),
            200,
          );
        });
        expect(sent.length).toBeGreaterThanOrEqual(38);
        expect(new Set(sent.map((request) => request.recordId)).size).toBe(sent.length);
      },
      60_000 + platformUnderTest.consumersJoinWithinMs,
    );

    it(
      'records every request of the workload with the outcome it had',
      async () => {
        for (const request of sent) {
          const event = await auditEventOnceRecorded(
            as.ig,
            request.recordId,
            platformUnderTest.auditedWithinMs,
          );
          expect({ recordId: request.recordId, outcome: trailOutcomeOf(event) }).toEqual({
            recordId: request.recordId,
            outcome: request.outcome,
          });
        }
      },
      60_000 + platformUnderTest.auditedWithinMs,
    );

    it(
      'holds each request exactly once, and nothing else for the workload callers',
      async () => {
        for (const caller of Object.values(agent)) {
          const listed = (await allAuditEvents(as.ig, `agent=${caller}&_count=100`)).map((event) => event.id);
          const expected = sent
            .filter((request) => request.agent === caller)
            .map((request) => request.recordId);
          const ours = caller === agent.anonymous ? listed.filter((id) => expected.includes(id)) : listed;
          expect({ caller, records: [...ours].sort() }).toEqual({ caller, records: [...expected].sort() });
        }
      },
      30_000 + platformUnderTest.auditedWithinMs,
    );

    it('lets the person see, in plain words, who accessed their record', async () => {
      const own = await as.person.get(`/fhir/AuditEvent?patient=${persons[0]}&_count=100`);
      expect(own.status).toBe(200);
      const words = (await jsonOf(own)).entry.map((entry: Json) => plainWordsOf(entry.resource));
      expect(words).toContain('A practitioner at organisation RBS read your record for direct care.');
      expect(words).toContain('A partner system at organisation RBS added to your record for direct care.');
      expect(words.some((sentence: string) => sentence.startsWith('You '))).toBe(true);
      // Staff are named by role and organisation only.
      expect(
        JSON.stringify(await jsonOf(await as.person.get(`/fhir/AuditEvent?patient=${persons[0]}`))),
      ).not.toContain(agent.doctor);
    });

    it('verifies the whole chain', async () => {
      const response = await as.ig.post('/audit/$verify', {});
      expect(response.status).toBe(200);
      const verification = await jsonOf(response);
      expect(verification.verified).toBe(true);
      expect(verification.records).toBeGreaterThanOrEqual(sent.length);
      expect(verification.firstBreak).toBeUndefined();
    });

    it('names the sequence of a record altered in the stored trail, after a restart', async () => {
      const victim = sent[10]?.recordId ?? '';
      await platform.stop();
      // The audit event store is SQLite under the data directory on Kafka and MongoDB as well.
      const db = new Database(join(platform.dataDir, 'audit', 'events.sqlite'), { fileMustExist: true });
      let sequence: number;
      try {
        const row = db
          .prepare(
            "SELECT position, data FROM events WHERE stream = 'audit.trail' AND json_extract(data, '$.record.recordId') = ?",
          )
          .get(victim) as { position: number; data: string };
        const entry = JSON.parse(row.data);
        sequence = entry.sequence;
        // An insider quietly pins the read on someone else.
        entry.record.agent.subject = 'someone-innocent';
        db.prepare('UPDATE events SET data = ? WHERE position = ?').run(JSON.stringify(entry), row.position);
      } finally {
        db.close();
      }
      await platform.start();
      const verification = await jsonOf(await as.ig.post('/audit/$verify', {}));
      expect(verification.verified).toBe(false);
      expect(verification.firstBreak).toEqual({ sequence, recordId: victim, problem: 'altered' });
    }, 90_000);
  });
}
