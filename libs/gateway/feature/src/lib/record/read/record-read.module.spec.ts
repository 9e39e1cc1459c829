import type { PersonViewV1 } from '@ilinks/identity-matching/contracts';
import type { Role } from '@ilinks/platform/security';
import { PERSON_SUBJECT_SYSTEM, type RecordEntryV1 } from '@ilinks/record-projection/contracts';
import { ConsentStub, policyV1 } from '../../access/consent-stub.testing';
import type { RequestAuditFacts } from '../../audit/request-audit';
import { PERSON_ID, personView } from '../../patient/person-view.testing';
import {
  type BackendAnswer,
  type BackendCall,
  BackendStub,
  type GatewaySpecApp,
  startGatewaySpecApp,
} from '../../testing/gateway-spec-app.testing';
import type { FhirRecordBundle } from './record-bundle';
import { HIV_CODING, recordEntry } from './record-entry.testing';
import { GatewayRecordReadModule } from './record-read.module';

const PAS = { system: 'https://fhir.rbs.example/Id/pas-number', value: 'RBS0012345' };
const GP = { system: 'https://gp.example/Id/patient', value: 'GP-1' };
const UNKNOWN_PERSON = '11111111-2222-4333-8444-555555555555';
const REASON = 'unconscious in A&E, no history available';

/** Known to a hospital (RBS) and a GP practice (Y12345), each holding a local record. */
const person: PersonViewV1 = personView({
  localRecords: [
    ...personView().localRecords,
    {
      localRecordId: 'lr-gp-1',
      organisation: 'Y12345',
      identifier: GP,
      linkedAt: '2025-01-02T10:00:00.000Z',
      method: 'nhs-number',
    },
  ],
});

const fromGp = { organisation: 'Y12345', subject: GP };
const ENTRIES: readonly RecordEntryV1[] = [
  recordEntry({ entryId: 'c-rbs', effectiveAt: '2025-03-01T10:00:00.000Z' }),
  recordEntry({ entryId: 'c-gp', effectiveAt: '2025-02-01T10:00:00.000Z', ...fromGp }),
  recordEntry({ entryId: 'c-hiv', effectiveAt: '2025-01-01T10:00:00.000Z', codes: [HIV_CODING], ...fromGp }),
  recordEntry({ entryId: 'c-nopat', effectiveAt: '2024-12-01T10:00:00.000Z', notForPatientView: true }),
  recordEntry({
    entryId: 'm-gp',
    resourceType: 'MedicationStatement',
    part: 'medications',
    effectiveAt: '2025-02-15T10:00:00.000Z',
    codes: [{ system: 'https://dmd.nhs.uk', code: '39113611000001102' }],
    resource: { resourceType: 'MedicationStatement', status: 'active', subject: { identifier: GP } },
    ...fromGp,
  }),
  recordEntry({
    entryId: 'o-own',
    resourceType: 'Observation',
    part: 'results',
    organisation: 'NHSAPP',
    recordedBy: { subject: PERSON_ID, role: 'individual' },
    subject: { system: PERSON_SUBJECT_SYSTEM, value: PERSON_ID },
    patientContributed: true,
    effectiveAt: '2024-11-01T10:00:00.000Z',
    codes: [{ system: 'http://loinc.org', code: '8867-4' }],
    resource: { resourceType: 'Observation', status: 'final', code: { text: 'Heart rate at home' } },
  }),
];

/** A stand-in identity and record service in one (their routes do not overlap). */
function backendRoute({ url }: BackendCall): BackendAnswer | undefined {
  const [, first, id, what] = url.pathname.split('/');
  if (first === 'persons' && id === undefined) {
    const value = url.searchParams.get('identifierValue');
    return [200, { persons: value === PAS.value || value === GP.value ? [person] : [] }];
  }
  if (first === 'persons' && id === PERSON_ID && what === 'entries') {
    const type = url.searchParams.get('resourceType');
    return [
      200,
      { personId: PERSON_ID, entries: ENTRIES.filter((e) => type === null || e.resourceType === type) },
    ];
  }
  if (first === 'persons' && id === PERSON_ID) return [200, person];
  const entry = first === 'entries' ? ENTRIES.find((e) => e.entryId === id) : undefined;
  if (entry) return [200, entry];
  return undefined;
}

describe('GatewayRecordReadModule over HTTP', () => {
  const consent = new ConsentStub();
  const backend = new BackendStub(backendRoute);
  let gateway: GatewaySpecApp;

  beforeAll(async () => {
    await backend.start();
    await consent.start();
    gateway = await startGatewaySpecApp({
      name: 'record-read',
      backend,
      consent,
      modules: (services) => [GatewayRecordReadModule.forRoot({ services })],
    });
  });

  afterAll(async () => {
    await gateway.close();
    await backend.stop();
    await consent.stop();
  });

  beforeEach(() => {
    gateway.audited.length = 0;
    consent.reset();
    consent.policies.set(PERSON_ID, policyV1(PERSON_ID));
  });

  interface Caller {
    readonly role?: Role;
    readonly org?: string;
    readonly sub?: string;
    readonly patient?: string;
    readonly headers?: Record<string, string>;
  }

  async function get(path: string, caller: Caller = {}): Promise<Response> {
    const { accessToken } = await gateway.issuer.issue({
      sub: caller.sub ?? 'user-1',
      org: caller.org ?? 'RBS',
      role: caller.role ?? 'practitioner',
      ...(caller.patient === undefined ? {} : { patient: caller.patient }),
    });
    return fetch(`${gateway.baseUrl}${path}`, {
      headers: { authorization: `Bearer ${accessToken}`, ...caller.headers },
    });
  }

  async function bundle(path: string, caller?: Caller): Promise<FhirRecordBundle> {
    const response = await get(path, caller);
    expect(response.status).toBe(200);
    return (await response.json()) as FhirRecordBundle;
  }

  const idsIn = (found: FhirRecordBundle): string[] => (found.entry ?? []).map((entry) => entry.resource.id);
  const lastAudit = (): RequestAuditFacts => {
    const facts = gateway.audited[gateway.audited.length - 1];
    if (!facts) throw new Error('no request was gateway.audited');
    return facts;
  };
  const conditions = `/fhir/Condition?patient=${PERSON_ID}`;

  it('searches a type for a person, newest first, each item ours and sourced', async () => {
    const found = await bundle(conditions, { org: 'Y12345' });
    expect(found).toMatchObject({ resourceType: 'Bundle', type: 'searchset', total: 4 });
    expect(idsIn(found)).toEqual(['c-rbs', 'c-gp', 'c-hiv', 'c-nopat']);
    expect(found.entry?.[0]?.resource).toMatchObject({
      subject: { reference: `Patient/${PERSON_ID}`, identifier: PAS },
      meta: { versionId: '1', source: 'https://fhir.nhs.uk/Id/ods-organization-code#RBS' },
    });
    expect(found.entry?.[0]?.fullUrl).toBe(`${gateway.baseUrl}/fhir/Condition/c-rbs`);
  });

  it('hides a sealed HIV-coded item from another organisation, out of the total, and audits it withheld', async () => {
    const found = await bundle(conditions, { org: 'RBS' });
    expect(idsIn(found)).toEqual(['c-rbs', 'c-gp', 'c-nopat']);
    expect(found.total).toBe(3);
    const facts = lastAudit();
    expect(facts).toMatchObject({
      operation: 'Condition.search',
      outcome: 'filtered',
      outcomeDetail: 'sealed-category',
    });
    expect([...facts.personIds]).toEqual([PERSON_ID]);
    expect(facts.entities).toEqual([
      { resourceType: 'Condition', id: 'c-rbs' },
      { resourceType: 'Condition', id: 'c-gp' },
      { resourceType: 'Condition', id: 'c-nopat' },
      { resourceType: 'Condition', id: 'c-hiv', withheld: true },
    ]);
  });

  it('shows the sealed item to the organisation that recorded it, gateway.audited as permitted', async () => {
    const response = await get('/fhir/Condition/c-hiv', { org: 'Y12345' });
    expect(response.status).toBe(200);
    expect(lastAudit()).toMatchObject({ operation: 'Condition.read', outcome: 'permitted' });
    expect(lastAudit().entities).toEqual([{ resourceType: 'Condition', id: 'c-hiv' }]);
  });

  it("keeps other organisations' items out under an objection, and the total says so", async () => {
    consent.policies.set(
      PERSON_ID,
      policyV1(PERSON_ID, {
        objections: [
          {
            objectionId: 'o-1',
            recordedBy: 'Y12345',
            recordedAt: '2025-01-01T00:00:00.000Z',
            onBehalf: false,
          },
        ],
      }),
    );
    const found = await bundle(conditions, { org: 'RBS' });
    expect(idsIn(found)).toEqual(['c-rbs', 'c-nopat']);
    expect(found.total).toBe(2);
    expect(lastAudit().outcome).toBe('filtered');
  });

  it("reads the person's own contribution by id, for them and for a clinician, marked as theirs", async () => {
    for (const caller of [{ role: 'individual' as const, org: 'NHSAPP', patient: PERSON_ID }, {}]) {
      const response = await get('/fhir/Observation/o-own', caller);
      expect(response.status).toBe(200);
      const observation = (await response.json()) as { meta: { tag: unknown } };
      expect(observation.meta.tag).toEqual(
        expect.arrayContaining([expect.objectContaining({ code: 'patient-contributed' })]),
      );
    }
  });

  it('does not show an individual what a clinician marked not for patient view', async () => {
    const found = await bundle(conditions, { role: 'individual', org: 'NHSAPP', patient: PERSON_ID });
    expect(idsIn(found)).toEqual(['c-rbs', 'c-gp', 'c-hiv']);
    expect(found.total).toBe(3);
    expect(
      (await get('/fhir/Condition/c-nopat', { role: 'individual', org: 'NHSAPP', patient: PERSON_ID }))
        .status,
    ).toBe(404);
  });

  it("answers an individual asking about someone else's record as if it did not exist", async () => {
    const response = await get(conditions, { role: 'individual', org: 'NHSAPP', patient: UNKNOWN_PERSON });
    expect(response.status).toBe(404);
  });

  describe('a carer with medications and demographics delegated', () => {
    const carer: Caller = { role: 'carer', org: 'X99999', sub: 'carer-1' };
    beforeEach(() => {
      consent.policies.set(
        PERSON_ID,
        policyV1(PERSON_ID, {
          delegations: [
            {
              delegationId: 'd-1',
              carer: 'carer-1',
              parts: ['medications', 'demographics'],
              grantedAt: '2025-01-01T00:00:00.000Z',
              until: '2099-01-01T00:00:00.000Z',
            },
          ],
        }),
      );
    });

    it('sees the medications', async () => {
      expect(idsIn(await bundle(`/fhir/MedicationStatement?patient=${PERSON_ID}`, carer))).toEqual(['m-gp']);
    });

    it('is told there is nothing when asking for a part not delegated', async () => {
      expect((await get(conditions, carer)).status).toBe(404);
      expect((await get('/fhir/Condition/c-rbs', carer)).status).toBe(404);
    });

    it('gets only the delegated parts in $everything', async () => {
      const found = await bundle(`/fhir/Patient/${PERSON_ID}/$everything`, carer);
      expect(idsIn(found)).toEqual([PERSON_ID, 'm-gp']);
      expect(found.total).toBe(2);
    });
  });

  describe('reading by id', () => {
    it('answers a guessed id, a hidden item and an item of another type alike: 404', async () => {
      const answers = await Promise.all(
        [
          '/fhir/Condition/c-guess',
          '/fhir/Condition/c-hiv',
          '/fhir/Condition/m-gp',
          '/fhir/Condition/bad%20id',
        ].map(async (path) => {
          const response = await get(path, { org: 'RBS' });
          return [response.status, await response.json()];
        }),
      );
      expect(new Set(answers.map((answer) => JSON.stringify(answer))).size).toBe(1);
      expect(answers[0]?.[0]).toBe(404);
    });

    it('audits a hidden item as withheld and denied', async () => {
      await get('/fhir/Condition/c-hiv', { org: 'RBS' });
      expect(lastAudit()).toMatchObject({ outcome: 'denied', outcomeDetail: 'sealed-category' });
      expect(lastAudit().entities).toEqual([{ resourceType: 'Condition', id: 'c-hiv', withheld: true }]);
    });

    it('tells a practitioner without a relationship how to break the glass, and lets them', async () => {
      const refused = await get('/fhir/Condition/c-rbs', { org: 'ABC12' });
      expect(refused.status).toBe(403);
      expect(JSON.stringify(await refused.json())).toContain('X-Break-Glass-Reason');
      const broken = await get('/fhir/Condition/c-rbs', {
        org: 'ABC12',
        headers: { 'x-break-glass-reason': REASON },
      });
      expect(broken.status).toBe(200);
      expect(lastAudit()).toMatchObject({
        basis: 'break-glass',
        breakGlassReason: REASON,
        purposeOfUse: 'emergency',
      });
    });

    it('answers a partner system without a relationship 404, not 403', async () => {
      expect((await get('/fhir/Condition/c-rbs', { role: 'system', org: 'ABC12' })).status).toBe(404);
    });

    it('refuses governance roles clinical content before looking anything up', async () => {
      expect((await get('/fhir/Condition/c-rbs', { role: 'ig-officer' })).status).toBe(403);
    });
  });

  describe('searching', () => {
    it('refuses a search without patient, naming it', async () => {
      const response = await get('/fhir/Condition');
      expect(response.status).toBe(400);
      expect(JSON.stringify(await response.json())).toContain('patient is required');
    });

    it('answers an unknown person 404', async () => {
      expect((await get(`/fhir/Condition?patient=${UNKNOWN_PERSON}`)).status).toBe(404);
    });

    it('refuses a practitioner without a relationship with the break-glass hint', async () => {
      expect((await get(conditions, { org: 'ABC12' })).status).toBe(403);
    });

    it('pages through what the caller may see by the next link, the total unchanged', async () => {
      const first = await bundle(`${conditions}&_count=2`, { org: 'RBS' });
      expect(idsIn(first)).toEqual(['c-rbs', 'c-gp']);
      const next = first.link.find((link) => link.relation === 'next')?.url ?? '';
      const second = await bundle(next.replace(`${gateway.baseUrl}`, ''), { org: 'RBS' });
      expect(idsIn(second)).toEqual(['c-nopat']);
      expect(second.total).toBe(3);
      expect(second.link.some((link) => link.relation === 'next')).toBe(false);
    });

    it('filters by date, code and status, and ignores _include and _summary', async () => {
      const found = await bundle(
        `${conditions}&date=ge2025-01-15&code=http://snomed.info/sct|38341003&status=active&_include=Condition:subject&_summary=count`,
        { org: 'Y12345' },
      );
      expect(idsIn(found)).toEqual(['c-rbs', 'c-gp']);
      expect(found.link[0]?.url).not.toContain('_include');
    });

    it('sorts oldest first on _sort=date', async () => {
      expect(idsIn(await bundle(`${conditions}&_sort=date`, { org: 'Y12345' }))[0]).toBe('c-nopat');
    });
  });

  describe('$everything', () => {
    it('answers the Patient and every visible item, newest first', async () => {
      const found = await bundle(`/fhir/Patient/${PERSON_ID}/$everything`, { org: 'RBS' });
      expect(idsIn(found)).toEqual([PERSON_ID, 'c-rbs', 'm-gp', 'c-gp', 'c-nopat', 'o-own']);
      expect(found.total).toBe(6);
      expect(found.entry?.[0]?.resource.resourceType).toBe('Patient');
      expect(lastAudit()).toMatchObject({ operation: 'Patient.$everything', outcome: 'filtered' });
      expect(lastAudit().entities).toContainEqual({ resourceType: 'Condition', id: 'c-hiv', withheld: true });
      expect(lastAudit().entities).toContainEqual({ resourceType: 'Patient', id: PERSON_ID });
    });

    it('keeps to _type and start, and pages', async () => {
      const found = await bundle(
        `/fhir/Patient/${PERSON_ID}/$everything?_type=Condition&start=2025-02&_count=1`,
        {
          org: 'Y12345',
        },
      );
      expect(idsIn(found)).toEqual(['c-rbs']);
      expect(found.total).toBe(2);
      expect(found.link.some((link) => link.relation === 'next')).toBe(true);
    });

    it('answers an unknown or malformed person 404', async () => {
      expect((await get(`/fhir/Patient/${UNKNOWN_PERSON}/$everything`)).status).toBe(404);
      expect((await get('/fhir/Patient/not-a-person/$everything')).status).toBe(404);
    });
  });

  it('declares search, read and $everything in the CapabilityStatement', async () => {
    const response = await fetch(`${gateway.baseUrl}/fhir/metadata`);
    const statement = (await response.json()) as {
      rest: {
        resource: { type: string; interaction: { code: string }[]; operation?: { name: string }[] }[];
      }[];
    };
    const resources = statement.rest[0]?.resource ?? [];
    const condition = resources.find((resource) => resource.type === 'Condition');
    expect(condition?.interaction.map((interaction) => interaction.code)).toEqual(['read', 'search-type']);
    const patient = resources.find((resource) => resource.type === 'Patient');
    expect(patient?.operation?.map((operation) => operation.name)).toContain('everything');
    expect(resources.map((resource) => resource.type)).toContain('Flag');
  });
});
