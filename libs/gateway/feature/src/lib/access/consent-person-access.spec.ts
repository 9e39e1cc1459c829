import { type AccessPolicySettings, DEFAULT_ACCESS_POLICY_SETTINGS } from '@ilinks/consent/domain';
import type { Principal } from '@ilinks/platform/security';
import {
  FixedClock,
  ForbiddenError,
  NotFoundError,
  UnavailableError,
  ValidationError,
} from '@ilinks/shared/kernel';
import { auditFactsOf } from '../audit/request-audit';
import {
  ConsentPersonAccess,
  type RecordHoldersLookup,
  PERSON_NOT_FOUND,
  refusal,
} from './consent-person-access';
import { ConsentClient } from './consent.client';
import { ConsentStub, policyV1 } from './consent-stub.testing';

const PERSON = 'a1b2c3d4-0000-4000-8000-000000000001';
const OTHER = 'a1b2c3d4-0000-4000-8000-000000000002';
const NOW = new Date('2026-03-01T12:00:00.000Z');
const DEMOGRAPHICS = { part: 'demographics' } as const;
const REASON = 'unconscious in A&E, no history available';

const practitioner = (organisation = 'RXX', subject = 'dr-who'): Principal => ({
  subject,
  organisation,
  role: 'practitioner',
});
const referralFrom = (organisation: string) => ({
  relationshipId: `rel-${organisation}`,
  organisation,
  kind: 'referral' as const,
  since: '2026-01-01T00:00:00.000Z',
});
const objectionAt = (organisation: string) => ({
  objectionId: 'obj-1',
  recordedBy: organisation,
  recordedAt: '2026-01-01T00:00:00.000Z',
  onBehalf: false,
});

describe('ConsentPersonAccess against a consent service over HTTP', () => {
  const stub = new ConsentStub(new FixedClock(NOW));
  let client: ConsentClient;
  const noRecordHolders = () => Promise.resolve([]);
  const access = (
    settings: AccessPolicySettings = DEFAULT_ACCESS_POLICY_SETTINGS,
    lookUpRecordHolders: RecordHoldersLookup = noRecordHolders,
  ) => new ConsentPersonAccess(client, settings, new FixedClock(NOW), lookUpRecordHolders);
  const request = (headers: Record<string, string> = {}) => ({ headers });
  const refusalOf = async (promise: Promise<unknown>): Promise<Error> => {
    try {
      await promise;
    } catch (error) {
      return error as Error;
    }
    throw new Error('expected a refusal');
  };

  beforeAll(async () => {
    await stub.start();
    client = new ConsentClient({ consent: stub.url });
  });

  afterAll(() => stub.stop());

  beforeEach(() => stub.reset());

  describe('practitioners', () => {
    it('permits one whose organisation has a relationship, and notes why', async () => {
      stub.policies.set(PERSON, policyV1(PERSON, { relationships: [referralFrom('RXX')] }));
      const req = request();
      const permitted = await access().authorize(req, practitioner(), PERSON, DEMOGRAPHICS);
      expect(permitted.decision.basis).toBe('care-relationship');
      expect(auditFactsOf(req)).toMatchObject({
        personIds: new Set([PERSON]),
        purposeOfUse: 'direct-care',
        basis: 'care-relationship',
        outcome: 'permitted',
      });
    });

    it('counts an organisation identity lists as holding a record, before the consent service knows', async () => {
      const permitted = await access().authorize(request(), practitioner(), PERSON, DEMOGRAPHICS, {
        recordHolders: ['RXX'],
      });
      expect(permitted.decision.basis).toBe('care-relationship');
    });

    it('asks identity for the record holders when the caller passes none', async () => {
      const asked: string[] = [];
      const lookUp: RecordHoldersLookup = (personId) => {
        asked.push(personId);
        return Promise.resolve(['RXX']);
      };
      const permitted = await access(DEFAULT_ACCESS_POLICY_SETTINGS, lookUp).authorize(
        request(),
        practitioner(),
        PERSON,
        DEMOGRAPHICS,
      );
      expect(permitted.decision.basis).toBe('care-relationship');
      expect(asked).toEqual([PERSON]);
    });

    it('refuses one without a relationship: 403 saying a break-glass reason may be stated', async () => {
      stub.policies.set(PERSON, policyV1(PERSON, { relationships: [referralFrom('RBS')] }));
      const req = request();
      const error = await refusalOf(access().authorize(req, practitioner(), PERSON, DEMOGRAPHICS));
      expect(error).toBeInstanceOf(ForbiddenError);
      expect(error.message).toContain('X-Break-Glass-Reason');
      expect(auditFactsOf(req)).toMatchObject({
        personIds: new Set([PERSON]),
        outcome: 'denied',
        outcomeDetail: 'no-relationship',
      });
    });

    it('breaks the glass with a stated reason, then decides on the grant', async () => {
      stub.policies.set(PERSON, policyV1(PERSON));
      const req = request({ 'x-break-glass-reason': `  ${REASON} ` });
      const permitted = await access().authorize(req, practitioner(), PERSON, DEMOGRAPHICS);
      expect(permitted.decision.basis).toBe('break-glass');
      const breakGlass = stub.received.find((received) => received.method === 'POST');
      expect(breakGlass).toMatchObject({
        url: `/persons/${PERSON}/break-glass`,
        body: { subject: 'dr-who', organisation: 'RXX', reason: REASON },
      });
      expect(breakGlass?.headers['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
      expect(auditFactsOf(req)).toMatchObject({
        purposeOfUse: 'emergency',
        basis: 'break-glass',
        breakGlassReason: REASON,
        breakGlassGrantId: 'grant-1',
        outcome: 'permitted',
      });
    });

    it('counts the grant on a later request without the header, as emergency access', async () => {
      stub.policies.set(PERSON, policyV1(PERSON));
      await access().authorize(
        request({ 'x-break-glass-reason': REASON }),
        practitioner(),
        PERSON,
        DEMOGRAPHICS,
      );
      stub.received.length = 0;
      const req = request();
      await access().authorize(req, practitioner(), PERSON, DEMOGRAPHICS);
      expect(stub.received.map((received) => received.method)).toEqual(['GET']);
      expect(auditFactsOf(req)).toMatchObject({ purposeOfUse: 'emergency', breakGlassGrantId: 'grant-1' });
    });

    it("does not count a colleague's grant", async () => {
      stub.policies.set(PERSON, policyV1(PERSON));
      await access().authorize(
        request({ 'x-break-glass-reason': REASON }),
        practitioner(),
        PERSON,
        DEMOGRAPHICS,
      );
      await expect(
        access().authorize(request(), practitioner('RXX', 'dr-jones'), PERSON, DEMOGRAPHICS),
      ).rejects.toBeInstanceOf(ForbiddenError);
    });

    it('does not break the glass for one who has a relationship', async () => {
      stub.policies.set(PERSON, policyV1(PERSON, { relationships: [referralFrom('RXX')] }));
      const req = request({ 'x-break-glass-reason': REASON });
      await access().authorize(req, practitioner(), PERSON, DEMOGRAPHICS);
      expect(stub.received.map((received) => received.method)).toEqual(['GET']);
      expect(auditFactsOf(req)).toMatchObject({ purposeOfUse: 'direct-care', basis: 'care-relationship' });
    });

    it('refuses a malformed reason with a 400 naming the header, before asking anyone', async () => {
      const error = (await refusalOf(
        access().authorize(request({ 'x-break-glass-reason': 'help' }), practitioner(), PERSON, DEMOGRAPHICS),
      )) as ValidationError;
      expect(error).toBeInstanceOf(ValidationError);
      expect(error.issues[0]?.path).toBe('X-Break-Glass-Reason');
      expect(stub.received).toEqual([]);
    });

    it("keeps an objection's filter under break-glass by default, and lifts it when the region says so", async () => {
      stub.policies.set(PERSON, policyV1(PERSON, { objections: [objectionAt('RBS')] }));
      const fromRbs = { part: 'demographics', organisation: 'RBS' } as const;
      const req = request({ 'x-break-glass-reason': REASON });
      const kept = await access().authorize(req, practitioner(), PERSON, DEMOGRAPHICS);
      expect(kept.isVisible(fromRbs)).toBe(false);
      expect(auditFactsOf(req)).toMatchObject({ outcome: 'filtered', outcomeDetail: 'objection' });
      const lifted = await access({
        ...DEFAULT_ACCESS_POLICY_SETTINGS,
        breakGlassOverridesObjection: true,
      }).authorize(request(), practitioner(), PERSON, DEMOGRAPHICS);
      expect(lifted.isVisible(fromRbs)).toBe(true);
    });
  });

  describe('other roles', () => {
    it('never breaks the glass for a partner system, and does not suggest it', async () => {
      stub.policies.set(PERSON, policyV1(PERSON));
      const system: Principal = { subject: 'pas', organisation: 'RXX', role: 'system' };
      const error = await refusalOf(
        access().authorize(request({ 'x-break-glass-reason': REASON }), system, PERSON, DEMOGRAPHICS),
      );
      expect(error).toBeInstanceOf(ForbiddenError);
      expect(error.message).not.toContain('X-Break-Glass-Reason');
      expect(stub.received.map((received) => received.method)).toEqual(['GET']);
    });

    it('lets an individual read their own record, and answers 404 for anyone else', async () => {
      stub.policies.set(PERSON, policyV1(PERSON));
      stub.policies.set(OTHER, policyV1(OTHER));
      const individual: Principal = {
        subject: 'amelia',
        organisation: 'PUBLIC',
        role: 'individual',
        patient: PERSON,
      };
      const req = request();
      const own = await access().authorize(req, individual, PERSON, DEMOGRAPHICS);
      expect(own.decision.basis).toBe('own-record');
      expect(auditFactsOf(req)).toMatchObject({ purposeOfUse: 'own-record', outcome: 'permitted' });
      const error = await refusalOf(access().authorize(request(), individual, OTHER, DEMOGRAPHICS));
      expect(error).toEqual(new NotFoundError(PERSON_NOT_FOUND));
    });

    it('lets a carer see what is delegated, and answers 404 otherwise', async () => {
      const delegation = {
        delegationId: 'd-1',
        carer: 'carer-1',
        parts: ['demographics'],
        grantedAt: '2026-01-01T00:00:00.000Z',
        until: '2026-06-01T00:00:00.000Z',
      };
      stub.policies.set(PERSON, policyV1(PERSON, { delegations: [delegation] }));
      const carer: Principal = { subject: 'carer-1', organisation: 'PUBLIC', role: 'carer' };
      expect((await access().authorize(request(), carer, PERSON, DEMOGRAPHICS)).decision.basis).toBe(
        'delegation',
      );
      await expect(
        access().authorize(request(), carer, PERSON, { part: 'medications' }),
      ).rejects.toBeInstanceOf(NotFoundError);
      await expect(
        access().authorize(request(), { ...carer, subject: 'carer-2' }, PERSON, DEMOGRAPHICS),
      ).rejects.toBeInstanceOf(NotFoundError);
    });

    it('lets an information-governance officer see demographics, not clinical content', async () => {
      const ig: Principal = { subject: 'ig-1', organisation: 'RBS', role: 'ig-officer' };
      const req = request();
      expect((await access().authorize(req, ig, PERSON, DEMOGRAPHICS)).decision.basis).toBe('governance');
      expect(auditFactsOf(req).purposeOfUse).toBe('governance');
      const error = await refusalOf(access().authorize(request(), ig, PERSON, { part: 'medications' }));
      expect(error).toBeInstanceOf(ForbiddenError);
      expect(error.message).toBe('your role may not see clinical content');
    });

    it('fails closed when the consent service cannot answer', async () => {
      stub.failWith = 503;
      await expect(
        access().authorize(request(), practitioner(), PERSON, DEMOGRAPHICS, { recordHolders: ['RXX'] }),
      ).rejects.toBeInstanceOf(UnavailableError);
    });
  });

  describe('sift (searches)', () => {
    it('keeps only the persons the caller may see, names only them, and marks the search filtered', async () => {
      stub.policies.set(PERSON, policyV1(PERSON, { relationships: [referralFrom('RXX')] }));
      stub.policies.set(OTHER, policyV1(OTHER));
      const req = request({ 'x-break-glass-reason': REASON });
      const shown = await access().sift(
        req,
        practitioner(),
        [
          { personId: PERSON, recordHolders: [] },
          { personId: OTHER, recordHolders: ['RBS'] },
        ],
        DEMOGRAPHICS,
      );
      expect([...shown.keys()]).toEqual([PERSON]);
      expect(auditFactsOf(req)).toMatchObject({
        personIds: new Set([PERSON]),
        basis: 'care-relationship',
        outcome: 'filtered',
        outcomeDetail: 'no-relationship',
      });
      // A search never breaks the glass, even with the header.
      expect(stub.received.every((received) => received.method === 'GET')).toBe(true);
    });

    it('marks a search where everyone is shown permitted', async () => {
      const req = request();
      const shown = await access().sift(
        req,
        practitioner(),
        [{ personId: PERSON, recordHolders: ['RXX'] }],
        DEMOGRAPHICS,
      );
      expect(shown.size).toBe(1);
      expect(auditFactsOf(req)).toMatchObject({ purposeOfUse: 'direct-care', outcome: 'permitted' });
    });

    it('notes a search that found nobody as permitted, naming nobody', async () => {
      const req = request();
      expect((await access().sift(req, practitioner(), [], DEMOGRAPHICS)).size).toBe(0);
      expect(auditFactsOf(req)).toMatchObject({ personIds: new Set(), outcome: 'permitted' });
    });
  });
});

describe('refusal', () => {
  it('answers individuals and carers as for an unknown id', () => {
    expect(refusal({ role: 'individual' }, 'not-own-record')).toEqual(new NotFoundError(PERSON_NOT_FOUND));
    expect(refusal({ role: 'carer' }, 'no-delegation')).toEqual(new NotFoundError(PERSON_NOT_FOUND));
  });

  it.each([
    'purpose-not-allowed-for-role',
    'no-relationship',
    'objection',
    'sealed-category',
    'clinical-content-not-for-role',
  ] as const)('tells everyone else why (%s), in plain words', (reason) => {
    const error = refusal({ role: 'admin' }, reason);
    expect(error).toBeInstanceOf(ForbiddenError);
    expect(error.message).not.toContain(reason);
  });
});
