import { jsonOf, waitFor } from '@ilinks/shared/testing';
import { randomInt, randomUUID } from 'node:crypto';
import { GatewayCaller, type Json, linkOutcomeOf } from './gateway-client';
import type { PlatformProcess } from './platform-process';
import { type PlatformUnderTest, startPlatformFor } from './platform-under-test';
import {
  allergy,
  appointment,
  carePackage,
  encounter,
  heartRate,
  itemsOf,
  medication,
  nhsNumberFrom,
  type PartnerIdentifier,
  partnerPatient,
  problem,
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

    const everythingOf = async (caller: GatewayCaller, id: string): Promise<Json> => {
      const response = await caller.get(`/fhir/Patient/${id}/$everything?_count=1000`);
      if (response.status !== 200) throw new Error(`$everything answered ${response.status}`);
      return jsonOf(response);
    };
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
}
