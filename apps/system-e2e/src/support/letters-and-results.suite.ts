import { jsonOf, waitFor } from '@ilinks/shared/testing';
import { randomInt, randomUUID } from 'node:crypto';
import { GatewayCaller, type Json, linkOutcomeOf } from './gateway-client';
import {
  dischargeLetter,
  hba1c,
  labReport,
  pdfBytes,
  potassium,
  sodium,
  testRequest,
} from './letter-and-result-fixtures';
import type { PlatformProcess } from './platform-process';
import { type PlatformUnderTest, startPlatformFor } from './platform-under-test';
import { NHS_NUMBER_SYSTEM, nhsNumberFrom, type PartnerIdentifier, partnerPatient } from './record-fixtures';

// "Fax Off" and "E-Diagnostics": a hospital's discharge letter reaches the GP and the community
// team at once and the hospital sees both acknowledge it; a lab's abnormal potassium escalates
// until a clinician acknowledges it; an amended report asks for acknowledgement again; HbA1c from
// two labs, in two units, is one series. Every organisation's identifiers are this run's own.

const ODS_SYSTEM = 'https://fhir.nhs.uk/Id/ods-organization-code';
const ORGANISATIONS = {
  hospital: 'RBS',
  gp: 'Y12345',
  community: 'RY1',
  council: 'LA001',
  hospitalLab: 'RBSPATH',
  mentalHealth: 'RW4',
  otherLab: 'RQ6LAB',
};
/** Short clocks so the stories see reminders and escalations within seconds. */
const FAST_CLOCKS = {
  ILINKS_LETTER_ACK_DUE_SECONDS: '3',
  ILINKS_LETTER_REMINDER_INTERVAL_SECONDS: '3600',
  ILINKS_CORRESPONDENCE_SWEEP_SECONDS: '1',
  ILINKS_RESULT_ESCALATE_CRITICAL_AFTER_SECONDS: '6',
  ILINKS_RESULT_ESCALATE_ABNORMAL_AFTER_SECONDS: '6',
  ILINKS_DIAGNOSTICS_SWEEP_SECONDS: '1',
};
const demographics = {
  family: 'Adeyemi',
  given: 'Grace',
  birthDate: '1951-03-14',
  gender: 'female',
  postalCode: 'L8 1XY',
};

async function ok(response: Response, expected: readonly number[] = [200]): Promise<Json> {
  if (!expected.includes(response.status))
    throw new Error(`answered ${response.status}: ${await response.text()}`);
  return jsonOf(response);
}

/** Issue 6's stories on the platform under test (run by its e2e-spec and int-spec). */
export function lettersAndResultsSuite(platformUnderTest: PlatformUnderTest): void {
  describe(`letters without fax and results never lost unacknowledged, on ${platformUnderTest.on}`, () => {
    let platform: PlatformProcess;
    const as: Record<string, GatewayCaller> = {};
    const run = randomUUID().slice(0, 8);
    const nhsNumber = nhsNumberFrom(randomInt(100_000_000, 999_999_999));
    const identifierAt = (organisation: string): PartnerIdentifier => ({
      system: `https://fhir.${organisation.toLowerCase()}.example/Id/patient`,
      value: `${organisation}-${run}`,
    });
    const byNhsNumber: PartnerIdentifier = { system: NHS_NUMBER_SYSTEM, value: nhsNumber };
    let personId: string;
    let letterId: string;

    const reportOf = async (caller: GatewayCaller, reportId: string): Promise<Json> =>
      ok(await caller.get(`/diagnostics/reports/${reportId}`));
    const queueOf = async (caller: GatewayCaller, query = ''): Promise<Json[]> =>
      (await ok(await caller.get(`/diagnostics/unacknowledged?limit=100${query}`))).items;
    const sendReport = async (lab: GatewayCaller, report: Json, expected = [201]): Promise<string> =>
      (await ok(await lab.post('/fhir/DiagnosticReport', report), expected)).id;

    beforeAll(async () => {
      platform = await startPlatformFor(platformUnderTest, FAST_CLOCKS);
      const user = (name: string, organisation: string, role: string) =>
        GatewayCaller.as(platform.gatewayUrl, `${name}-${run}`, organisation, role);
      for (const [name, organisation] of Object.entries(ORGANISATIONS))
        as[name] = await user(`${name}-system`, organisation, 'system');
      as.hospitalDoctor = await user('dr-khan', ORGANISATIONS.hospital, 'practitioner');
      as.gpDoctor = await user('dr-patel', ORGANISATIONS.gp, 'practitioner');
      as.gpDuty = await user('dr-duty', ORGANISATIONS.gp, 'practitioner');
      as.districtNurse = await user('nurse-jones', ORGANISATIONS.community, 'practitioner');
      as.socialWorker = await user('sw-evans', ORGANISATIONS.council, 'practitioner');
      as.mentalHealthDoctor = await user('dr-obi', ORGANISATIONS.mentalHealth, 'practitioner');
      as.ig = await user('ig-officer', ORGANISATIONS.hospital, 'ig-officer');
      // Adult social care holds no record of her: the letter forwarded to it is its reason to see hers.
      for (const name of ['hospital', 'gp', 'community'] as const) {
        const patient = await ok(
          await as[name].post('/fhir/Patient', {
            ...partnerPatient(identifierAt(ORGANISATIONS[name]), nhsNumber, demographics),
            // As PDS gives it: her GP practice becomes her registered practice (results go there).
            generalPractitioner: [{ identifier: { system: ODS_SYSTEM, value: ORGANISATIONS.gp } }],
          }),
          [200, 201],
        );
        personId ??= patient.id;
        expect(patient.id).toBe(personId);
      }
      as.grace = await GatewayCaller.withClaims(platform.gatewayUrl, {
        sub: `grace-${run}`,
        org: 'ILINKSAPP',
        role: 'individual',
        patient: personId,
      });
    }, 240_000);

    afterAll(async () => {
      await platform?.dispose();
    });

    describe('a discharge letter to the GP and the community team', () => {
      const document = pdfBytes(`discharge ${run}`);

      it('is sent once by the hospital, and a resend is the same letter', async () => {
        const letter = dischargeLetter(
          `discharge-${run}`,
          identifierAt(ORGANISATIONS.hospital),
          [
            { organisation: ORGANISATIONS.gp },
            { organisation: ORGANISATIONS.community, team: 'district-nursing' },
          ],
          document,
        );
        const sent = await ok(await as.hospital.post('/fhir/Communication', letter), [201]);
        letterId = sent.id;
        const resent = await ok(await as.hospital.post('/fhir/Communication', letter), [200]);
        expect(resent.id).toBe(letterId);
      });

      it('arrives in the GP practice inbox and the district nursing team inbox, the document intact', async () => {
        const gpInbox = await ok(await as.gpDoctor.get('/correspondence/inbox?status=open'));
        const gpItem = gpInbox.items.find((item: Json) => item.letterId === letterId);
        expect(gpItem).toMatchObject({ kind: 'discharge-summary', copy: { status: 'delivered' } });
        const teamInbox = await ok(await as.districtNurse.get('/correspondence/inbox?team=district-nursing'));
        expect(teamInbox.items.map((item: Json) => item.letterId)).toContain(letterId);
        const content = await as.gpDoctor.get(`/fhir/Binary/${letterId}`);
        expect(content.status).toBe(200);
        expect(content.headers.get('content-type')).toContain('application/pdf');
        expect(Buffer.from(await content.arrayBuffer()).equals(document)).toBe(true);
      });

      it('reminds the GP practice when it is not acknowledged in time, and warns the hospital', async () => {
        const gpCopy = await waitFor(
          async () => {
            const letter = await ok(await as.hospitalDoctor.get(`/correspondence/letters/${letterId}`));
            return letter.copies.find(
              (copy: Json) => copy.recipient.organisation === ORGANISATIONS.gp && copy.reminders.length > 0,
            );
          },
          { timeoutMs: 30_000, description: "a reminder on the GP practice's copy" },
        );
        expect(gpCopy.reminders[0].number).toBe(1);
        const overdue = await ok(await as.gpDoctor.get('/correspondence/inbox?overdue=true'));
        expect(overdue.items.map((item: Json) => item.letterId)).toContain(letterId);
      });

      it('is read and acknowledged by both, and the hospital sees every copy acknowledged', async () => {
        const letter = await ok(await as.hospitalDoctor.get(`/correspondence/letters/${letterId}`));
        const copyFor = (organisation: string) =>
          letter.copies.find((copy: Json) => copy.recipient.organisation === organisation).copyId;
        const act = (caller: GatewayCaller, organisation: string, action: string, body: Json = {}) =>
          caller.post(`/correspondence/letters/${letterId}/copies/${copyFor(organisation)}/${action}`, body);
        await ok(await act(as.gpDoctor, ORGANISATIONS.gp, 'read'));
        await ok(
          await act(as.gpDoctor, ORGANISATIONS.gp, 'acknowledge', { note: 'Medication changes actioned' }),
        );
        // Someone of another organisation cannot acknowledge the GP's copy.
        expect((await act(as.districtNurse, ORGANISATIONS.gp, 'acknowledge')).status).toBe(403);
        await ok(await act(as.districtNurse, ORGANISATIONS.community, 'acknowledge'));
        const seen = await ok(await as.hospitalDoctor.get(`/correspondence/letters/${letterId}`));
        expect(seen.copies.map((copy: Json) => [copy.recipient.organisation, copy.status]).sort()).toEqual([
          [ORGANISATIONS.community, 'acknowledged'],
          [ORGANISATIONS.gp, 'acknowledged'],
        ]);
        expect(
          seen.copies.find((copy: Json) => copy.recipient.organisation === ORGANISATIONS.gp),
        ).toMatchObject({
          readBy: { subject: `dr-patel-${run}` },
          acknowledgedBy: { subject: `dr-patel-${run}` },
        });
      });

      it('is forwarded by the district nurse to adult social care with a note, keeping the chain', async () => {
        // Not sent the letter and holding no record of her, adult social care cannot open hers yet.
        expect((await as.socialWorker.get(`/fhir/Patient/${personId}`)).status).toBe(403);
        const letter = await ok(await as.districtNurse.get(`/correspondence/letters/${letterId}`));
        const nursesCopy = letter.copies.find(
          (copy: Json) => copy.recipient.organisation === ORGANISATIONS.community,
        );
        const forwarded = await ok(
          await as.districtNurse.post(
            `/correspondence/letters/${letterId}/copies/${nursesCopy.copyId}/forward`,
            {
              to: { organisation: ORGANISATIONS.council, team: 'adult-social-care' },
              note: 'Care package review needed before the next visit',
            },
          ),
          [201],
        );
        expect(forwarded.forwardedFrom).toMatchObject({
          copyId: nursesCopy.copyId,
          by: { subject: `nurse-jones-${run}` },
        });
        const inbox = await ok(await as.socialWorker.get('/correspondence/inbox?team=adult-social-care'));
        const item = inbox.items.find((candidate: Json) => candidate.letterId === letterId);
        expect(item.copy.forwardedFrom.note).toBe('Care package review needed before the next visit');
        // The hospital sees where its letter went on from the nurses.
        const seen = await ok(await as.hospitalDoctor.get(`/correspondence/letters/${letterId}`));
        expect(seen.copies.map((copy: Json) => copy.recipient.organisation)).toContain(ORGANISATIONS.council);
      });

      it('gives adult social care a referral by the forward, so its social worker can open her record', async () => {
        await waitFor(async () => (await as.socialWorker.get(`/fhir/Patient/${personId}`)).status === 200, {
          timeoutMs: platformUnderTest.consumersJoinWithinMs,
          description: 'the referral of the organisation the letter was forwarded to',
        });
      });

      it('shows the social worker the letters between care settings about her client', async () => {
        const letters = await ok(await as.socialWorker.get(`/correspondence/persons/${personId}/letters`));
        expect(letters.letters.map((letter: Json) => letter.letterId)).toContain(letterId);
      });
    });

    describe('results that are never lost unacknowledged', () => {
      const gpRequester = {
        organisation: ORGANISATIONS.gp,
        practitioner: `dr-patel-${run}`,
        team: 'blue-team',
      };

      it('routes a result to the requester, and escalates a critical potassium until it is acknowledged', async () => {
        await ok(
          await as.gp.post(
            '/fhir/ServiceRequest',
            testRequest(
              `order-${run}`,
              `ORD-${run}`,
              identifierAt(ORGANISATIONS.gp),
              gpRequester,
              { code: '24323-8', display: 'U&E' },
              ORGANISATIONS.hospitalLab,
            ),
          ),
          [201],
        );
        const reportId = await sendReport(
          as.hospitalLab,
          labReport({
            id: `k-${run}`,
            patient: byNhsNumber,
            results: [potassium(6.8, 'HH')],
            effective: new Date().toISOString(),
            orderNumber: `ORD-${run}`,
          }),
        );
        const queued = (await queueOf(as.gpDoctor)).find((item) => item.reportId === reportId);
        expect(queued).toMatchObject({ flag: 'critical', reasons: expect.arrayContaining(['requester']) });

        const escalated = await waitFor(
          async () => {
            const report = await reportOf(as.gpDoctor, reportId);
            return report.escalations.length >= 1 ? report : undefined;
          },
          { timeoutMs: 30_000, intervalMs: 200, description: 'the first escalation' },
        );
        expect(escalated.escalations[0]).toMatchObject({
          level: 1,
          to: { organisation: ORGANISATIONS.gp, team: 'blue-team' },
        });
        expect((await queueOf(as.gpDoctor, '&team=blue-team')).map((item) => item.reportId)).toContain(
          reportId,
        );

        const acknowledged = await ok(
          await as.gpDoctor.post(`/diagnostics/reports/${reportId}/acknowledge`, {
            note: 'Patient called in',
          }),
        );
        expect(acknowledged.acknowledgementStatus).toBe('acknowledged');
        // Level 2 would have fallen due 6 s after level 1: an acknowledged result escalates no further.
        await new Promise((resolve) => setTimeout(resolve, 9_000));
        const after = await reportOf(as.gpDoctor, reportId);
        expect(after.escalations.map((escalation: Json) => escalation.level)).toEqual([1]);
        expect((await queueOf(as.gpDoctor)).map((item) => item.reportId)).not.toContain(reportId);
      });

      it("escalates an unacknowledged critical result to the team, then to the practice's duty clinician", async () => {
        await ok(
          await as.gp.post(
            '/fhir/ServiceRequest',
            testRequest(
              `order2-${run}`,
              `ORD2-${run}`,
              identifierAt(ORGANISATIONS.gp),
              gpRequester,
              { code: '24323-8', display: 'U&E' },
              ORGANISATIONS.hospitalLab,
            ),
          ),
          [201],
        );
        const reportId = await sendReport(
          as.hospitalLab,
          labReport({
            id: `k2-${run}`,
            patient: byNhsNumber,
            results: [potassium(2.4, 'LL')],
            effective: new Date().toISOString(),
            orderNumber: `ORD2-${run}`,
          }),
        );
        const trail = await waitFor(
          async () => {
            const report = await reportOf(as.gpDoctor, reportId);
            return report.escalations.length >= 2 ? report.escalations : undefined;
          },
          { timeoutMs: 45_000, intervalMs: 250, description: 'the second escalation' },
        );
        expect(trail.map((escalation: Json) => [escalation.level, escalation.to.team])).toEqual([
          [1, 'blue-team'],
          [2, 'duty-clinician'],
        ]);
        expect((await queueOf(as.gpDuty, '&team=duty-clinician')).map((item) => item.reportId)).toContain(
          reportId,
        );
        await ok(await as.gpDuty.post(`/diagnostics/reports/${reportId}/acknowledge`, {}));
      });

      it('shows her her results once released by the policy or by a clinician, and not before', async () => {
        const reportsOf = async (): Promise<string[]> =>
          (await ok(await as.grace.get(`/diagnostics/persons/${personId}/reports`))).reports.map(
            (report: Json) => report.reportId,
          );
        const old = await sendReport(
          as.hospitalLab,
          labReport({
            id: `old-na-${run}`,
            patient: byNhsNumber,
            results: [sodium(140)],
            effective: '2026-10-01T09:00:00Z',
          }),
        );
        const fresh = await sendReport(
          as.hospitalLab,
          labReport({
            id: `new-na-${run}`,
            patient: byNhsNumber,
            results: [sodium(141)],
            effective: new Date().toISOString(),
          }),
        );
        const before = await reportsOf();
        expect(before).toContain(old);
        expect(before).not.toContain(fresh);
        await ok(await as.gpDoctor.post(`/diagnostics/reports/${fresh}/release`, {}));
        expect(await reportsOf()).toContain(fresh);
      });

      it('re-opens acknowledgement when the lab amends a report', async () => {
        const first = labReport({
          id: `na-${run}`,
          patient: byNhsNumber,
          results: [sodium(139)],
          effective: '2026-11-21T08:00:00Z',
          orderNumber: `ORD-${run}`,
        });
        const reportId = await sendReport(as.hospitalLab, first);
        await ok(await as.gpDoctor.post(`/diagnostics/reports/${reportId}/acknowledge`, {}));
        expect((await reportOf(as.gpDoctor, reportId)).acknowledgementStatus).toBe('acknowledged');

        await sendReport(
          as.hospitalLab,
          {
            ...labReport({
              id: `na-${run}`,
              patient: byNhsNumber,
              results: [sodium(129)],
              effective: '2026-11-21T08:00:00Z',
              orderNumber: `ORD-${run}`,
              status: 'amended',
            }),
          },
          [200],
        );
        const amended = await reportOf(as.gpDoctor, reportId);
        expect(amended).toMatchObject({
          revision: 2,
          status: 'amended',
          acknowledgementStatus: 'awaiting',
          flag: 'abnormal',
        });
        expect(amended.history.map((entry: Json) => entry.revision)).toContain(1);
        expect((await queueOf(as.gpDoctor)).map((item) => item.reportId)).toContain(reportId);
        await ok(await as.gpDoctor.post(`/diagnostics/reports/${reportId}/acknowledge`, {}));
      });

      it('shows HbA1c from two labs, in two units, as one series in mmol/mol, and plots it', async () => {
        await sendReport(
          as.hospitalLab,
          labReport({
            id: `a1c-1-${run}`,
            patient: byNhsNumber,
            results: [hba1c(48, 'mmol/mol')],
            effective: '2025-03-01T09:00:00Z',
          }),
        );
        await sendReport(
          as.otherLab,
          labReport({
            id: `a1c-2-${run}`,
            patient: byNhsNumber,
            results: [hba1c(7.0, '%')],
            effective: '2025-09-01T09:00:00Z',
          }),
        );
        await sendReport(
          as.hospitalLab,
          labReport({
            id: `a1c-3-${run}`,
            patient: byNhsNumber,
            results: [hba1c(58, 'mmol/mol')],
            effective: '2026-03-01T09:00:00Z',
          }),
        );
        const series = await ok(
          await as.gpDoctor.get(`/diagnostics/persons/${personId}/cumulative?analyte=hba1c`),
        );
        expect(series.analyte).toMatchObject({ id: 'hba1c', unit: 'mmol/mol' });
        expect(
          series.points.map((point: Json) => [point.organisation, Math.round(point.normalised)]),
        ).toEqual([
          [ORGANISATIONS.hospitalLab, 48],
          [ORGANISATIONS.otherLab, 53],
          [ORGANISATIONS.hospitalLab, 58],
        ]);
        const svg = await as.gpDoctor.get(`/diagnostics/persons/${personId}/cumulative.svg?analyte=hba1c`);
        expect(svg.status).toBe(200);
        expect(svg.headers.get('content-type')).toContain('image/svg+xml');
        expect(await svg.text()).toMatch(/^(<\?xml[^>]*>\s*)?<svg[\s\S]*<\/svg>\s*$/);
      });
    });

    // Last: after the merge is undone two persons hold her NHS number, so a lab naming her by it
    // is asked to name her by its own identifier instead (422), as it should be.
    describe('when identity changes', () => {
      it('keeps a letter and a result with the record they name: into hers on a merge, back out when it is undone', async () => {
        const lettersOf = async (caller: GatewayCaller, id: string): Promise<string[]> =>
          (await ok(await caller.get(`/correspondence/persons/${id}/letters`))).letters.map(
            (letter: Json) => letter.letterId,
          );
        // The mental health trust has her mother's birth date: conflicting evidence, so a review.
        const duplicate = await ok(
          await as.mentalHealth.post(
            '/fhir/Patient',
            partnerPatient(identifierAt(ORGANISATIONS.mentalHealth), nhsNumber, {
              ...demographics,
              birthDate: '1925-01-30',
            }),
          ),
          [201],
        );
        expect(duplicate.id).not.toBe(personId);
        const outcome = linkOutcomeOf(duplicate);
        expect(outcome).toMatchObject({ outcome: 'pending-review' });
        const sent = await ok(
          await as.mentalHealth.post(
            '/fhir/Communication',
            dischargeLetter(
              `mh-${run}`,
              identifierAt(ORGANISATIONS.mentalHealth),
              [{ organisation: ORGANISATIONS.gp }],
              pdfBytes(`mental health ${run}`),
            ),
          ),
          [201],
        );
        expect(await lettersOf(as.socialWorker, personId)).not.toContain(sent.id);
        const reportsOf = async (caller: GatewayCaller, id: string): Promise<string[]> =>
          (await ok(await caller.get(`/diagnostics/persons/${id}/reports`))).reports.map(
            (report: Json) => report.reportId,
          );
        // The trust's own laboratory reports a sodium about its record of her.
        const result = await sendReport(
          as.mentalHealth,
          labReport({
            id: `mh-na-${run}`,
            patient: identifierAt(ORGANISATIONS.mentalHealth),
            results: [sodium(138)],
            effective: '2026-11-20T09:00:00Z',
          }),
        );
        expect(await reportsOf(as.socialWorker, personId)).not.toContain(result);

        const resolved = await as.ig.post(`/identity/match-reviews/${String(outcome.reviewId)}/$resolve`, {
          decision: 'same-person',
          personId,
          reason: 'Same woman: the trust keyed her mother’s birth date',
        });
        expect(resolved.status).toBe(200);
        await waitFor(async () => (await lettersOf(as.socialWorker, personId)).includes(sent.id), {
          timeoutMs: platformUnderTest.consumersJoinWithinMs,
          description: "the trust's letter among hers after the merge",
        });
        expect(await reportsOf(as.socialWorker, personId)).toContain(result);

        const undone = await as.ig.post(
          `/identity/persons/${personId}/merges/${encodeURIComponent(`review-${String(outcome.reviewId)}`)}/$undo`,
          { reason: 'Merged in error' },
        );
        expect(undone.status).toBe(200);
        await waitFor(async () => !(await lettersOf(as.socialWorker, personId)).includes(sent.id), {
          timeoutMs: platformUnderTest.consumersJoinWithinMs,
          description: "the trust's letter gone from hers after the undo",
        });
        expect(await lettersOf(as.mentalHealthDoctor, duplicate.id)).toContain(sent.id);
        expect(await reportsOf(as.socialWorker, personId)).not.toContain(result);
        expect(await reportsOf(as.mentalHealthDoctor, duplicate.id)).toContain(result);
      });
    });
  });
}
