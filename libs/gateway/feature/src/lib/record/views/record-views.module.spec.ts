import type { RecordPart } from '@ilinks/consent/domain';
import type { PersonViewV1 } from '@ilinks/identity-matching/contracts';
import type { Role } from '@ilinks/platform/security';
import type { RecordEntryV1 } from '@ilinks/record-projection/contracts';
import { FixedClock } from '@ilinks/shared/kernel';
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
import { HIV_CODING, recordEntry } from '../read/record-entry.testing';
import { GatewayRecordViewsModule } from './record-views.module';

const PAS = { system: 'https://fhir.rbs.example/Id/pas-number', value: 'RBS0012345' };
const GP = { system: 'https://gp.example/Id/patient', value: 'GP-1' };
const UNKNOWN_PERSON = '11111111-2222-4333-8444-555555555555';
const NOW = new Date('2026-03-01T12:00:00.000Z');
const GMC = { system: 'https://fhir.hl7.org.uk/Id/gmc-number', value: 'C1234567' };
const sct = (code: string, display: string) => ({ system: 'http://snomed.info/sct', code, display });

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

function entry(
  entryId: string,
  resourceType: string,
  part: string,
  effectiveAt: string,
  resource: Record<string, unknown>,
  changes: Partial<RecordEntryV1> = {},
): RecordEntryV1 {
  return recordEntry({
    entryId,
    resourceType,
    part,
    effectiveAt,
    codes: [],
    resource: { resourceType, subject: { identifier: PAS }, ...resource },
    ...changes,
  });
}

const appointment = (status: string, start: string, participant: unknown[] = []) => ({
  status,
  start,
  serviceType: [{ coding: [sct('394814009', 'General practice')] }],
  participant: [{ actor: { type: 'Patient', identifier: PAS }, status: 'accepted' }, ...participant],
});
const careful = { actor: { display: 'Dr Adam Careful' }, status: 'accepted' };
const outpatients = { actor: { reference: 'Location/opd', display: 'Outpatients' }, status: 'accepted' };

const ENTRIES: readonly RecordEntryV1[] = [
  recordEntry({ entryId: 'c-rbs', effectiveAt: '2025-03-01T10:00:00.000Z' }),
  recordEntry({ entryId: 'c-hiv', effectiveAt: '2026-02-01T10:00:00.000Z', codes: [HIV_CODING], ...fromGp }),
  entry('c-old', 'Condition', 'problems', '2020-01-01T10:00:00.000Z', {
    clinicalStatus: { coding: [{ code: 'resolved' }] },
  }),
  entry(
    'a-gp',
    'AllergyIntolerance',
    'allergies',
    '2025-01-10T10:00:00.000Z',
    { clinicalStatus: { coding: [{ code: 'active' }] } },
    { codes: [sct('91936005', 'Allergy to penicillin')], ...fromGp },
  ),
  entry(
    'm-gp',
    'MedicationStatement',
    'medications',
    '2025-02-15T10:00:00.000Z',
    { status: 'active' },
    fromGp,
  ),
  entry('f-rbs', 'Flag', 'alerts', '2026-01-15T00:00:00.000Z', {
    status: 'active',
    period: { start: '2026-01-15' },
  }),
  entry(
    'p-old',
    'Observation',
    'preferences',
    '2025-01-01T10:00:00.000Z',
    { status: 'final' },
    { codes: [sct('304253006', 'Not for resuscitation')], ...fromGp },
  ),
  entry(
    'p-new',
    'Observation',
    'preferences',
    '2025-06-01T10:00:00.000Z',
    { status: 'final' },
    { codes: [sct('304253006', 'Not for resuscitation')] },
  ),
  entry(
    'ap-future',
    'Appointment',
    'appointments',
    '2026-04-10T09:00:00.000Z',
    appointment('booked', '2026-04-10T09:00:00Z', [careful, outpatients]),
  ),
  entry(
    'ap-hiv',
    'Appointment',
    'appointments',
    '2026-03-20T09:00:00.000Z',
    appointment('booked', '2026-03-20T09:00:00Z', [{ actor: { display: 'Dr Sealed' } }]),
    { codes: [HIV_CODING], ...fromGp },
  ),
  entry(
    'ap-past',
    'Appointment',
    'appointments',
    '2025-12-01T09:00:00.000Z',
    appointment('fulfilled', '2025-12-01T09:00:00Z'),
    fromGp,
  ),
  entry(
    'ap-cancelled',
    'Appointment',
    'appointments',
    '2026-05-01T09:00:00.000Z',
    appointment('cancelled', '2026-05-01T09:00:00Z'),
  ),
  entry('cp-rbs', 'CarePlan', 'care-plans', '2026-01-01T00:00:00.000Z', {
    status: 'active',
    title: 'Diabetes plan',
    goal: [{ display: 'HbA1c below 48' }],
  }),
  entry('cp-done', 'CarePlan', 'care-plans', '2026-02-01T00:00:00.000Z', { status: 'completed' }),
  entry(
    'cp-mine',
    'CarePlan',
    'care-plans',
    '2025-06-01T00:00:00.000Z',
    { status: 'draft', title: 'What matters to me' },
    { patientContributed: true, recordedBy: { subject: 'person', role: 'individual' } },
  ),
  entry(
    'ct-gp',
    'CareTeam',
    'care-team',
    '2025-09-01T00:00:00.000Z',
    {
      status: 'active',
      participant: [{ role: [{ text: 'GP' }], member: { display: 'Dr Adam Careful', identifier: GMC } }],
    },
    fromGp,
  ),
  entry('pr-rbs', 'PractitionerRole', 'care-team', '2026-01-01T00:00:00.000Z', {
    active: true,
    practitioner: { display: 'Dr Adam Careful', identifier: GMC },
    code: [{ text: 'Consultant' }],
    telecom: [{ system: 'phone', value: '0300 000 0000' }],
  }),
  entry('e-rbs', 'Encounter', 'encounters', '2026-02-27T10:00:00.000Z', {
    status: 'finished',
    participant: [{ individual: { display: 'Nurse Jo' } }],
    serviceProvider: { display: 'RBS Community' },
  }),
];

/** A stand-in identity and record service in one (their routes do not overlap). */
function backendRoute({ url }: BackendCall): BackendAnswer | undefined {
  const [, first, id, what] = url.pathname.split('/');
  if (first === 'persons' && id === PERSON_ID && what === 'entries') {
    const type = url.searchParams.get('resourceType');
    return [
      200,
      { personId: PERSON_ID, entries: ENTRIES.filter((e) => type === null || e.resourceType === type) },
    ];
  }
  if (first === 'persons' && id === PERSON_ID) return [200, person];
  return undefined;
}

describe('GatewayRecordViewsModule over HTTP', () => {
  const consent = new ConsentStub();
  const backend = new BackendStub(backendRoute);
  let gateway: GatewaySpecApp;

  beforeAll(async () => {
    await backend.start();
    await consent.start();
    gateway = await startGatewaySpecApp({
      name: 'record-views',
      backend,
      consent,
      modules: (services) => [GatewayRecordViewsModule.forRoot({ services, clock: new FixedClock(NOW) })],
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
  }

  const hospital: Caller = { org: 'RBS' };
  const practice: Caller = { org: 'Y12345' };
  const individual: Caller = { role: 'individual', org: 'NHSAPP', patient: PERSON_ID };
  const carer: Caller = { role: 'carer', org: 'X99999', sub: 'carer-1' };

  function delegate(parts: RecordPart[]): void {
    consent.policies.set(
      PERSON_ID,
      policyV1(PERSON_ID, {
        delegations: [
          {
            delegationId: 'd-1',
            carer: 'carer-1',
            parts,
            grantedAt: '2025-01-01T00:00:00.000Z',
            until: '2099-01-01T00:00:00.000Z',
          },
        ],
      }),
    );
  }

  async function get(path: string, caller: Caller = hospital): Promise<Response> {
    const { accessToken } = await gateway.issuer.issue({
      sub: caller.sub ?? 'user-1',
      org: caller.org ?? 'RBS',
      role: caller.role ?? 'practitioner',
      ...(caller.patient === undefined ? {} : { patient: caller.patient }),
    });
    return fetch(`${gateway.baseUrl}${path}`, { headers: { authorization: `Bearer ${accessToken}` } });
  }

  async function view<T>(path: string, caller?: Caller): Promise<T> {
    const response = await get(path, caller);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    return (await response.json()) as T;
  }

  interface Item {
    readonly reference: string;
    readonly source: Record<string, unknown>;
    readonly [key: string]: unknown;
  }
  interface Summary {
    readonly demographics: { readonly resourceType: string; readonly id: string };
    readonly allergies: Item[];
    readonly medications: Item[];
    readonly problems: Item[];
    readonly alerts: Item[];
    readonly preferences: Item[];
  }
  interface Timeline {
    readonly total: number;
    readonly items: Item[];
    readonly next?: string;
  }
  interface Member {
    readonly name?: string;
    readonly roles: string[];
    readonly telecom: { value: string }[];
    readonly lastInvolved: string;
    readonly references: string[];
  }
  interface DefaultView {
    readonly role: string;
    readonly views: Record<string, unknown>;
  }

  const refs = (items: readonly Item[]): string[] => items.map((item) => item.reference);
  const record = `/record/persons/${PERSON_ID}`;
  const lastAudit = (): RequestAuditFacts => {
    const facts = gateway.audited[gateway.audited.length - 1];
    if (!facts) throw new Error('no request was audited');
    return facts;
  };

  describe('summary', () => {
    it('shows the demographics and the current lists, each item sourced', async () => {
      const summary = await view<Summary>(`${record}/summary`);
      expect(summary.demographics).toMatchObject({ resourceType: 'Patient', id: PERSON_ID });
      expect(refs(summary.allergies)).toEqual(['AllergyIntolerance/a-gp']);
      expect(refs(summary.medications)).toEqual(['MedicationStatement/m-gp']);
      expect(refs(summary.problems)).toEqual(['Condition/c-rbs']);
      expect(refs(summary.alerts)).toEqual(['Flag/f-rbs']);
      expect(refs(summary.preferences)).toEqual(['Observation/p-new']);
      expect(summary.allergies[0]).toMatchObject({
        date: '2025-01-10T10:00:00.000Z',
        display: 'Allergy to penicillin',
        status: 'active',
        source: {
          organisation: 'Y12345',
          recordedAt: '2025-03-01T10:05:00.000Z',
          lastUpdated: '2025-03-01T10:05:00.000Z',
          patientContributed: false,
        },
      });
    });

    it('leaves out a sealed item from another organisation and audits it withheld', async () => {
      await view<Summary>(`${record}/summary`);
      expect(lastAudit()).toMatchObject({ operation: 'Record.summary', outcome: 'filtered' });
      expect(lastAudit().entities).toContainEqual({ resourceType: 'Condition', id: 'c-hiv', withheld: true });
      expect(lastAudit().entities).toContainEqual({ resourceType: 'Patient', id: PERSON_ID });
    });

    it('shows the sealed item to the organisation that recorded it', async () => {
      const summary = await view<Summary>(`${record}/summary`, practice);
      expect(refs(summary.problems)).toEqual(['Condition/c-hiv', 'Condition/c-rbs']);
    });

    it('answers an unknown or malformed person 404 and refuses governance roles', async () => {
      expect((await get(`/record/persons/${UNKNOWN_PERSON}/summary`)).status).toBe(404);
      expect((await get('/record/persons/not-a-person/summary')).status).toBe(404);
      expect((await get(`${record}/summary`, { role: 'ig-officer' })).status).toBe(403);
    });

    it('answers OperationOutcome to a practitioner without a relationship', async () => {
      const response = await get(`${record}/summary`, { org: 'ABC12' });
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ resourceType: 'OperationOutcome' });
    });
  });

  describe('timeline', () => {
    it('lists every visible item newest first, the sealed ones neither shown nor counted', async () => {
      const timeline = await view<Timeline>(`${record}/timeline`);
      const visible = ENTRIES.length - 2;
      expect(timeline.total).toBe(visible);
      expect(refs(timeline.items)).not.toContain('Condition/c-hiv');
      expect(refs(timeline.items)).not.toContain('Appointment/ap-hiv');
      expect(refs(timeline.items).slice(0, 2)).toEqual(['Appointment/ap-cancelled', 'Appointment/ap-future']);
      expect(timeline.next).toBeUndefined();
      expect(lastAudit()).toMatchObject({ operation: 'Record.timeline', outcome: 'filtered' });
      expect(lastAudit().entities).toContainEqual({
        resourceType: 'Appointment',
        id: 'ap-hiv',
        withheld: true,
      });
    });

    it('filters by type, organisation and date range, inclusive', async () => {
      const timeline = await view<Timeline>(
        `${record}/timeline?type=Condition,Appointment&organisation=Y12345&from=2025-12-01&to=2026-03-20`,
        practice,
      );
      expect(refs(timeline.items)).toEqual(['Appointment/ap-hiv', 'Condition/c-hiv', 'Appointment/ap-past']);
      expect(timeline.total).toBe(3);
    });

    it('pages by the next link, filtering before paging', async () => {
      const first = await view<Timeline>(`${record}/timeline?type=Appointment&_count=1`);
      expect(refs(first.items)).toEqual(['Appointment/ap-cancelled']);
      expect(first.total).toBe(3);
      expect(first.next).toContain(
        `${gateway.baseUrl}/record/persons/${PERSON_ID}/timeline?type=Appointment&_count=1&_cursor=`,
      );
      const second = await view<Timeline>((first.next ?? '').replace(gateway.baseUrl, ''));
      expect(refs(second.items)).toEqual(['Appointment/ap-future']);
      const third = await view<Timeline>((second.next ?? '').replace(gateway.baseUrl, ''));
      expect(refs(third.items)).toEqual(['Appointment/ap-past']);
      expect(third.next).toBeUndefined();
    });

    it('refuses bad parameters, naming each', async () => {
      const response = await get(`${record}/timeline?from=2025-13-01&_count=500&_cursor=nope`);
      expect(response.status).toBe(400);
      const outcome = JSON.stringify(await response.json());
      expect(outcome).toContain('from must be a date');
      expect(outcome).toContain('_count must be');
      expect(outcome).toContain('_cursor must come from a next link');
    });
  });

  describe('care team', () => {
    it('merges the same professional across entries, most recently involved first', async () => {
      const { members } = await view<{ members: Member[] }>(`${record}/care-team`);
      expect(members.map((member) => member.name)).toEqual(['Dr Adam Careful', 'Nurse Jo', 'RBS Community']);
      expect(members[0]).toMatchObject({
        roles: ['Consultant', 'GP'],
        telecom: [{ system: 'phone', value: '0300 000 0000' }],
        lastInvolved: '2026-04-10T09:00:00.000Z',
        references: ['Appointment/ap-future', 'PractitionerRole/pr-rbs', 'CareTeam/ct-gp'],
      });
      expect(JSON.stringify(members)).not.toContain('Dr Sealed');
      expect(lastAudit().operation).toBe('Record.careTeam');
    });
  });

  describe('diary', () => {
    it('lists only future, uncancelled, visible appointments, soonest first', async () => {
      const { appointments } = await view<{ appointments: Item[] }>(`${record}/diary`);
      expect(refs(appointments)).toEqual(['Appointment/ap-future']);
      expect(appointments[0]).toMatchObject({
        start: '2026-04-10T09:00:00Z',
        status: 'booked',
        service: 'General practice',
        organisation: 'RBS',
        locations: ['Outpatients'],
        practitioners: ['Dr Adam Careful'],
      });
      expect(lastAudit().entities).toContainEqual({
        resourceType: 'Appointment',
        id: 'ap-hiv',
        withheld: true,
      });
    });

    it('shows the recording organisation its sealed appointment, soonest first', async () => {
      const { appointments } = await view<{ appointments: Item[] }>(`${record}/diary`, practice);
      expect(refs(appointments)).toEqual(['Appointment/ap-hiv', 'Appointment/ap-future']);
    });
  });

  describe('care plans', () => {
    it("puts plans in play first, marks the person's own", async () => {
      const { carePlans } = await view<{ carePlans: Item[] }>(`${record}/care-plans`);
      expect(refs(carePlans)).toEqual(['CarePlan/cp-rbs', 'CarePlan/cp-mine', 'CarePlan/cp-done']);
      expect(carePlans[0]).toMatchObject({
        title: 'Diabetes plan',
        goals: [{ display: 'HbA1c below 48' }],
        authorOrganisation: 'RBS',
        patientContributed: false,
      });
      expect(carePlans[1]).toMatchObject({ patientContributed: true, source: { patientContributed: true } });
    });
  });

  describe('the default view', () => {
    it('shows a practitioner the summary and the next five appointments', async () => {
      const found = await view<DefaultView>(record);
      expect(found.role).toBe('practitioner');
      expect(Object.keys(found.views)).toEqual(['summary', 'diary']);
      expect(refs(found.views['diary'] as Item[])).toEqual(['Appointment/ap-future']);
      expect(lastAudit().operation).toBe('Record.default');
    });

    it('shows an individual their diary, care plans, care team and ten newest items', async () => {
      const found = await view<DefaultView>(record, individual);
      expect(Object.keys(found.views)).toEqual(['diary', 'carePlans', 'careTeam', 'timeline']);
      const timeline = found.views['timeline'] as Timeline;
      expect(timeline.items).toHaveLength(10);
      expect(timeline.total).toBe(ENTRIES.length);
      expect(timeline.next).toMatch(/\/timeline\?_cursor=/);
    });

    it('shows a carer only the views of the parts delegated, not an error', async () => {
      delegate(['appointments', 'care-team']);
      const found = await view<DefaultView>(record, carer);
      expect(found.role).toBe('carer');
      expect(Object.keys(found.views)).toEqual(['diary', 'careTeam']);
      const members = found.views['careTeam'] as Member[];
      expect(members.map((member) => member.name)).toEqual(['Dr Adam Careful']);
      expect(lastAudit()).toMatchObject({ outcome: 'filtered', outcomeDetail: 'part-not-delegated' });
    });

    it('opens for a carer whose first default view is not delegated', async () => {
      delegate(['care-plans']);
      const found = await view<DefaultView>(record, carer);
      expect(Object.keys(found.views)).toEqual(['carePlans']);
      expect(refs(found.views['carePlans'] as Item[])).toEqual([
        'CarePlan/cp-rbs',
        'CarePlan/cp-mine',
        'CarePlan/cp-done',
      ]);
    });

    it('answers a carer without any delegated view, or without delegation, 404', async () => {
      delegate(['medications']);
      expect((await get(record, carer)).status).toBe(404);
      consent.policies.set(PERSON_ID, policyV1(PERSON_ID));
      expect((await get(record, carer)).status).toBe(404);
    });

    it('answers a carer asking for a view whose part is not delegated 404', async () => {
      delegate(['appointments', 'care-team']);
      expect((await get(`${record}/summary`, carer)).status).toBe(404);
      expect((await view<{ appointments: Item[] }>(`${record}/diary`, carer)).appointments).toHaveLength(1);
    });
  });
});
