import { jsonOf } from '@ilinks/shared/testing';
import { delegationConsent, objectionConsent, withdrawn } from './fhir-consents';
import { GatewayCaller, identifierValues, type Json } from './gateway-client';
import { type PlatformProcess } from './platform-process';
import { createdOnceKnown, type PlatformUnderTest, startPlatformFor } from './platform-under-test';

// The permission matrix end to end: role × relationship × objection × proxy, through the gateway on
// the platform under test. Sealed categories and not-for-patient-view items label clinical items:
// their rows are in sealed-items.suite.ts; the exhaustive unit matrix in libs/consent/domain
// (decide.matrix.spec.ts) covers every combination.
//
// Three synthetic persons, each with a record at the hospital RBS:
// - `open`: nothing recorded;
// - `objecting`: also a record at the GP practice Y12345 (with the NHS number), and an objection
//   recorded by a GP practitioner: each organisation then sees only what it recorded itself;
// - `delegating`: proxy access to `demographics` for carer-active, and one for carer-revoked, revoked.
// Organisation LA9's practitioner declares a relationship with each (so LA9 has a self-declared one);
// RX9 has none; RX8's practitioner breaks the glass (the reason is sent on the read only).

type PersonKey = 'open' | 'objecting' | 'delegating';

const MRN = 'https://fhir.rbs.example/Id/mrn';
const GP_ID = 'https://fhir.gp.example/Id/patient';
const NHS_NUMBER_SYSTEM = 'https://fhir.nhs.uk/Id/nhs-number';
const BREAK_GLASS_REASON = 'Collapsed in the street, brought in unconscious, no history available';
const HOSPITAL_MRN: Record<PersonKey, string> = { open: 'H-OPEN', objecting: 'H-OBJ', delegating: 'H-DEL' };

/** Who asks: a token's claims; an individual's `patient` is filled in from the person named. */
interface CallerSpec {
  readonly sub: string;
  readonly org: string;
  readonly role: string;
  /** For an individual: whose record their token names. */
  readonly patientOf?: PersonKey | 'someone-else';
  /** Sent with the read (not the searches): a practitioner breaking the glass. */
  readonly breakGlass?: boolean;
}

const CALLERS = {
  'practitioner at RBS (holds a record)': { sub: 'dr-rbs', org: 'RBS', role: 'practitioner' },
  'practitioner at Y12345 (holds a record, recorded the objection)': {
    sub: 'dr-gp',
    org: 'Y12345',
    role: 'practitioner',
  },
  'practitioner at RX9 (no relationship)': { sub: 'dr-rx9', org: 'RX9', role: 'practitioner' },
  'practitioner at LA9 (self-declared relationship)': { sub: 'dr-la9', org: 'LA9', role: 'practitioner' },
  'practitioner at RX8 breaking the glass': {
    sub: 'paramedic-rx8',
    org: 'RX8',
    role: 'practitioner',
    breakGlass: true,
  },
  'system at RBS (holds a record)': { sub: 'pas-rbs', org: 'RBS', role: 'system' },
  'system at RX9 (no relationship)': { sub: 'sys-rx9', org: 'RX9', role: 'system' },
  'system at LA9 (self-declared relationship)': { sub: 'sys-la9', org: 'LA9', role: 'system' },
  'system at RX9 sending a break-glass reason': {
    sub: 'sys-rx9',
    org: 'RX9',
    role: 'system',
    breakGlass: true,
  },
  'individual, own record': { sub: 'the-person', org: 'RBS', role: 'individual', patientOf: 'open' },
  "individual, someone else's record": {
    sub: 'someone-else',
    org: 'RBS',
    role: 'individual',
    patientOf: 'someone-else',
  },
  'carer with an active delegation (demographics)': { sub: 'carer-active', org: 'RBS', role: 'carer' },
  'carer whose delegation was revoked': { sub: 'carer-revoked', org: 'RBS', role: 'carer' },
  'carer without a delegation': { sub: 'carer-none', org: 'RBS', role: 'carer' },
  'ig-officer': { sub: 'ig-1', org: 'RBS', role: 'ig-officer' },
  admin: { sub: 'admin-1', org: 'RBS', role: 'admin' },
} satisfies Record<string, CallerSpec>;
type CallerName = keyof typeof CALLERS;

/** `GET /fhir/Patient/{id}`: shown with exactly these identifier values, or refused with a status. */
type ReadOutcome = { readonly identifiers: readonly string[] } | { readonly status: 403 | 404 };
/** `GET /fhir/Patient?identifier=` (by the hospital MRN): in the results, left out, or refused by role. */
type SearchOutcome = 'included' | 'left out' | 403;
/** `GET /fhir/Consent?patient=`: this many consents listed, or refused with a status. */
type ConsentsOutcome = { readonly listed: number } | { readonly status: 403 | 404 };
/** `GET /fhir/AuditEvent?patient=`: listed, or refused. */
type AuditOutcome = 'listed' | 403;

interface Row {
  readonly person: PersonKey;
  readonly caller: CallerName;
  readonly read: ReadOutcome;
  readonly search: SearchOutcome;
  readonly consents: ConsentsOutcome;
  readonly auditTrail: AuditOutcome;
}

const shows = (...identifiers: string[]): ReadOutcome => ({ identifiers: identifiers.sort() });
const listed = (count: number): ConsentsOutcome => ({ listed: count });
const refused = <S extends 403 | 404>(status: S) => ({ status });

const ALL_OF_OBJECTING = ['9000000009', 'GP-OBJ', 'H-OBJ'];

// prettier-ignore
const MATRIX: readonly Row[] = [
  // ── no objection, no proxy ───────────────────────────────────────────────────────────────────
  { person: 'open', caller: 'practitioner at RBS (holds a record)', read: shows('H-OPEN'), search: 'included', consents: listed(0), auditTrail: 403 },
  { person: 'open', caller: 'practitioner at RX9 (no relationship)', read: refused(403), search: 'left out', consents: refused(403), auditTrail: 403 },
  { person: 'open', caller: 'practitioner at LA9 (self-declared relationship)', read: shows('H-OPEN'), search: 'included', consents: listed(0), auditTrail: 403 },
  { person: 'open', caller: 'practitioner at RX8 breaking the glass', read: shows('H-OPEN'), search: 'included', consents: listed(0), auditTrail: 403 },
  { person: 'open', caller: 'system at RBS (holds a record)', read: shows('H-OPEN'), search: 'included', consents: listed(0), auditTrail: 403 },
  { person: 'open', caller: 'system at RX9 (no relationship)', read: refused(403), search: 'left out', consents: refused(403), auditTrail: 403 },
  { person: 'open', caller: 'system at LA9 (self-declared relationship)', read: shows('H-OPEN'), search: 'included', consents: listed(0), auditTrail: 403 },
  { person: 'open', caller: 'system at RX9 sending a break-glass reason', read: refused(403), search: 'left out', consents: refused(403), auditTrail: 403 },
  { person: 'open', caller: 'individual, own record', read: shows('H-OPEN'), search: 403, consents: listed(0), auditTrail: 'listed' },
  { person: 'open', caller: "individual, someone else's record", read: refused(404), search: 403, consents: refused(404), auditTrail: 403 },
  { person: 'open', caller: 'carer without a delegation', read: refused(404), search: 403, consents: refused(404), auditTrail: 403 },
  { person: 'open', caller: 'ig-officer', read: shows('H-OPEN'), search: 'included', consents: listed(0), auditTrail: 'listed' },
  { person: 'open', caller: 'admin', read: shows('H-OPEN'), search: 'included', consents: refused(403), auditTrail: 403 },
  // ── objection recorded (by the GP, on the person's behalf) ──────────────────────────────────────
  { person: 'objecting', caller: 'practitioner at RBS (holds a record)', read: shows('H-OBJ'), search: 'included', consents: listed(0), auditTrail: 403 },
  { person: 'objecting', caller: 'practitioner at Y12345 (holds a record, recorded the objection)', read: shows('9000000009', 'GP-OBJ'), search: 'included', consents: listed(1), auditTrail: 403 },
  { person: 'objecting', caller: 'practitioner at RX9 (no relationship)', read: refused(403), search: 'left out', consents: refused(403), auditTrail: 403 },
  { person: 'objecting', caller: 'practitioner at LA9 (self-declared relationship)', read: shows(), search: 'included', consents: listed(0), auditTrail: 403 },
  { person: 'objecting', caller: 'practitioner at RX8 breaking the glass', read: shows(), search: 'included', consents: listed(0), auditTrail: 403 },
  { person: 'objecting', caller: 'system at RBS (holds a record)', read: shows('H-OBJ'), search: 'included', consents: listed(0), auditTrail: 403 },
  { person: 'objecting', caller: 'system at RX9 (no relationship)', read: refused(403), search: 'left out', consents: refused(403), auditTrail: 403 },
  { person: 'objecting', caller: 'system at LA9 (self-declared relationship)', read: shows(), search: 'included', consents: listed(0), auditTrail: 403 },
  { person: 'objecting', caller: 'system at RX9 sending a break-glass reason', read: refused(403), search: 'left out', consents: refused(403), auditTrail: 403 },
  { person: 'objecting', caller: 'individual, own record', read: shows(...ALL_OF_OBJECTING), search: 403, consents: listed(1), auditTrail: 'listed' },
  { person: 'objecting', caller: "individual, someone else's record", read: refused(404), search: 403, consents: refused(404), auditTrail: 403 },
  { person: 'objecting', caller: 'carer without a delegation', read: refused(404), search: 403, consents: refused(404), auditTrail: 403 },
  { person: 'objecting', caller: 'ig-officer', read: shows(...ALL_OF_OBJECTING), search: 'included', consents: listed(1), auditTrail: 'listed' },
  { person: 'objecting', caller: 'admin', read: shows(...ALL_OF_OBJECTING), search: 'included', consents: refused(403), auditTrail: 403 },
  // ── proxy: one active delegation of demographics, one revoked ───────────────────────────────────
  { person: 'delegating', caller: 'carer with an active delegation (demographics)', read: shows('H-DEL'), search: 403, consents: refused(404), auditTrail: 403 },
  { person: 'delegating', caller: 'carer whose delegation was revoked', read: refused(404), search: 403, consents: refused(404), auditTrail: 403 },
  { person: 'delegating', caller: 'carer without a delegation', read: refused(404), search: 403, consents: refused(404), auditTrail: 403 },
  { person: 'delegating', caller: 'practitioner at RBS (holds a record)', read: shows('H-DEL'), search: 'included', consents: listed(2), auditTrail: 403 },
  { person: 'delegating', caller: 'practitioner at RX9 (no relationship)', read: refused(403), search: 'left out', consents: refused(403), auditTrail: 403 },
  { person: 'delegating', caller: 'practitioner at LA9 (self-declared relationship)', read: shows('H-DEL'), search: 'included', consents: listed(2), auditTrail: 403 },
  { person: 'delegating', caller: 'practitioner at RX8 breaking the glass', read: shows('H-DEL'), search: 'included', consents: listed(2), auditTrail: 403 },
  { person: 'delegating', caller: 'system at RBS (holds a record)', read: shows('H-DEL'), search: 'included', consents: listed(2), auditTrail: 403 },
  { person: 'delegating', caller: 'individual, own record', read: shows('H-DEL'), search: 403, consents: listed(2), auditTrail: 'listed' },
  { person: 'delegating', caller: "individual, someone else's record", read: refused(404), search: 403, consents: refused(404), auditTrail: 403 },
  { person: 'delegating', caller: 'ig-officer', read: shows('H-DEL'), search: 'included', consents: listed(2), auditTrail: 'listed' },
  { person: 'delegating', caller: 'admin', read: shows('H-DEL'), search: 'included', consents: refused(403), auditTrail: 403 },
];

/** A synthetic FHIR Patient as one organisation registers it. */
function patient(identifier: Json, family: string, birthDate: string, nhsNumber?: string): Json {
  return {
    resourceType: 'Patient',
    identifier: [identifier, ...(nhsNumber ? [{ system: NHS_NUMBER_SYSTEM, value: nhsNumber }] : [])],
    name: [{ family, given: ['Sam'] }],
    gender: 'female',
    birthDate,
  };
}

/** The permission matrix, end to end, on the platform under test (run by its e2e-spec and int-spec). */
export function accessMatrixSuite(platformUnderTest: PlatformUnderTest): void {
  describe(`the permission matrix, end to end: role × relationship × objection × proxy, on ${platformUnderTest.on}`, () => {
    let platform: PlatformProcess;
    const persons = {} as Record<PersonKey, string>;
    const callers = new Map<string, GatewayCaller>();

    /** The caller of a row, for that row's person (an individual's token names a person). */
    async function callerFor(name: CallerName, person: PersonKey): Promise<GatewayCaller> {
      const spec: CallerSpec = CALLERS[name];
      const patientId =
        spec.patientOf === undefined
          ? undefined
          : spec.patientOf === 'someone-else'
            ? persons[person === 'open' ? 'delegating' : 'open']
            : persons[person];
      const key = `${spec.sub}|${spec.org}|${spec.role}|${patientId ?? ''}`;
      const known = callers.get(key);
      if (known) return known;
      const { sub, org, role } = spec;
      const caller = await GatewayCaller.withClaims(platform.gatewayUrl, {
        sub,
        org,
        role,
        ...(patientId ? { patient: patientId } : {}),
      });
      callers.set(key, caller);
      return caller;
    }

    async function created(response: Promise<Response>): Promise<Json> {
      const answered = await response;
      if (answered.status !== 201)
        throw new Error(`expected 201, got ${answered.status}: ${JSON.stringify(await jsonOf(answered))}`);
      return jsonOf(answered);
    }

    beforeAll(async () => {
      platform = await startPlatformFor(platformUnderTest);
      await platform.explainFailure(async () => {
        const hospital = await callerFor('system at RBS (holds a record)', 'open');
        const gp = await GatewayCaller.as(platform.gatewayUrl, 'gp-system', 'Y12345', 'system');
        persons.open = (
          await created(
            hospital.post('/fhir/Patient', patient({ system: MRN, value: 'H-OPEN' }, 'Open', '1961-01-11')),
          )
        ).id;
        persons.objecting = (
          await created(
            hospital.post(
              '/fhir/Patient',
              patient({ system: MRN, value: 'H-OBJ' }, 'Objecting', '1972-02-12', '9000000009'),
            ),
          )
        ).id;
        const atGp = await created(
          gp.post(
            '/fhir/Patient',
            patient({ system: GP_ID, value: 'GP-OBJ' }, 'Objecting', '1972-02-12', '9000000009'),
          ),
        );
        expect(atGp.id).toBe(persons.objecting);
        persons.delegating = (
          await created(
            hospital.post(
              '/fhir/Patient',
              patient({ system: MRN, value: 'H-DEL' }, 'Delegating', '1943-03-13'),
            ),
          )
        ).id;

        const gpPractitioner = await callerFor(
          'practitioner at Y12345 (holds a record, recorded the objection)',
          'objecting',
        );
        await createdOnceKnown(
          () => gpPractitioner.post('/fhir/Consent', objectionConsent(persons.objecting)),
          platformUnderTest,
        );

        const delegator = await callerFor('individual, own record', 'delegating');
        await created(
          delegator.post(
            '/fhir/Consent',
            delegationConsent(persons.delegating, 'carer-active', ['demographics']),
          ),
        );
        const revoked = await created(
          delegator.post(
            '/fhir/Consent',
            delegationConsent(persons.delegating, 'carer-revoked', ['demographics']),
          ),
        );
        expect((await delegator.put(`/fhir/Consent/${revoked.id}`, withdrawn(revoked))).status).toBe(200);

        const la9 = await callerFor('practitioner at LA9 (self-declared relationship)', 'open');
        for (const personId of Object.values(persons)) {
          const declared = await la9.post(`/fhir/Patient/${personId}/$declare-relationship`, {
            resourceType: 'Parameters',
            parameter: [{ name: 'reason', valueString: 'Community nursing visits at home from this week' }],
          });
          expect(declared.status).toBe(200);
        }
      });
    }, 120_000 + platformUnderTest.consumersJoinWithinMs);

    afterAll(async () => {
      await platform?.dispose();
    });

    const rowName = (row: Row) => `${row.person} person × ${row.caller}`;

    it.each(MATRIX.map((row) => [rowName(row), row] as const))('%s', async (_name, row) => {
      const caller = await callerFor(row.caller, row.person);
      const personId = persons[row.person];
      const spec: CallerSpec = CALLERS[row.caller];
      const headers: Record<string, string> = spec.breakGlass
        ? { 'x-break-glass-reason': BREAK_GLASS_REASON }
        : {};

      const read = await caller.get(`/fhir/Patient/${personId}`, headers);
      const readBody = await jsonOf(read);
      if ('identifiers' in row.read) {
        expect(read.status).toBe(200);
        expect(readBody.id).toBe(personId);
        expect(identifierValues({ identifier: readBody.identifier ?? [] })).toEqual(row.read.identifiers);
      } else {
        expect(read.status).toBe(row.read.status);
        expect(readBody.resourceType).toBe('OperationOutcome');
        expect(JSON.stringify(readBody)).not.toContain(HOSPITAL_MRN[row.person]);
      }

      const search = await caller.get(`/fhir/Patient?identifier=${MRN}|${HOSPITAL_MRN[row.person]}`);
      if (row.search === 403) {
        expect(search.status).toBe(403);
      } else {
        expect(search.status).toBe(200);
        const bundle = await jsonOf(search);
        const found = (bundle.entry ?? []).map((entry: Json) => entry.resource.id);
        expect(found).toEqual(row.search === 'included' ? [personId] : []);
        expect(bundle.total).toBe(found.length);
      }

      const consents = await caller.get(`/fhir/Consent?patient=${personId}`);
      if ('listed' in row.consents) {
        expect(consents.status).toBe(200);
        const bundle = await jsonOf(consents);
        expect(bundle.total).toBe(row.consents.listed);
        expect(bundle.entry ?? []).toHaveLength(row.consents.listed);
      } else {
        expect(consents.status).toBe(row.consents.status);
      }

      const trail = await caller.get(`/fhir/AuditEvent?patient=${personId}`);
      expect(trail.status).toBe(row.auditTrail === 'listed' ? 200 : 403);
    });
  });
}
