import { jsonOf } from '@ilinks/shared/testing';
import { GatewayCaller, type Json } from './support/gateway-client';
import { PlatformProcess } from './support/platform-process';

// Synthetic people only. The hospital (RBS) and the council (LA001) hold records with one NHS number
// whose birth dates disagree: two persons until a reviewer decides, both found by that NHS number.
const NHS_NUMBER_SYSTEM = 'https://fhir.nhs.uk/Id/nhs-number';
const NHS_NUMBER = '9434765919';
const hospitalPatient = {
  resourceType: 'Patient',
  identifier: [
    { system: 'https://fhir.hospital.example/Id/mrn', value: 'H-20001' },
    { system: NHS_NUMBER_SYSTEM, value: NHS_NUMBER },
  ],
  name: [{ family: 'Hartley', given: ['Amelia'] }],
  gender: 'female',
  birthDate: '1984-03-14',
  address: [{ line: ['12 Rodney Street'], city: 'Liverpool', postalCode: 'L1 9EF' }],
};
const councilPatient = {
  resourceType: 'Patient',
  identifier: [
    { system: 'https://council.example/Id/client', value: 'A-2001' },
    { system: NHS_NUMBER_SYSTEM, value: NHS_NUMBER },
  ],
  name: [{ family: 'Hartley', given: ['Amelia'] }],
  gender: 'female',
  birthDate: '1958-11-30',
  address: [{ line: ['Flat 2', '40 Bold Street'], city: 'Liverpool', postalCode: 'L1 4DS' }],
};
const UNKNOWN_ID = '11111111-2222-4333-8444-555555555555';
const BREAK_GLASS = {
  'x-break-glass-reason': 'Unconscious in the emergency department, no history available',
};
const byNhsNumber = `/fhir/Patient?identifier=${NHS_NUMBER_SYSTEM}|${NHS_NUMBER}`;

describe('access control through the gateway: relationships, break-glass, own record, searches', () => {
  let platform: PlatformProcess;
  const as: Record<string, GatewayCaller> = {};
  let hospitalPerson: string;
  let councilPerson: string;

  beforeAll(async () => {
    platform = await PlatformProcess.start();
    const caller = (sub: string, org: string, role: string) =>
      GatewayCaller.as(platform.gatewayUrl, sub, org, role);
    as.hospital = await caller('pas-interface', 'RBS', 'system');
    as.council = await caller('council-system', 'LA001', 'system');
    as.clinician = await caller('dr-jones', 'RBS', 'practitioner');
    as.paramedic = await caller('paramedic-1', 'RX9', 'practitioner');
    as.colleague = await caller('paramedic-2', 'RX9', 'practitioner');
    as.ig = await caller('ig-officer-1', 'RBS', 'ig-officer');
    hospitalPerson = (await jsonOf(await as.hospital.post('/fhir/Patient', hospitalPatient))).id;
    councilPerson = (await jsonOf(await as.council.post('/fhir/Patient', councilPatient))).id;
    as.amelia = await GatewayCaller.withClaims(platform.gatewayUrl, {
      sub: 'amelia',
      org: 'RBS',
      role: 'individual',
      patient: hospitalPerson,
    });
  }, 90_000);

  afterAll(async () => {
    await platform?.dispose();
  });

  it('registered two persons for the one NHS number', () => {
    expect(hospitalPerson).toEqual(expect.any(String));
    expect(councilPerson).toEqual(expect.any(String));
    expect(councilPerson).not.toBe(hospitalPerson);
  });

  it('lets a practitioner of an organisation holding a record read the person', async () => {
    const response = await as.clinician.get(`/fhir/Patient/${hospitalPerson}`);
    expect(response.status).toBe(200);
    expect((await jsonOf(response)).id).toBe(hospitalPerson);
  });

  it('refuses a practitioner without a relationship: 403, saying a break-glass reason may be stated', async () => {
    const response = await as.paramedic.get(`/fhir/Patient/${hospitalPerson}`);
    expect(response.status).toBe(403);
    const outcome = await jsonOf(response);
    expect(outcome.issue[0].code).toBe('forbidden');
    expect(outcome.issue[0].diagnostics).toContain('X-Break-Glass-Reason');
  });

  it('refuses a break-glass reason too short to mean anything: 400 naming the header', async () => {
    const response = await as.paramedic.get(`/fhir/Patient/${hospitalPerson}`, {
      'x-break-glass-reason': 'urgent',
    });
    expect(response.status).toBe(400);
    expect((await jsonOf(response)).issue[0].expression).toEqual(['X-Break-Glass-Reason']);
  });

  it('lets the practitioner break the glass with a reason; the grant lasts, for them alone', async () => {
    const broken = await as.paramedic.get(`/fhir/Patient/${hospitalPerson}`, BREAK_GLASS);
    expect(broken.status).toBe(200);
    expect((await jsonOf(broken)).id).toBe(hospitalPerson);
    expect((await as.paramedic.get(`/fhir/Patient/${hospitalPerson}`)).status).toBe(200);
    expect((await as.colleague.get(`/fhir/Patient/${hospitalPerson}`)).status).toBe(403);
  });

  it("lets a practitioner declare their organisation's relationship, with a reason, which then counts", async () => {
    const declare = (caller: GatewayCaller, reason: string) =>
      caller.post(`/fhir/Patient/${councilPerson}/$declare-relationship`, {
        resourceType: 'Parameters',
        parameter: [{ name: 'reason', valueString: reason }],
      });
    expect((await as.colleague.get(`/fhir/Patient/${councilPerson}`)).status).toBe(403);
    expect((await declare(as.colleague, 'short')).status).toBe(400);
    const declared = await declare(as.colleague, 'Visiting her at home for wound care from today');
    expect(declared.status).toBe(200);
    expect((await jsonOf(declared)).parameter).toEqual(
      expect.arrayContaining([
        { name: 'kind', valueCode: 'self-declared' },
        { name: 'organisation', valueString: 'RX9' },
      ]),
    );
    expect((await as.colleague.get(`/fhir/Patient/${councilPerson}`)).status).toBe(200);
  });

  it("lets an individual read their own Patient, and answers 404 for another's exactly as for an unknown id", async () => {
    expect((await as.amelia.get(`/fhir/Patient/${hospitalPerson}`)).status).toBe(200);
    const another = await as.amelia.get(`/fhir/Patient/${councilPerson}`);
    const unknown = await as.amelia.get(`/fhir/Patient/${UNKNOWN_ID}`);
    expect([another.status, unknown.status]).toEqual([404, 404]);
    expect(await jsonOf(another)).toEqual(await jsonOf(unknown));
  });

  it('leaves persons the caller may not see out of a search, and the total counts only what is shown', async () => {
    const ids = (bundle: Json): string[] => (bundle.entry ?? []).map((entry: Json) => entry.resource.id);
    const byClinician = await jsonOf(await as.clinician.get(byNhsNumber));
    expect(ids(byClinician)).toEqual([hospitalPerson]);
    expect(byClinician.total).toBe(1);
    const byCouncil = await jsonOf(await as.council.get(byNhsNumber));
    expect(ids(byCouncil)).toEqual([councilPerson]);
    expect(byCouncil.total).toBe(1);
    const byGovernance = await jsonOf(await as.ig.get(byNhsNumber));
    expect(ids(byGovernance).sort()).toEqual([hospitalPerson, councilPerson].sort());
    expect(byGovernance.total).toBe(2);
  });

  it('leaves candidates the caller may not see out of $match', async () => {
    const response = await as.clinician.post('/fhir/Patient/$match', {
      resourceType: 'Parameters',
      parameter: [
        {
          name: 'resource',
          resource: {
            resourceType: 'Patient',
            identifier: [{ system: NHS_NUMBER_SYSTEM, value: NHS_NUMBER }],
          },
        },
      ],
    });
    expect(response.status).toBe(200);
    const bundle = await jsonOf(response);
    const ids = (bundle.entry ?? []).map((entry: Json) => entry.resource.id);
    expect(ids).not.toContain(councilPerson);
    expect(bundle.total).toBe(ids.length);
  });
});
