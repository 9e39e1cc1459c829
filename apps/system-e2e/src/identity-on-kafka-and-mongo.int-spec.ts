import { jsonOf, waitFor } from '@ilinks/shared/testing';
import { randomUUID } from 'node:crypto';
import {
  GatewayCaller,
  identifierValues,
  type Json,
  linkOutcomeOf,
  personInRecordIndex,
} from './support/gateway-client';
import { kafkaAndMongoEnvironment } from './support/infra';
import { PlatformProcess } from './support/platform-process';
import { organisationForThisRun } from './support/registrations';

// Topics are shared with earlier runs on the same broker: this run's organisations and identifiers are its own.
const hospital = organisationForThisRun();
const council = organisationForThisRun();
const run = randomUUID().slice(0, 8);

const NHS_NUMBER_SYSTEM = 'https://fhir.nhs.uk/Id/nhs-number';
const patient = (system: string, value: string, extra: Json = {}): Json => ({
  resourceType: 'Patient',
  identifier: [{ system, value: `${value}-${run}` }],
  name: [{ family: 'Okonkwo', given: ['Adaeze'] }],
  gender: 'female',
  birthDate: '1991-06-23',
  address: [{ line: ['4 Princes Avenue'], city: 'Liverpool', postalCode: 'L8 2TH' }],
  ...extra,
});

describe('identity matching on real Kafka and a MongoDB-wire server', () => {
  let platform: PlatformProcess;
  let partner: GatewayCaller;
  let councilSystem: GatewayCaller;
  let ig: GatewayCaller;

  beforeAll(async () => {
    platform = await PlatformProcess.start(undefined, kafkaAndMongoEnvironment(run));
    partner = await GatewayCaller.as(platform.gatewayUrl, 'pas', hospital, 'system');
    councilSystem = await GatewayCaller.as(platform.gatewayUrl, 'council', council, 'system');
    ig = await GatewayCaller.as(platform.gatewayUrl, 'ig-1', hospital, 'ig-officer');
  }, 120_000);

  afterAll(async () => {
    await platform?.dispose();
  });

  it(
    'links by NHS number, reviews a conflict, merges and unmerges: views in the MongoDB-wire server, events through Kafka',
    () =>
      platform.explainFailure(async () => {
        const recordIndex = platform.serviceUrl('record-projection');
        const nhs = { system: NHS_NUMBER_SYSTEM, value: '9434765870' };
        const withNhs = (system: string, value: string, extra: Json = {}) => {
          const base = patient(system, value, extra);
          return { ...base, identifier: [...base.identifier, nhs] };
        };

        const refused = await partner.post('/fhir/Patient', {
          ...patient('https://h.example/mrn', 'H0'),
          birthDate: '1991-02-30',
        });
        expect(refused.status).toBe(400);

        const a = await jsonOf(await partner.post('/fhir/Patient', withNhs('https://h.example/mrn', 'H1')));
        const b = await jsonOf(await partner.post('/fhir/Patient', withNhs('https://h.example/mrn', 'H2')));
        expect(linkOutcomeOf(b)).toMatchObject({ outcome: 'linked', method: 'nhs-number' });
        expect(b.id).toBe(a.id);
        const found = await jsonOf(
          await partner.get(`/fhir/Patient?identifier=${NHS_NUMBER_SYSTEM}|${nhs.value}`),
        );
        expect(found.entry.map((entry: Json) => entry.resource.id)).toEqual([a.id]);

        // The same NHS number with a birth date no keying error explains: always a human's decision.
        const c = await jsonOf(
          await councilSystem.post(
            '/fhir/Patient',
            withNhs('https://council.example/client', 'C1', { birthDate: '1975-11-02' }),
          ),
        );
        const outcome = linkOutcomeOf(c);
        expect(outcome).toMatchObject({ outcome: 'pending-review' });
        const review = await jsonOf(await ig.get(`/identity/match-reviews/${String(outcome.reviewId)}`));
        expect(review.candidates[0]).toMatchObject({
          personId: a.id,
          reasons: expect.arrayContaining(['nhs-number-agrees-birth-date-conflicts']),
        });
        const councilRecordId: string = review.localRecordId;
        await waitFor(async () => (await personInRecordIndex(recordIndex, councilRecordId)) === c.id, {
          timeoutMs: 30_000,
          description: 'the record index learns the council record and its person through Kafka',
        });

        const resolved = await ig.post(`/identity/match-reviews/${String(outcome.reviewId)}/$resolve`, {
          decision: 'same-person',
          personId: a.id,
          reason: 'birth date mistyped by the council; confirmed by phone',
        });
        expect(resolved.status).toBe(200);
        const merged = await jsonOf(await partner.get(`/fhir/Patient/${a.id}`));
        expect(identifierValues(merged)).toEqual([`C1-${run}`, `H1-${run}`, `H2-${run}`, nhs.value].sort());
        await waitFor(async () => (await personInRecordIndex(recordIndex, councilRecordId)) === a.id, {
          timeoutMs: 30_000,
          description: 'the record index re-keyed through Kafka after the merge',
        });

        const undone = await ig.post(
          `/identity/persons/${a.id}/merges/${encodeURIComponent(`review-${String(outcome.reviewId)}`)}/$undo`,
          { reason: 'merged in error' },
        );
        expect(undone.status).toBe(200);
        await waitFor(async () => (await personInRecordIndex(recordIndex, councilRecordId)) === c.id, {
          timeoutMs: 30_000,
          description: 'the record index re-keyed back through Kafka after the unmerge',
        });
        // The council's person again: the hospital holds no record of it now (403), governance sees it.
        expect((await partner.get(`/fhir/Patient/${c.id}`)).status).toBe(403);
        expect(identifierValues(await jsonOf(await ig.get(`/fhir/Patient/${c.id}`)))).toEqual(
          [`C1-${run}`, nhs.value].sort(),
        );
      }),
    120_000,
  );
});
