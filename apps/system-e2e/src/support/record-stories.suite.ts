import { jsonOf, waitFor } from '@ilinks/shared/testing';
import { randomInt, randomUUID } from 'node:crypto';
import { GatewayCaller, type Json, linkOutcomeOf } from './gateway-client';
import type { PlatformProcess } from './platform-process';
import { type PlatformUnderTest, startPlatformFor } from './platform-under-test';
import {
  allergy,
  appointment,
  carePackage,
  childProtectionFlag,
  encounter,
  heartRate,
  itemsOf,
  medication,
  nhsNumberFrom,
  type PartnerIdentifier,
  partnerPatient,
  problem,
  type SyntheticDemographics,
} from './record-fixtures';

// "I finally have a complete picture of my patients' medical and social care records across the
// patch in one place": a GP practice, a hospital and the council's social care each register one
// woman under their own identifiers and record what they know; a community trust's item arrives
// before its registration; a mental health trust's record of her is a duplicate until information
// governance merges it, and the merge is undone. Every organisation's identifiers are this run's
// own, so runs on a shared broker never see each other's people.

const ORGANISATIONS = {
  gp: 'Y12345',
  hospital: 'RBS',
  council: 'LA001',
  community: 'RY1',
  mentalHealth: 'RW4',
};
const margaret = {
  family: 'Okafor',
  given: 'Margaret',
  birthDate: '1946-07-02',
  gender: 'female',
  postalCode: 'L19 3QN',
};

async function everythingOf(caller: GatewayCaller, id: string): Promise<Json> {
  const response = await caller.get(`/fhir/Patient/${id}/$everything?_count=1000`);
  if (response.status !== 200) throw new Error(`$everything answered ${response.status}`);
  return jsonOf(response);
}

/** The shared-record stories on the platform under test (run by its e2e-spec and int-spec). */
export function recordStoriesSuite(platformUnderTest: PlatformUnderTest): void {
  describe(`the shared record: GP, hospital and social care record; one record with sources; held items; merge and unmerge; on ${platformUnderTest.on}`, () => {
    let platform: PlatformProcess;
    const as: Record<string, GatewayCaller> = {};
    const run = randomUUID().slice(0, 8);
    const nhsNumber = nhsNumberFrom(randomInt(100_000_000, 999_999_999));
    const identifierAt = (organisation: string): PartnerIdentifier => ({
      system: `https://fhir.${organisation.toLowerCase()}.example/Id/patient`,
      value: `${organisation}-${run}`,
    });
    const ours: Record<string, string> = {};
    let personId: string;
    let heldItemId: string;

    const idsOf = (bundle: Json): string[] =>
      itemsOf(bundle)
        .map((item) => item.id)
        .sort();
    /** Records one item as `organisation` and keeps our id of it under `name`. */
    const recordAs = async (caller: GatewayCaller, name: string, resource: Json): Promise<void> => {
      const response = await caller.post(`/fhir/${resource.resourceType}`, resource);
      if (response.status !== 201)
        throw new Error(`${name} answered ${response.status}: ${await response.text()}`);
      ours[name] = (await jsonOf(response)).id;
    };
    const register = async (caller: GatewayCaller, organisation: string, birthDate = margaret.birthDate) => {
      const response = await caller.post(
        '/fhir/Patient',
        partnerPatient(identifierAt(organisation), nhsNumber, { ...margaret, birthDate }),
      );
      expect([200, 201]).toContain(response.status);
      return jsonOf(response);
    };

    beforeAll(async () => {
      platform = await startPlatformFor(platformUnderTest);
      const system = (organisation: string) =>
        GatewayCaller.as(
          platform.gatewayUrl,
          `${organisation.toLowerCase()}-system-${run}`,
          organisation,
          'system',
        );
      for (const [name, organisation] of Object.entries(ORGANISATIONS)) as[name] = await system(organisation);
      as.clinician = await GatewayCaller.as(platform.gatewayUrl, `dr-shah-${run}`, 'RBS', 'practitioner');
      as.ig = await GatewayCaller.as(platform.gatewayUrl, `ig-officer-${run}`, 'RBS', 'ig-officer');
    }, 240_000);

    afterAll(async () => {
      await platform?.dispose();
    });

    it('registers her at the GP practice, the hospital and the council: one person', async () => {
      const atGp = await register(as.gp, ORGANISATIONS.gp);
      personId = atGp.id;
      for (const name of ['hospital', 'council'] as const) {
        const patient = await register(as[name], ORGANISATIONS[name]);
        expect(patient.id).toBe(personId);
        expect(linkOutcomeOf(patient)).toMatchObject({ outcome: 'linked' });
      }
    });

    it('takes what each organisation knows, keyed by its own identifier of her', async () => {
      const gp = identifierAt(ORGANISATIONS.gp);
      const hospital = identifierAt(ORGANISATIONS.hospital);
      const council = identifierAt(ORGANISATIONS.council);
      await recordAs(as.gp, 'gpAllergy', allergy(`allergy-${run}`, gp));
      await recordAs(as.gp, 'gpMedication', medication(`med-${run}`, gp));
      await recordAs(as.gp, 'gpProblem', problem(`problem-${run}`, gp));
      await recordAs(
        as.hospital,
        'admission',
        encounter(`adm-${run}`, hospital, 'IMP', '2026-03-02T14:00:00Z'),
      );
      await recordAs(as.hospital, 'heartRate', heartRate(`hr-${run}`, hospital, '2026-03-02T15:00:00Z'));
      await recordAs(
        as.council,
        'homeVisit',
        encounter(`visit-${run}`, council, 'HH', '2026-03-10T10:00:00Z'),
      );
      await recordAs(as.council, 'carePackage', carePackage(`package-${run}`, council));

      const resend = await as.gp.post('/fhir/AllergyIntolerance', allergy(`allergy-${run}`, gp));
      expect(resend.status).toBe(200);
      expect((await jsonOf(resend)).id).toBe(ours.gpAllergy);
    });

    it('shows the hospital clinician one record with the source of every item', async () => {
      const expected = Object.values(ours).sort();
      const bundle = await waitFor(
        async () => {
          const found = await everythingOf(as.clinician, personId);
          return idsOf(found).length === expected.length ? found : undefined;
        },
        { timeoutMs: platformUnderTest.consumersJoinWithinMs, description: 'every item in her record' },
      );
      expect(idsOf(bundle)).toEqual(expected);
      const sourceOf = new Map(itemsOf(bundle).map((item) => [item.id, item.source]));
      expect(sourceOf.get(ours.gpMedication)).toMatch(/#Y12345$/);
      expect(sourceOf.get(ours.admission)).toMatch(/#RBS$/);
      expect(sourceOf.get(ours.carePackage)).toMatch(/#LA001$/);
      expect(bundle.entry[0].resource).toMatchObject({ resourceType: 'Patient', id: personId });
      for (const entry of bundle.entry.slice(1))
        expect(entry.resource.subject?.reference ?? entry.resource.patient?.reference).toBe(
          `Patient/${personId}`,
        );
    });

    it('finds her items by type with the usual FHIR search parameters', async () => {
      const medications = await jsonOf(
        await as.clinician.get(`/fhir/MedicationStatement?patient=${personId}&status=active`),
      );
      expect(medications.total).toBe(1);
      expect(medications.entry[0].resource.id).toBe(ours.gpMedication);
      const encounters = await jsonOf(
        await as.clinician.get(`/fhir/Encounter?patient=${personId}&date=ge2026-03-05&_sort=-date`),
      );
      expect(encounters.entry.map((entry: Json) => entry.resource.id)).toEqual([ours.homeVisit]);
    });

    it('holds an item sent before its patient is registered and attaches it when she is', async () => {
      const community = identifierAt(ORGANISATIONS.community);
      const response = await as.community.post(
        '/fhir/Appointment',
        appointment(`appt-${run}`, community, '2027-01-12T09:30:00Z'),
      );
      expect(response.status).toBe(201);
      heldItemId = (await jsonOf(response)).id;
      expect(idsOf(await everythingOf(as.clinician, personId))).not.toContain(heldItemId);

      const registered = await register(as.community, ORGANISATIONS.community);
      expect(registered.id).toBe(personId);
      await waitFor(async () => idsOf(await everythingOf(as.clinician, personId)).includes(heldItemId), {
        timeoutMs: platformUnderTest.consumersJoinWithinMs,
        description: 'the held appointment attached to her record',
      });
    });

    it('shows the clinician her summary with the source of every item, her care team and her diary', async () => {
      const summary = await jsonOf(await as.clinician.get(`/record/persons/${personId}/summary`));
      expect(summary.demographics).toMatchObject({ resourceType: 'Patient', id: personId });
      expect(summary.allergies.map((item: Json) => [item.reference, item.source.organisation])).toEqual([
        [`AllergyIntolerance/${ours.gpAllergy}`, ORGANISATIONS.gp],
      ]);
      expect(summary.medications.map((item: Json) => item.source.organisation)).toEqual([ORGANISATIONS.gp]);
      expect(summary.problems.map((item: Json) => item.reference)).toEqual([`Condition/${ours.gpProblem}`]);

      const diary = await jsonOf(await as.clinician.get(`/record/persons/${personId}/diary`));
      expect(diary.appointments.map((item: Json) => [item.reference, item.source.organisation])).toEqual([
        [`Appointment/${heldItemId}`, ORGANISATIONS.community],
      ]);
      const careTeam = await jsonOf(await as.clinician.get(`/record/persons/${personId}/care-team`));
      expect(careTeam.members.map((member: Json) => member.name)).toContain('District Nurse Team North');
      const plans = await jsonOf(await as.clinician.get(`/record/persons/${personId}/care-plans`));
      expect(plans.carePlans.map((plan: Json) => [plan.reference, plan.source.organisation])).toEqual([
        [`CarePlan/${ours.carePackage}`, ORGANISATIONS.council],
      ]);
      const timeline = await jsonOf(
        await as.clinician.get(`/record/persons/${personId}/timeline?organisation=${ORGANISATIONS.council}`),
      );
      expect(timeline.items.map((item: Json) => item.reference).sort()).toEqual(
        [`Encounter/${ours.homeVisit}`, `CarePlan/${ours.carePackage}`].sort(),
      );
    });

    it('lets her add how she is, marked as hers for her and for the clinician', async () => {
      const margaretHerself = await GatewayCaller.withClaims(platform.gatewayUrl, {
        sub: `margaret-${run}`,
        org: 'ILINKSAPP',
        role: 'individual',
        patient: personId,
      });
      const reading = {
        resourceType: 'Observation',
        id: `home-hr-${run}`,
        status: 'final',
        code: { coding: [{ system: 'http://loinc.org', code: '8867-4', display: 'Heart rate' }] },
        effectiveDateTime: new Date(Date.now() - 3_600_000).toISOString(),
        valueQuantity: { value: 64, unit: 'beats/minute', system: 'http://unitsofmeasure.org', code: '/min' },
        note: [{ text: 'Feeling much better since the new inhaler' }],
      };
      const created = await margaretHerself.post('/fhir/Observation', reading);
      expect(created.status).toBe(201);
      const contributionId = (await jsonOf(created)).id;
      const isMarkedAsHers = (resource: Json) =>
        (resource.meta.tag ?? []).some((tag: Json) => tag.code === 'patient-contributed') &&
        resource.performer?.[0]?.reference === `Patient/${personId}`;

      const own = await waitFor(
        async () =>
          ((await everythingOf(margaretHerself, personId)).entry ?? []).find(
            (entry: Json) => entry.resource.id === contributionId,
          )?.resource,
        { timeoutMs: platformUnderTest.consumersJoinWithinMs, description: 'her contribution in her record' },
      );
      expect(isMarkedAsHers(own)).toBe(true);
      const byId = await margaretHerself.get(`/fhir/Observation/${contributionId}`);
      expect(byId.status).toBe(200);
      expect(isMarkedAsHers(await jsonOf(byId))).toBe(true);
      const seenByClinician = (await everythingOf(as.clinician, personId)).entry.find(
        (entry: Json) => entry.resource.id === contributionId,
      )?.resource;
      expect(isMarkedAsHers(seenByClinician)).toBe(true);
      const timeline = await jsonOf(
        await as.clinician.get(`/record/persons/${personId}/timeline?type=Observation`),
      );
      const item = timeline.items.find((entry: Json) => entry.reference === `Observation/${contributionId}`);
      expect(item.source.patientContributed).toBe(true);
      const clinical = timeline.items.find(
        (entry: Json) => entry.reference === `Observation/${ours.heartRate}`,
      );
      expect(clinical.source.patientContributed).toBe(false);

      const herDefault = await jsonOf(await margaretHerself.get(`/record/persons/${personId}`));
      expect(herDefault.role).toBe('individual');
      expect(Object.keys(herDefault.views)).toEqual(
        expect.arrayContaining(['diary', 'carePlans', 'careTeam', 'timeline']),
      );
      const clinicianDefault = await jsonOf(await as.clinician.get(`/record/persons/${personId}`));
      expect(Object.keys(clinicianDefault.views)).toEqual(expect.arrayContaining(['summary', 'diary']));
    });

    it('lets the hospital clinician annotate items and send them with a note to adult social care', async () => {
      const annotated = await as.clinician.post(
        `/record/persons/${personId}/entries/${ours.gpMedication}/annotations`,
        { text: 'Metformin held during admission; restart when eating normally' },
      );
      expect(annotated.status).toBe(201);
      const shared = await as.clinician.post(`/record/persons/${personId}/shares`, {
        recipient: { organisation: ORGANISATIONS.council, team: 'adult-social-care' },
        note: 'For the care package review: medication changes on discharge',
        entryIds: [ours.gpMedication, ours.admission],
        includeAnnotations: true,
      });
      expect(shared.status).toBe(201);
      const share = await jsonOf(shared);

      const socialWorker = await GatewayCaller.as(
        platform.gatewayUrl,
        `sw-${run}`,
        ORGANISATIONS.council,
        'practitioner',
      );
      const inbox = await waitFor(
        async () => {
          const page = await jsonOf(
            await socialWorker.get(`/record/inbox?team=adult-social-care&personId=${personId}`),
          );
          return page.shares?.length > 0 ? page : undefined;
        },
        { timeoutMs: platformUnderTest.consumersJoinWithinMs, description: 'the share in the team inbox' },
      );
      expect(inbox.shares.map((item: Json) => item.shareId)).toEqual([share.shareId]);
      const opened = await jsonOf(await socialWorker.get(`/record/inbox/${share.shareId}`));
      expect(opened.note).toBe('For the care package review: medication changes on discharge');
      expect(opened.items.map((item: Json) => item.entryId).sort()).toEqual(
        [ours.gpMedication, ours.admission].sort(),
      );
      const medication = opened.items.find((item: Json) => item.entryId === ours.gpMedication);
      expect(medication.annotations.map((note: Json) => note.text)).toEqual([
        'Metformin held during admission; restart when eating normally',
      ]);
      expect((await socialWorker.post(`/record/inbox/${share.shareId}/read`, {})).status).toBe(200);
      const elsewhere = await GatewayCaller.as(platform.gatewayUrl, `dr-rx9-${run}`, 'RX9', 'practitioner');
      expect((await elsewhere.get(`/record/inbox/${share.shareId}`)).status).toBe(404);
    });

    it('keeps her record right when a duplicate is merged into her, and when the merge is undone', async () => {
      // The mental health trust has her mother's birth date: conflicting evidence, so a review.
      const duplicate = await register(as.mentalHealth, ORGANISATIONS.mentalHealth, '1921-12-24');
      expect(duplicate.id).not.toBe(personId);
      const outcome = linkOutcomeOf(duplicate);
      expect(outcome).toMatchObject({ outcome: 'pending-review' });
      await recordAs(
        as.mentalHealth,
        'mentalHealthProblem',
        problem(`mh-problem-${run}`, identifierAt(ORGANISATIONS.mentalHealth)),
      );
      const mentalHealthItem = ours.mentalHealthProblem;
      const before = idsOf(await everythingOf(as.clinician, personId));
      expect(before).not.toContain(mentalHealthItem);

      const resolved = await as.ig.post(`/identity/match-reviews/${String(outcome.reviewId)}/$resolve`, {
        decision: 'same-person',
        personId,
        reason: 'Same woman: the trust keyed her mother’s birth date',
      });
      expect(resolved.status).toBe(200);
      await waitFor(
        async () => idsOf(await everythingOf(as.clinician, personId)).includes(mentalHealthItem),
        {
          timeoutMs: platformUnderTest.consumersJoinWithinMs,
          description: "the trust's item in her record after the merge",
        },
      );

      const undone = await as.ig.post(
        `/identity/persons/${personId}/merges/${encodeURIComponent(`review-${String(outcome.reviewId)}`)}/$undo`,
        { reason: 'Merged in error' },
      );
      expect(undone.status).toBe(200);
      await waitFor(
        async () => !idsOf(await everythingOf(as.clinician, personId)).includes(mentalHealthItem),
        {
          timeoutMs: platformUnderTest.consumersJoinWithinMs,
          description: "the trust's item gone from her record after the undo",
        },
      );
      expect(idsOf(await everythingOf(as.clinician, personId))).toEqual(before);
      await waitFor(
        async () => idsOf(await everythingOf(as.mentalHealth, duplicate.id)).includes(mentalHealthItem),
        {
          timeoutMs: platformUnderTest.consumersJoinWithinMs,
          description: "the trust's item back with its own person",
        },
      );
    });
  });

  describe(`child protection early warning: a flagged child in the emergency department, and a pattern of attendances, on ${platformUnderTest.on}`, () => {
    let platform: PlatformProcess;
    const run = randomUUID().slice(0, 8);
    const as: Record<string, GatewayCaller> = {};
    const identifierAt = (organisation: string, child: string): PartnerIdentifier => ({
      system: `https://fhir.${organisation.toLowerCase()}.example/Id/patient`,
      value: `${organisation}-${child}-${run}`,
    });
    const anHourAgo = () => new Date(Date.now() - 3_600_000).toISOString();
    const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
    let leo: string;
    let mia: string;
    let flagId: string;

    const registerChild = async (
      organisation: string,
      child: string,
      demographics: SyntheticDemographics,
      nhsNumber: string,
    ) => {
      const response = await as[organisation].post(
        '/fhir/Patient',
        partnerPatient(identifierAt(organisation, child), nhsNumber, demographics),
      );
      expect([200, 201]).toContain(response.status);
      return (await jsonOf(response)).id as string;
    };
    const post = async (organisation: string, resource: Json): Promise<string> => {
      const response = await as[organisation].post(`/fhir/${resource.resourceType}`, resource);
      if (response.status !== 201) throw new Error(`${resource.resourceType} answered ${response.status}`);
      return (await jsonOf(response)).id;
    };
    const alertsFor = async (caller: GatewayCaller, personId: string): Promise<Json[]> =>
      (await jsonOf(await caller.get(`/record/safeguarding-alerts?personId=${personId}`))).alerts;

    beforeAll(async () => {
      platform = await startPlatformFor(platformUnderTest);
      for (const organisation of ['LA001', 'RBS', 'RX7', 'Y12345'])
        as[organisation] = await GatewayCaller.as(
          platform.gatewayUrl,
          `${organisation.toLowerCase()}-sys-${run}`,
          organisation,
          'system',
        );
      for (const [name, organisation] of [
        ['edDoctor', 'RBS'],
        ['socialWorker', 'LA001'],
        ['hubWorker', 'SGHUB'],
      ] as const)
        as[name] = await GatewayCaller.as(
          platform.gatewayUrl,
          `${name}-${run}`,
          organisation,
          'practitioner',
        );
      const leoDemographics = {
        family: 'Whitfield',
        given: 'Leo',
        birthDate: '2017-04-09',
        gender: 'male',
        postalCode: 'L4 0TH',
      };
      const leoNhs = nhsNumberFrom(randomInt(100_000_000, 999_999_999));
      leo = await registerChild('LA001', 'leo', leoDemographics, leoNhs);
      expect(await registerChild('RBS', 'leo', leoDemographics, leoNhs)).toBe(leo);
      const miaDemographics = {
        family: 'Kowalska',
        given: 'Mia',
        birthDate: '2019-10-21',
        gender: 'female',
        postalCode: 'L6 1AB',
      };
      const miaNhs = nhsNumberFrom(randomInt(100_000_000, 999_999_999));
      mia = await registerChild('RBS', 'mia', miaDemographics, miaNhs);
      expect(await registerChild('RX7', 'mia', miaDemographics, miaNhs)).toBe(mia);
    }, 240_000);

    afterAll(async () => {
      await platform?.dispose();
    });

    it("shows the emergency department the child's protection plan and tells his social worker he attended", async () => {
      flagId = await post('LA001', childProtectionFlag(`cpp-${run}`, identifierAt('LA001', 'leo')));
      // Let the flag reach his record before he attends.
      await waitFor(
        async () =>
          ((await everythingOf(as.socialWorker, leo)).entry ?? []).some(
            (e: Json) => e.resource.id === flagId,
          ),
        { timeoutMs: platformUnderTest.consumersJoinWithinMs, description: 'the flag in his record' },
      );
      const attendance = await post(
        'RBS',
        encounter(`ed-${run}`, identifierAt('RBS', 'leo'), 'EMER', anHourAgo()),
      );

      const [toEd] = await waitFor(
        async () => {
          const alerts = await alertsFor(as.edDoctor, leo);
          return alerts.length > 0 ? alerts : undefined;
        },
        {
          timeoutMs: platformUnderTest.consumersJoinWithinMs,
          description: 'the alert to the emergency department',
        },
      );
      expect(toEd).toMatchObject({
        kind: 'child-protection-flag',
        audience: 'attending-service',
        organisation: 'RBS',
        personId: leo,
        trigger: { entryId: attendance, organisation: 'RBS', setting: 'emergency-department' },
        flags: [{ entryId: flagId, kind: 'child-protection-plan', organisation: 'LA001' }],
        status: 'open',
      });
      const [toSocialCare] = await waitFor(
        async () => {
          const alerts = await alertsFor(as.socialWorker, leo);
          return alerts.length > 0 ? alerts : undefined;
        },
        { timeoutMs: platformUnderTest.consumersJoinWithinMs, description: 'the alert to his social worker' },
      );
      expect(toSocialCare).toMatchObject({
        kind: 'child-protection-flag',
        audience: 'social-care',
        organisation: 'LA001',
      });

      // The flag itself stays sealed to the hospital's ordinary record view; the alert is the disclosure.
      expect(
        ((await everythingOf(as.edDoctor, leo)).entry ?? []).map((e: Json) => e.resource.id),
      ).not.toContain(flagId);

      expect(
        (await as.edDoctor.post(`/record/safeguarding-alerts/${toSocialCare.alertId}/acknowledge`, {}))
          .status,
      ).toBe(403);
      const acknowledged = await as.socialWorker.post(
        `/record/safeguarding-alerts/${toSocialCare.alertId}/acknowledge`,
        {},
      );
      expect(acknowledged.status).toBe(200);
      expect(await jsonOf(acknowledged)).toMatchObject({ status: 'acknowledged' });
    });

    it('raises a safeguarding review for three unscheduled attendances at two organisations in 30 days, without a flag', async () => {
      await post('RBS', encounter(`mia-ed-1-${run}`, identifierAt('RBS', 'mia'), 'EMER', daysAgo(20)));
      await post('RX7', encounter(`mia-amb-${run}`, identifierAt('RX7', 'mia'), 'EMER', daysAgo(9)));
      expect(await alertsFor(as.hubWorker, mia)).toEqual([]);
      const third = await post(
        'RBS',
        encounter(`mia-ed-2-${run}`, identifierAt('RBS', 'mia'), 'EMER', anHourAgo()),
      );

      const [review] = await waitFor(
        async () => {
          const alerts = await alertsFor(as.hubWorker, mia);
          return alerts.length > 0 ? alerts : undefined;
        },
        { timeoutMs: platformUnderTest.consumersJoinWithinMs, description: 'the pattern alert at the hub' },
      );
      expect(review).toMatchObject({
        kind: 'unscheduled-care-pattern',
        audience: 'safeguarding-hub',
        organisation: 'SGHUB',
        trigger: { entryId: third },
        flags: [],
      });
      expect(review.attendances.map((attendance: Json) => attendance.organisation)).toEqual([
        'RBS',
        'RX7',
        'RBS',
      ]);
      expect(await alertsFor(as.edDoctor, mia)).toEqual([]);
    });
  });
}
