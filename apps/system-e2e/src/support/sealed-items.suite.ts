import { jsonOf, waitFor } from '@ilinks/shared/testing';
import { randomInt, randomUUID } from 'node:crypto';
import { delegationConsent } from './fhir-consents';
import { GatewayCaller, type Json } from './gateway-client';
import type { PlatformProcess } from './platform-process';
import { createdOnceKnown, type PlatformUnderTest, startPlatformFor } from './platform-under-test';
import { nhsNumberFrom, partnerPatient, type PartnerIdentifier, problem } from './record-fixtures';

// Sealed categories and "not for patient view" end to end, the rows issue 4's matrix could not
// have before clinical items could be written. One person known to a GP practice (which records an
// HIV diagnosis and a note marked not for the patient's view), the hospital RBS, and the council
// LA001 (which records a safeguarding concern). Each caller sees exactly its row's items, in
// `$everything` and in the Condition search total alike; the person then agrees to share the HIV
// category and the hospital sees it.

type Item = 'ordinary' | 'hiv' | 'notForPatient' | 'safeguarding';

interface SealedRow {
  readonly caller: string;
  readonly claims: (run: string, personId: string) => Json;
  readonly breakGlass?: boolean;
  readonly sees: readonly Item[];
}

const BREAK_GLASS_REASON = 'Unconscious in the emergency department, no history available';

// prettier-ignore
const ROWS: readonly SealedRow[] = [
  { caller: 'practitioner at Y12345 (recorded the HIV diagnosis)', claims: (run) => ({ sub: `dr-gp-${run}`, org: 'Y12345', role: 'practitioner' }), sees: ['ordinary', 'hiv', 'notForPatient'] },
  { caller: 'practitioner at RBS (holds a record)', claims: (run) => ({ sub: `dr-rbs-${run}`, org: 'RBS', role: 'practitioner' }), sees: ['ordinary', 'notForPatient'] },
  { caller: 'practitioner at LA001 (recorded the safeguarding concern)', claims: (run) => ({ sub: `sw-la-${run}`, org: 'LA001', role: 'practitioner' }), sees: ['ordinary', 'notForPatient', 'safeguarding'] },
  { caller: 'practitioner at RX8 breaking the glass (never unseals)', claims: (run) => ({ sub: `paramedic-${run}`, org: 'RX8', role: 'practitioner' }), breakGlass: true, sees: ['ordinary', 'notForPatient'] },
  { caller: 'system at RBS', claims: (run) => ({ sub: `pas-${run}`, org: 'RBS', role: 'system' }), sees: ['ordinary', 'notForPatient'] },
  { caller: 'individual, own record', claims: (run, personId) => ({ sub: `person-${run}`, org: 'RBS', role: 'individual', patient: personId }), sees: ['ordinary', 'hiv', 'safeguarding'] },
  { caller: 'carer with a delegation of demographics, problems and alerts', claims: (run) => ({ sub: `carer-${run}`, org: 'RBS', role: 'carer' }), sees: ['ordinary'] },
];

const sct = (code: string, display: string): Json => ({ system: 'http://snomed.info/sct', code, display });

/** Sealed categories and not-for-patient-view items on the platform under test. */
export function sealedItemsSuite(platformUnderTest: PlatformUnderTest): void {
  describe(`sealed categories and not-for-patient-view items, caller by caller, on ${platformUnderTest.on}`, () => {
    let platform: PlatformProcess;
    const run = randomUUID().slice(0, 8);
    const nhsNumber = nhsNumberFrom(randomInt(100_000_000, 999_999_999));
    const identifierAt = (organisation: string): PartnerIdentifier => ({
      system: `https://fhir.${organisation.toLowerCase()}.example/Id/patient`,
      value: `${organisation}-${run}`,
    });
    const systems: Record<string, GatewayCaller> = {};
    const itemIds = {} as Record<Item, string>;
    let personId: string;

    const post = async (caller: GatewayCaller, resource: Json, status = 201): Promise<Json> => {
      const response = await caller.post(`/fhir/${resource.resourceType}`, resource);
      if (response.status !== status)
        throw new Error(`${resource.resourceType} answered ${response.status}: ${await response.text()}`);
      return jsonOf(response);
    };
    const visibleItems = async (caller: GatewayCaller, breakGlass: boolean): Promise<Item[]> => {
      const headers: Record<string, string> = breakGlass
        ? { 'x-break-glass-reason': BREAK_GLASS_REASON }
        : {};
      const response = await caller.get(`/fhir/Patient/${personId}/$everything?_count=1000`, headers);
      expect(response.status).toBe(200);
      const ids = new Set(((await jsonOf(response)).entry ?? []).map((entry: Json) => entry.resource.id));
      return (Object.keys(itemIds) as Item[]).filter((item) => ids.has(itemIds[item])).sort();
    };
    const conditionTotal = async (caller: GatewayCaller, breakGlass: boolean): Promise<number> => {
      const headers: Record<string, string> = breakGlass
        ? { 'x-break-glass-reason': BREAK_GLASS_REASON }
        : {};
      const response = await caller.get(`/fhir/Condition?patient=${personId}`, headers);
      expect(response.status).toBe(200);
      return (await jsonOf(response)).total;
    };

    beforeAll(async () => {
      platform = await startPlatformFor(platformUnderTest);
      for (const organisation of ['Y12345', 'RBS', 'LA001'])
        systems[organisation] = await GatewayCaller.as(
          platform.gatewayUrl,
          `sys-${organisation}-${run}`,
          organisation,
          'system',
        );
      const demographics = {
        family: 'Adeyemi',
        given: 'Tunde',
        birthDate: '1979-09-17',
        gender: 'male',
        postalCode: 'L8 7NP',
      };
      for (const organisation of ['Y12345', 'RBS', 'LA001']) {
        const patient = await post(
          systems[organisation],
          partnerPatient(identifierAt(organisation), nhsNumber, demographics),
          201,
        );
        personId ??= patient.id;
        expect(patient.id).toBe(personId);
      }
      const gp = identifierAt('Y12345');
      itemIds.ordinary = (await post(systems.Y12345, problem(`dm-${run}`, gp))).id;
      itemIds.hiv = (
        await post(systems.Y12345, {
          ...problem(`hiv-${run}`, gp),
          code: { coding: [sct('86406008', 'Human immunodeficiency virus infection')] },
        })
      ).id;
      itemIds.notForPatient = (
        await post(systems.Y12345, {
          ...problem(`nopat-${run}`, gp),
          code: { coding: [sct('35489007', 'Depressive disorder')] },
          meta: { security: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'NOPAT' }] },
        })
      ).id;
      itemIds.safeguarding = (
        await post(systems.LA001, {
          resourceType: 'Flag',
          id: `sg-${run}`,
          status: 'active',
          code: { coding: [sct('417430008', 'Vulnerable adult')] },
          subject: { identifier: identifierAt('LA001') },
          period: { start: '2026-02-01' },
        })
      ).id;
      const individual = await GatewayCaller.withClaims(platform.gatewayUrl, ROWS[5].claims(run, personId));
      await waitFor(async () => (await visibleItems(individual, false)).length === 3, {
        timeoutMs: platformUnderTest.consumersJoinWithinMs,
        description: 'every item attached to the person',
      });
      await createdOnceKnown(
        () =>
          individual.post(
            '/fhir/Consent',
            delegationConsent(personId, `carer-${run}`, ['demographics', 'problems', 'alerts']),
          ),
        platformUnderTest,
      );
    }, 240_000);

    afterAll(async () => {
      await platform?.dispose();
    });

    it.each(ROWS)('$caller sees exactly $sees', async (row) => {
      const caller = await GatewayCaller.withClaims(platform.gatewayUrl, row.claims(run, personId));
      expect(await visibleItems(caller, row.breakGlass === true)).toEqual([...row.sees].sort());
      const conditions = row.sees.filter((item) => item !== 'safeguarding').length;
      expect(await conditionTotal(caller, row.breakGlass === true)).toBe(conditions);
    });

    it('opens the HIV category to the hospital once the person agrees to share it', async () => {
      const individual = await GatewayCaller.withClaims(platform.gatewayUrl, ROWS[5].claims(run, personId));
      await createdOnceKnown(
        () =>
          individual.post('/fhir/Consent', {
            resourceType: 'Consent',
            status: 'active',
            scope: {
              coding: [
                { system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'patient-privacy' },
              ],
            },
            category: [{ coding: [{ system: 'http://loinc.org', code: '59284-0' }] }],
            patient: { reference: `Patient/${personId}` },
            policy: [{ uri: 'https://fhir.ilinks.dev/consent-policy/share-sensitive-category' }],
            provision: {
              type: 'permit',
              securityLabel: [
                { system: 'https://fhir.ilinks.dev/CodeSystem/sensitive-category', code: 'hiv' },
              ],
            },
          }),
        platformUnderTest,
      );
      const hospital = await GatewayCaller.withClaims(platform.gatewayUrl, ROWS[1].claims(run, personId));
      expect(await visibleItems(hospital, false)).toEqual(['hiv', 'notForPatient', 'ordinary']);
      const council = await GatewayCaller.withClaims(platform.gatewayUrl, ROWS[2].claims(run, personId));
      expect(await visibleItems(council, false)).toEqual([
        'hiv',
        'notForPatient',
        'ordinary',
        'safeguarding',
      ]);
    });
  });
}
