import { jsonOf, waitFor } from '@ilinks/shared/testing';
import {
  GatewayCaller,
  identifierValues,
  type Json,
  linkOutcomeOf,
  personInRecordIndex,
} from './support/gateway-client';
import { PlatformProcess } from './support/platform-process';

// One synthetic woman as three organisations know her, with the differences real registrations have.
const NHS_NUMBER_SYSTEM = 'https://fhir.nhs.uk/Id/nhs-number';
const NHS_NUMBER = '9434765919';
const hospitalPatient = {
  resourceType: 'Patient',
  identifier: [
    { system: 'https://fhir.hospital.example/Id/mrn', value: 'H-10001' },
    { system: NHS_NUMBER_SYSTEM, value: '943 476 5919' },
  ],
  name: [{ use: 'official', family: 'Hartley', given: ['Amelia', 'Jane'] }],
  gender: 'female',
  birthDate: '1984-03-14',
  address: [{ line: ['12 Rodney Street'], city: 'Liverpool', postalCode: 'L1 9EF' }],
  telecom: [{ system: 'phone', value: '07700 900123' }],
};
/** The GP practice: her nickname, the birth date keyed day/month swapped, the NHS number. */
const gpPatient = {
  resourceType: 'Patient',
  identifier: [
    { system: 'https://fhir.practice.example/Id/patient', value: 'GP-77' },
    { system: NHS_NUMBER_SYSTEM, value: NHS_NUMBER },
  ],
  name: [{ family: 'Hartley', given: ['Amy'] }],
  gender: 'female',
  birthDate: '1984-03-14',
  address: [{ line: ['12 Rodney St'], postalCode: 'L1 9EF' }],
};
/**
 * The council: her NHS number, a later address, and a birth date no keying error explains (her
 * mother's, entered by mistake): conflicting evidence, so always a reviewer's decision.
 */
const councilPatient = {
  resourceType: 'Patient',
  identifier: [
    { system: 'https://council.example/Id/client', value: 'A-998' },
    { system: NHS_NUMBER_SYSTEM, value: NHS_NUMBER },
  ],
  name: [{ family: 'Hartley', given: ['Amelia'] }],
  gender: 'female',
  birthDate: '1958-11-30',
  address: [{ line: ['Flat 2', '40 Bold Street'], city: 'Liverpool', postalCode: 'L1 4DS' }],
};

describe('identity matching through the gateway: three organisations, one person, merge and unmerge', () => {
  let platform: PlatformProcess;
  const tokens: Record<string, GatewayCaller> = {};
  const call = (caller: GatewayCaller, path: string, body?: unknown): Promise<Response> =>
    body === undefined ? caller.get(path) : caller.post(path, body);

  beforeAll(async () => {
    platform = await PlatformProcess.start();
    tokens.hospital = await GatewayCaller.as(platform.gatewayUrl, 'pas-interface', 'RBS', 'system');
    tokens.gp = await GatewayCaller.as(platform.gatewayUrl, 'gp-system', 'Y12345', 'system');
    tokens.council = await GatewayCaller.as(platform.gatewayUrl, 'council-system', 'LA001', 'system');
    tokens.ig = await GatewayCaller.as(platform.gatewayUrl, 'ig-officer-1', 'RBS', 'ig-officer');
    tokens.clinician = await GatewayCaller.as(platform.gatewayUrl, 'dr-jones', 'RBS', 'practitioner');
  }, 90_000);

  afterAll(async () => {
    await platform?.dispose();
  });

  let personId: string;
  let councilPersonId: string;
  let reviewId: string;
  let councilRecordId: string;
  let beforeMerge: Json;

  it('registers the hospital record as a new person, 201 with Location', async () => {
    const response = await call(tokens.hospital, '/fhir/Patient', hospitalPatient);
    expect(response.status).toBe(201);
    const patient = await jsonOf(response);
    personId = patient.id;
    expect(response.headers.get('location')).toMatch(new RegExp(`/Patient/${personId}$`));
    expect(linkOutcomeOf(patient)).toMatchObject({ outcome: 'new-person' });
    expect(identifierValues(patient)).toEqual(['9434765919', 'H-10001']);
  });

  it('links the GP record by NHS number and birth date, despite the nickname', async () => {
    const response = await call(tokens.gp, '/fhir/Patient', gpPatient);
    expect(response.status).toBe(201);
    const patient = await jsonOf(response);
    expect(patient.id).toBe(personId);
    expect(linkOutcomeOf(patient)).toMatchObject({
      outcome: 'linked',
      method: 'nhs-number',
      grade: 'certain',
    });
    expect(identifierValues(patient)).toEqual(['9434765919', 'GP-77', 'H-10001']);
  });

  it('records a resend with changed demographics as an update of the same record, never a duplicate', async () => {
    const moved = { ...gpPatient, telecom: [{ system: 'phone', value: '07700 900999' }] };
    const response = await call(tokens.gp, '/fhir/Patient', moved);
    expect(response.status).toBe(200);
    const patient = await jsonOf(response);
    expect(patient.id).toBe(personId);
    expect(linkOutcomeOf(patient)).toMatchObject({ outcome: 'already-linked' });
    expect(identifierValues(patient)).toEqual(['9434765919', 'GP-77', 'H-10001']);
  });

  it('sends the council record with a conflicting birth date to review, with scores, reasons and field explanations', async () => {
    const response = await call(tokens.council, '/fhir/Patient', councilPatient);
    expect(response.status).toBe(201);
    const patient = await jsonOf(response);
    councilPersonId = patient.id;
    expect(councilPersonId).not.toBe(personId);
    const outcome = linkOutcomeOf(patient);
    expect(outcome).toMatchObject({ outcome: 'pending-review' });
    reviewId = String(outcome.reviewId);

    const queue = await jsonOf(await call(tokens.ig, '/identity/match-reviews?status=open'));
    const review = queue.reviews.find((item: Json) => item.reviewId === reviewId);
    expect(review).toMatchObject({ status: 'open', personId: councilPersonId, organisation: 'LA001' });
    councilRecordId = review.localRecordId;
    expect(review.candidates[0]).toMatchObject({
      personId,
      grade: expect.any(String),
      score: expect.any(Number),
    });
    expect(review.candidates[0].explanation.map((field: Json) => field.field)).toEqual(
      expect.arrayContaining(['name', 'birthDate', 'postcode']),
    );
  });

  it('keeps the review queue from anyone but information governance', async () => {
    expect((await call(tokens.clinician, '/identity/match-reviews')).status).toBe(403);
    expect((await call(tokens.council, '/identity/match-reviews')).status).toBe(403);
  });

  it('merges on a "same person" decision: one person with all three records', async () => {
    // Information governance sees both persons whole; the RBS clinician has no relationship with
    // the council's person until the merge makes it the hospital's patient.
    beforeMerge = {
      survivor: await jsonOf(await call(tokens.ig, `/fhir/Patient/${personId}`)),
      absorbed: await jsonOf(await call(tokens.ig, `/fhir/Patient/${councilPersonId}`)),
    };
    expect((await call(tokens.clinician, `/fhir/Patient/${councilPersonId}`)).status).toBe(403);
    const response = await call(tokens.ig, `/identity/match-reviews/${reviewId}/$resolve`, {
      decision: 'same-person',
      personId,
      reason: 'Same woman: address history confirmed with the council',
    });
    expect(response.status).toBe(200);
    expect(await jsonOf(response)).toMatchObject({
      status: 'resolved',
      resolution: { decision: 'same-person', personId, resolvedBy: 'ig-officer-1' },
    });

    const merged = await jsonOf(await call(tokens.clinician, `/fhir/Patient/${personId}`));
    expect(identifierValues(merged)).toEqual(['9434765919', 'A-998', 'GP-77', 'H-10001']);
    expect(merged.birthDate).toBe('1984-03-14');
    const retired = await jsonOf(await call(tokens.clinician, `/fhir/Patient/${councilPersonId}`));
    expect(retired).toMatchObject({
      active: false,
      link: [{ other: { reference: `Patient/${personId}` }, type: 'replaced-by' }],
    });

    const byCouncilId = await jsonOf(
      await call(tokens.clinician, '/fhir/Patient?identifier=https://council.example/Id/client|A-998'),
    );
    expect(byCouncilId.entry.map((entry: Json) => entry.resource.id)).toEqual([personId]);
    await waitFor(
      async () =>
        (await personInRecordIndex(platform.serviceUrl('record-projection'), councilRecordId)) === personId,
      {
        description: 'the record service re-keys the council record to the merged person',
      },
    );
  });

  it('answers $match with the merged person, a score and a match grade', async () => {
    const response = await call(tokens.clinician, '/fhir/Patient/$match', {
      resourceType: 'Parameters',
      parameter: [
        {
          name: 'resource',
          resource: {
            resourceType: 'Patient',
            name: [{ family: 'Hartley', given: ['Amelia'] }],
            birthDate: '1984-03-14',
          },
        },
        { name: 'count', valueInteger: 5 },
      ],
    });
    expect(response.status).toBe(200);
    const bundle = await jsonOf(response);
    expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'searchset' });
    expect(bundle.entry[0]).toMatchObject({
      resource: { id: personId },
      search: {
        mode: 'match',
        score: expect.any(Number),
        extension: [
          { url: 'http://hl7.org/fhir/StructureDefinition/match-grade', valueCode: expect.any(String) },
        ],
      },
    });
  });

  it('undoes the merge: both persons exactly as they were before it', async () => {
    const survivor = await jsonOf(await call(tokens.ig, `/fhir/Patient/${personId}`));
    const merge = survivor.link?.find((link: Json) => link.type === 'replaces');
    expect(merge?.other.reference).toBe(`Patient/${councilPersonId}`);
    const response = await call(
      tokens.ig,
      `/identity/persons/${personId}/merges/${encodeURIComponent(`review-${reviewId}`)}/$undo`,
      { reason: 'Merged in error: the council client is her sister' },
    );
    expect(response.status).toBe(200);

    const after = {
      survivor: await jsonOf(await call(tokens.ig, `/fhir/Patient/${personId}`)),
      absorbed: await jsonOf(await call(tokens.ig, `/fhir/Patient/${councilPersonId}`)),
    };
    const comparable = (patient: Json) => {
      const { meta: _meta, link: _link, ...rest } = patient;
      return rest;
    };
    expect(comparable(after.survivor)).toEqual(comparable(beforeMerge.survivor));
    expect(comparable(after.absorbed)).toEqual(comparable(beforeMerge.absorbed));
    expect(identifierValues(after.absorbed)).toEqual(['9434765919', 'A-998']);
    await waitFor(
      async () =>
        (await personInRecordIndex(platform.serviceUrl('record-projection'), councilRecordId)) ===
        councilPersonId,
      {
        description: 'the record service re-keys the council record back after the unmerge',
      },
    );
  });

  it('remembers an unmerge: an update that makes the council record look more like her does not merge it again', async () => {
    const closer = {
      ...councilPatient,
      birthDate: '1984-03-14',
      telecom: [{ system: 'phone', value: '07700 900123' }],
    };
    const response = await call(tokens.council, '/fhir/Patient', closer);
    expect(response.status).toBe(200);
    const patient = await jsonOf(response);
    expect(patient.id).toBe(councilPersonId);
    expect(identifierValues(patient)).toEqual(['9434765919', 'A-998']);
  });

  it('remembers a "different people" decision', async () => {
    // Her cousin, recorded by the council with Amelia's NHS number by mistake.
    const sister = {
      resourceType: 'Patient',
      identifier: [
        { system: 'https://council.example/Id/client', value: 'A-1000' },
        { system: NHS_NUMBER_SYSTEM, value: NHS_NUMBER },
      ],
      name: [{ family: 'Hartley', given: ['Amelie'] }],
      gender: 'female',
      birthDate: '1987-10-22',
      address: [{ line: ['3 Hope Street'], city: 'Liverpool', postalCode: 'L1 9BQ' }],
    };
    const registered = await jsonOf(await call(tokens.council, '/fhir/Patient', sister));
    const outcome = linkOutcomeOf(registered);
    expect(outcome.outcome).toBe('pending-review');
    const resolved = await call(tokens.ig, `/identity/match-reviews/${String(outcome.reviewId)}/$resolve`, {
      decision: 'different-people',
      reason: 'Checked with the council: her cousin',
    });
    expect(resolved.status).toBe(200);
    expect(await jsonOf(resolved)).toMatchObject({
      status: 'resolved',
      resolution: { decision: 'different-people' },
    });

    const moreAlike = {
      ...sister,
      name: [{ family: 'Hartley', given: ['Amelia'] }],
      address: hospitalPatient.address,
    };
    const again = await jsonOf(await call(tokens.council, '/fhir/Patient', moreAlike));
    expect(again.id).toBe(registered.id);
    expect(linkOutcomeOf(again).outcome).toBe('already-linked');
    expect(identifierValues(again)).toEqual(['9434765919', 'A-1000']);
  });

  it('refuses bad input precisely and stores nothing', async () => {
    const badNhsNumber = await call(tokens.hospital, '/fhir/Patient', {
      ...hospitalPatient,
      identifier: [
        { system: 'https://fhir.hospital.example/Id/mrn', value: 'H-BAD' },
        { system: NHS_NUMBER_SYSTEM, value: '9434765918' },
      ],
    });
    expect(badNhsNumber.status).toBe(400);
    const outcome = await jsonOf(badNhsNumber);
    expect(outcome.issue[0]).toMatchObject({ code: 'invalid', expression: ['Patient.identifier[1].value'] });
    expect(outcome.issue[0].diagnostics).toContain('Modulus 11');

    const impossibleDate = await call(tokens.hospital, '/fhir/Patient', {
      ...hospitalPatient,
      identifier: [{ system: 'https://fhir.hospital.example/Id/mrn', value: 'H-BAD' }],
      birthDate: '1984-02-30',
    });
    expect(impossibleDate.status).toBe(400);
    expect((await jsonOf(impossibleDate)).issue[0].expression).toEqual(['Patient.birthDate']);

    const search = await jsonOf(
      await call(tokens.clinician, '/fhir/Patient?identifier=https://fhir.hospital.example/Id/mrn|H-BAD'),
    );
    expect(search.total ?? search.entry?.length ?? 0).toBe(0);
  });

  it('refuses an identifier another organisation has registered', async () => {
    const response = await call(tokens.gp, '/fhir/Patient', hospitalPatient);
    expect(response.status).toBe(403);
    expect((await jsonOf(response)).resourceType).toBe('OperationOutcome');
  });

  it('never makes two persons for one NHS number, even when partners register at once', async () => {
    const nhsNumber = '9434765870';
    const registrations = ['RBS', 'Y12345', 'LA001'].flatMap((org, orgIndex) =>
      [0, 1].map((copy) => ({
        token: [tokens.hospital, tokens.gp, tokens.council][orgIndex],
        patient: {
          resourceType: 'Patient',
          identifier: [
            { system: `https://fhir.${org.toLowerCase()}.example/Id/concurrent`, value: `C-${copy}` },
            { system: NHS_NUMBER_SYSTEM, value: nhsNumber },
          ],
          name: [{ family: 'Okafor', given: [copy === 0 ? 'Chidi' : 'Chid'] }],
          gender: 'male',
          birthDate: '1971-08-02',
        },
      })),
    );
    const answers = await Promise.all(
      registrations.map(({ token, patient }) => call(token, '/fhir/Patient', patient)),
    );
    expect(answers.map((answer) => answer.status)).toEqual([201, 201, 201, 201, 201, 201]);
    const ids = new Set(
      (await Promise.all(answers.map((answer) => jsonOf(answer)))).map((patient) => patient.id),
    );
    expect(ids.size).toBe(1);
    const search = await jsonOf(
      await call(tokens.clinician, `/fhir/Patient?identifier=${NHS_NUMBER_SYSTEM}|${nhsNumber}`),
    );
    expect(search.entry).toHaveLength(1);
  });
});
