import { jsonOf } from '@ilinks/shared/testing';
import { randomUUID } from 'node:crypto';
import {
  auditEventOnceRecorded,
  recordIdOf,
  requestorOf,
  type TrailOutcome,
  trailOutcomeOf,
} from './audit-trail-reader';
import { objectionConsent } from './fhir-consents';
import { devToken, partsOf, TokenForge, unsignedToken, withForgedClaims } from './forged-tokens';
import { GatewayCaller, identifierValues, type Json, rawRequest } from './gateway-client';
import { type PlatformProcess } from './platform-process';
import { createdOnceKnown, type PlatformUnderTest, startPlatformFor } from './platform-under-test';

// Attempts to get in where one should not, through the gateway on the platform under test: each is
// refused (or answered without leaking) AND is in the audit trail, found by its X-Request-Id.
const MRN = 'https://fhir.rbs.example/Id/mrn';
const NHS_NUMBER_SYSTEM = 'https://fhir.nhs.uk/Id/nhs-number';
const NHS_NUMBER = '9434765919';

function patient(system: string, value: string, family: string, extra: Json = {}): Json {
  return {
    resourceType: 'Patient',
    identifier: [
      { system, value },
      { system: NHS_NUMBER_SYSTEM, value: NHS_NUMBER },
    ],
    name: [{ family, given: ['Alex'] }],
    gender: 'male',
    birthDate: '1980-08-18',
    ...extra,
  };
}

/** Negative access through the gateway on the platform under test (run by its e2e-spec and int-spec). */
export function accessNegativeSuite(platformUnderTest: PlatformUnderTest): void {
  describe(`negative access through the gateway: refused, not leaked, and audited, on ${platformUnderTest.on}`, () => {
    let platform: PlatformProcess;
    let forge: TokenForge;
    const as: Record<string, GatewayCaller> = {};
    let personId: string;
    let otherPersonId: string;
    let otherConsentId: string;
    let validClaims: Json;

    /** Asserts the request is in the trail, once consumed, with this outcome (and requestor). */
    async function expectAudited(
      response: Response,
      outcome: TrailOutcome,
      requestor?: string,
    ): Promise<Json> {
      const event = await auditEventOnceRecorded(
        as.ig,
        recordIdOf(response),
        platformUnderTest.auditedWithinMs,
      );
      expect(trailOutcomeOf(event)).toBe(outcome);
      if (requestor !== undefined) expect(requestorOf(event)).toBe(requestor);
      return event;
    }

    beforeAll(async () => {
      platform = await startPlatformFor(platformUnderTest);
      const caller = (sub: string, org: string, role: string) =>
        GatewayCaller.as(platform.gatewayUrl, sub, org, role);
      as.hospital = await caller('pas-rbs', 'RBS', 'system');
      as.council = await caller('council-system', 'LA001', 'system');
      as.clinician = await caller('dr-rbs', 'RBS', 'practitioner');
      as.stranger = await caller('dr-stranger', 'RX7', 'practitioner');
      as.ig = await caller('ig-auditor', 'RBS', 'ig-officer');
      // The issuer writes its key on first use: read it once a token has been issued.
      forge = new TokenForge(platform.dataDir);
      await platform.explainFailure(async () => {
        personId = (
          await jsonOf(await as.hospital.post('/fhir/Patient', patient(MRN, 'H-NEG-1', 'Negative')))
        ).id;
        const other = await as.hospital.post('/fhir/Patient', {
          resourceType: 'Patient',
          identifier: [{ system: MRN, value: 'H-NEG-2' }],
          name: [{ family: 'Other', given: ['Pat'] }],
          gender: 'female',
          birthDate: '1955-05-15',
        });
        otherPersonId = (await jsonOf(other)).id;
        // The audit service consumes asynchronously (on Kafka, once its consumer group has joined).
        const firstRead = await as.clinician.get(`/fhir/Patient/${otherPersonId}`);
        await auditEventOnceRecorded(as.ig, recordIdOf(firstRead), platformUnderTest.consumersJoinWithinMs);
        otherConsentId = (
          await createdOnceKnown(
            () => as.clinician.post('/fhir/Consent', objectionConsent(otherPersonId)),
            platformUnderTest,
          )
        ).id;
        // The person is also known to a GP practice, and objects: the hospital then sees only its own.
        const gp = await GatewayCaller.as(platform.gatewayUrl, 'gp-system', 'Y12345', 'system');
        const atGp = await gp.post(
          '/fhir/Patient',
          patient('https://fhir.gp.example/Id/patient', 'GP-NEG-1', 'Negative'),
        );
        expect((await jsonOf(atGp)).id).toBe(personId);
        await createdOnceKnown(
          () => as.clinician.post('/fhir/Consent', objectionConsent(personId)),
          platformUnderTest,
        );
      });
      as.individual = await GatewayCaller.withClaims(platform.gatewayUrl, {
        sub: 'alex',
        org: 'RBS',
        role: 'individual',
        patient: personId,
      });
      validClaims = partsOf(
        await devToken(platform.gatewayUrl, { sub: 'dr-rbs', org: 'RBS', role: 'practitioner' }),
      ).claims;
    }, 90_000 + platformUnderTest.consumersJoinWithinMs);

    afterAll(async () => {
      await platform?.dispose();
    });

    describe('tokens', () => {
      const now = () => Math.floor(Date.now() / 1000);

      it('refuses a request with no token: 401, audited as denied for an anonymous caller', async () => {
        const response = await rawRequest(platform.gatewayUrl, `/fhir/Patient/${personId}`);
        expect(response.status).toBe(401);
        expect((await jsonOf(response)).issue[0].code).toBe('login');
        await expectAudited(response, 'denied', undefined);
      });

      it('accepts a token signed by the issuer itself (the forge is faithful), so the refusals below are for their flaw alone', async () => {
        const token = forge.signedByIssuer({ ...validClaims, exp: now() + 600 });
        const response = await rawRequest(platform.gatewayUrl, `/fhir/Patient/${personId}`, { token });
        expect(response.status).toBe(200);
      });

      it.each([
        [
          'expired an hour ago',
          () => forge.signedByIssuer({ ...validClaims, iat: now() - 7200, exp: now() - 3600 }),
        ],
        [
          'with a forged signature (claims changed after signing)',
          () =>
            withForgedClaims(forge.signedByIssuer({ ...validClaims, exp: now() + 600 }), {
              ...validClaims,
              org: 'RX7',
              exp: now() + 600,
            }),
        ],
        ['with alg none', () => unsignedToken({ ...validClaims, exp: now() + 600 })],
        [
          "HS256 signed with the issuer's public key",
          () => forge.hs256WithPublicKey({ ...validClaims, exp: now() + 600 }),
        ],
        ['that is not a JWT at all', () => 'not-a-token'],
      ])('refuses a token %s: 401, nothing shown, audited as denied', async (_name, token) => {
        const response = await rawRequest(platform.gatewayUrl, `/fhir/Patient/${personId}`, {
          token: token(),
        });
        expect(response.status).toBe(401);
        const body = await jsonOf(response);
        expect(body.resourceType).toBe('OperationOutcome');
        expect(JSON.stringify(body)).not.toContain('H-NEG-1');
        const event = await expectAudited(response, 'denied');
        // The unverified claims are never believed: the caller is anonymous in the trail.
        expect(requestorOf(event)).toBe('anonymous');
      });
    });

    describe('a partner system writing as another organisation', () => {
      const claimingRbs = {
        identifier: { system: 'https://fhir.nhs.uk/Id/ods-organization-code', value: 'RBS' },
      };

      it("refuses a write with the hospital's identifier (and its assigner claimed): 403, hospital record untouched, audited as denied", async () => {
        const trick = patient(MRN, 'H-NEG-1', 'Negative', {
          identifier: [
            { system: MRN, value: 'H-NEG-1', assigner: claimingRbs },
            { system: NHS_NUMBER_SYSTEM, value: NHS_NUMBER },
          ],
          meta: { source: 'RBS' },
          managingOrganization: claimingRbs,
        });
        const response = await as.council.post('/fhir/Patient', trick);
        expect(response.status).toBe(403);
        expect((await jsonOf(response)).issue[0].code).toBe('forbidden');
        const hospitalView = await jsonOf(await as.ig.get(`/fhir/Patient/${personId}`));
        expect(identifierValues(hospitalView)).toEqual(['9434765919', 'GP-NEG-1', 'H-NEG-1']);
        expect(hospitalView.name[0].family).toBe('Negative');
        const event = await expectAudited(response, 'denied', 'council-system');
        expect(event.agent.find((agent: Json) => !agent.requestor).who.identifier.value).toBe('LA001');
      });

      it('records a write claiming another assigner for an identifier of its own as the caller organisation', async () => {
        const trick = patient('https://council.example/Id/client', 'C-NEG-1', 'Negative', {
          identifier: [
            { system: 'https://council.example/Id/client', value: 'C-NEG-1', assigner: claimingRbs },
          ],
          managingOrganization: claimingRbs,
        });
        const response = await as.council.post('/fhir/Patient', trick);
        expect(response.status).toBe(201);
        const written = await jsonOf(response);
        const council = (written.identifier as Json[]).find((identifier) => identifier.value === 'C-NEG-1');
        expect(council?.assigner?.identifier?.value).toBe('LA001');
        // Linked to the objecting person by NHS number: the council is shown only what it recorded.
        expect(identifierValues(written)).toEqual(['C-NEG-1']);
        await expectAudited(response, 'filtered', 'council-system');
      });

      it('refuses a practitioner (not a partner system) writing a Patient: 403, audited as denied', async () => {
        const response = await as.clinician.post('/fhir/Patient', patient(MRN, 'H-NEG-9', 'Nine'));
        expect(response.status).toBe(403);
        await expectAudited(response, 'denied', 'dr-rbs');
      });
    });

    describe("an individual asking for someone else's", () => {
      it('Patient: 404, the same answer as for an unknown id, audited as denied', async () => {
        const response = await as.individual.get(`/fhir/Patient/${otherPersonId}`);
        const unknown = await as.individual.get(`/fhir/Patient/${randomUUID()}`);
        expect([response.status, unknown.status]).toEqual([404, 404]);
        expect(await jsonOf(response)).toEqual(await jsonOf(unknown));
        await expectAudited(response, 'denied', 'alex');
        await expectAudited(unknown, 'failed', 'alex');
      });

      it('Consents, by search and by id: 404, audited as denied', async () => {
        const search = await as.individual.get(`/fhir/Consent?patient=${otherPersonId}`);
        const read = await as.individual.get(`/fhir/Consent/${otherConsentId}`);
        expect([search.status, read.status]).toEqual([404, 404]);
        expect(JSON.stringify(await jsonOf(read))).not.toContain(otherPersonId);
        await expectAudited(search, 'denied', 'alex');
        await expectAudited(read, 'denied', 'alex');
      });

      it('AuditEvents, by search and by id: 403 and 404, audited as denied', async () => {
        const search = await as.individual.get(`/fhir/AuditEvent?patient=${otherPersonId}`);
        expect(search.status).toBe(403);
        await expectAudited(search, 'denied', 'alex');
        const othersAccess = await as.clinician.get(`/fhir/Patient/${otherPersonId}`);
        await auditEventOnceRecorded(as.ig, recordIdOf(othersAccess), platformUnderTest.auditedWithinMs);
        const read = await as.individual.get(`/fhir/AuditEvent/${recordIdOf(othersAccess)}`);
        expect(read.status).toBe(404);
        await expectAudited(read, 'failed', 'alex');
      });
    });

    describe('id guessing', () => {
      it('answers a practitioner 404 for a random id and 403 for an existing person without a relationship (as implemented: existence is hidden only from individuals and carers)', async () => {
        const random = await as.stranger.get(`/fhir/Patient/${randomUUID()}`);
        const existing = await as.stranger.get(`/fhir/Patient/${personId}`);
        const notAnId = await as.stranger.get('/fhir/Patient/1%27%20OR%201=1');
        expect([random.status, existing.status, notAnId.status]).toEqual([404, 403, 404]);
        expect(JSON.stringify(await jsonOf(existing))).not.toContain('H-NEG-1');
        await expectAudited(random, 'failed', 'dr-stranger');
        await expectAudited(existing, 'denied', 'dr-stranger');
        await expectAudited(notAnId, 'failed', 'dr-stranger');
      });

      it('answers a carer 404 alike for a random id and an existing person', async () => {
        const carer = await GatewayCaller.as(platform.gatewayUrl, 'carer-x', 'RBS', 'carer');
        const random = await carer.get(`/fhir/Patient/${randomUUID()}`);
        const existing = await carer.get(`/fhir/Patient/${personId}`);
        expect([random.status, existing.status]).toEqual([404, 404]);
        expect(await jsonOf(existing)).toEqual(await jsonOf(random));
        await expectAudited(existing, 'denied', 'carer-x');
      });
    });

    describe('search parameters that would reveal a filtered resource', () => {
      // The gateway reads only `identifier` on a Patient search: every other parameter (FHIR's
      // result parameters included) is ignored, so a search answers exactly what the caller may see.
      const REVEALING = [
        '_summary=count',
        '_include=Patient:link',
        '_revinclude=Consent:patient',
        '_revinclude=AuditEvent:patient',
        '_elements=identifier,name',
        '_total=accurate',
        '_count=0',
        'unknown-parameter=1',
      ];

      it.each(REVEALING)(
        '%s: a caller without a relationship gets an empty result, total 0, audited as filtered',
        async (parameter) => {
          const response = await as.stranger.get(`/fhir/Patient?identifier=${MRN}|H-NEG-1&${parameter}`);
          expect(response.status).toBe(200);
          const bundle = await jsonOf(response);
          expect(bundle.total).toBe(0);
          expect(bundle.entry ?? []).toEqual([]);
          expect(JSON.stringify(bundle)).not.toContain(personId);
          const event = await expectAudited(response, 'filtered', 'dr-stranger');
          // The trail names only the persons shown: none.
          expect(JSON.stringify(event.entity)).not.toContain(personId);
        },
      );

      it.each(REVEALING)(
        "%s: under an objection, only the caller organisation's identifiers, and no included resources",
        async (parameter) => {
          const response = await as.clinician.get(`/fhir/Patient?identifier=${MRN}|H-NEG-1&${parameter}`);
          expect(response.status).toBe(200);
          const bundle = await jsonOf(response);
          expect(bundle.total).toBe(1);
          expect(bundle.entry.map((entry: Json) => entry.resource.resourceType)).toEqual(['Patient']);
          expect(identifierValues(bundle.entry[0].resource)).toEqual(['H-NEG-1']);
          expect(JSON.stringify(bundle)).not.toContain('GP-NEG-1');
          expect(
            bundle.entry.every((entry: Json) => entry.search === undefined || entry.search.mode === 'match'),
          ).toBe(true);
        },
      );

      it('a read with result parameters answers the refusal alone', async () => {
        const response = await as.stranger.get(
          `/fhir/Patient/${personId}?_summary=count&_revinclude=Consent:patient`,
        );
        expect(response.status).toBe(403);
        expect(JSON.stringify(await jsonOf(response))).not.toContain('H-NEG-1');
        await expectAudited(response, 'denied', 'dr-stranger');
      });

      it('refuses an identifier given twice: 400 OperationOutcome, audited as failed', async () => {
        const response = await as.stranger.get(
          `/fhir/Patient?identifier=${MRN}|H-NEG-1&identifier=${MRN}|H-NEG-2`,
        );
        expect(response.status).toBe(400);
        expect((await jsonOf(response)).resourceType).toBe('OperationOutcome');
        await expectAudited(response, 'failed', 'dr-stranger');
      });
    });

    describe('bodies', () => {
      it('refuses a body over the limit (8mb: a letter carries its document): 413, audited as failed', async () => {
        const token = await devToken(platform.gatewayUrl, { sub: 'pas-rbs', org: 'RBS', role: 'system' });
        const huge = JSON.stringify({
          ...patient(MRN, 'H-BIG', 'Big'),
          text: { div: 'x'.repeat(8_500_000) },
        });
        const response = await rawRequest(platform.gatewayUrl, '/fhir/Patient', {
          method: 'POST',
          token,
          body: huge,
        });
        expect(response.status).toBe(413);
        expect((await jsonOf(response)).issue[0].code).toBe('too-long');
        await expectAudited(response, 'failed');
      });

      it('refuses malformed JSON: 400 OperationOutcome, audited as failed', async () => {
        const token = await devToken(platform.gatewayUrl, { sub: 'pas-rbs', org: 'RBS', role: 'system' });
        const response = await rawRequest(platform.gatewayUrl, '/fhir/Consent', {
          method: 'POST',
          token,
          body: '{"resourceType": "Consent", ',
        });
        expect(response.status).toBe(400);
        expect((await jsonOf(response)).issue[0].code).toBe('invalid');
        await expectAudited(response, 'failed');
      });

      it('refuses a Patient that is not one (a JSON array): 400, nothing registered, audited as failed', async () => {
        const response = await as.hospital.post('/fhir/Patient', [patient(MRN, 'H-ARR', 'Array')]);
        expect(response.status).toBe(400);
        await expectAudited(response, 'failed', 'pas-rbs');
        const search = await jsonOf(await as.hospital.get(`/fhir/Patient?identifier=${MRN}|H-ARR`));
        expect(search.total).toBe(0);
      });
    });
  });
}
