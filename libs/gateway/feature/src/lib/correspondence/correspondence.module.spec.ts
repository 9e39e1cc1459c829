import type { PersonAccessPolicyV1 } from '@ilinks/consent/contracts';
import type {
  InboxItemV1,
  LetterCopyV1,
  LetterV1,
  SendLetterRequestV1,
} from '@ilinks/correspondence/contracts';
import type { PersonViewV1 } from '@ilinks/identity-matching/contracts';
import type { Role } from '@ilinks/platform/security';
import { jsonOf } from '@ilinks/shared/testing';
import { ConsentStub, policyV1 } from '../access/consent-stub.testing';
import type { RequestAuditFacts } from '../audit/request-audit';
import { OTHER_PERSON_ID, PERSON_ID, personView } from '../patient/person-view.testing';
import {
  type BackendAnswer,
  type BackendCall,
  BackendStub,
  type GatewaySpecApp,
  startGatewaySpecApp,
} from '../testing/gateway-spec-app.testing';
import { GatewayCorrespondenceModule } from './correspondence.module';
import { BY_NHS_NUMBER, dischargeCommunication, PDF_BASE64, RBS_PAS } from './letter-examples.testing';
import { ATTACHMENT_SHA256_EXTENSION, ODS_ORGANISATION_SYSTEM, TEAM_SYSTEM } from './letter-fhir.systems';
import { copyV1, LETTER_ID, letterV1, SHA256 } from './letter.testing';

const NEW_LETTER_ID = '7c6b5a49-3827-4165-9443-3a2b1c0d9e8f';
const UNKNOWN_ID = '11111111-2222-4333-8444-555555555555';
const GP_PAS = { system: 'https://gp.example/Id/patient', value: 'GP-1' };
const MERGE = {
  mergeId: 'merge-1',
  mergedPersonId: OTHER_PERSON_ID,
  localRecordIds: ['lr-old-1'],
  reason: 'duplicate',
  mergedAt: '2025-06-01T10:00:00.000Z',
  undone: false,
};

/** Known to the hospital (RBS, as in `personView`) and a GP practice (Y12345); one merge folded in. */
const person: PersonViewV1 = personView({
  localRecords: [
    ...personView().localRecords,
    {
      localRecordId: 'lr-gp-1',
      organisation: 'Y12345',
      identifier: GP_PAS,
      linkedAt: '2025-01-02T10:00:00.000Z',
      method: 'nhs-number',
    },
  ],
  merges: [MERGE, { ...MERGE, mergeId: 'merge-2', mergedPersonId: UNKNOWN_ID, undone: true }],
});

const outcome = (code: string, diagnostics: string, expression?: string) => ({
  resourceType: 'OperationOutcome',
  issue: [{ severity: 'error', code, diagnostics, ...(expression ? { expression: [expression] } : {}) }],
});

/** The letter the stand-in service makes of a request. */
function letterOf(request: SendLetterRequestV1): LetterV1 {
  return letterV1({
    letterId: NEW_LETTER_ID,
    subject: request.subject,
    sentBy: request.sentBy,
    author: request.author,
    kind: request.kind,
    type: request.type,
    title: request.title,
    note: request.note,
    partnerDocumentId: request.partnerDocumentId,
    supersedes: request.supersedes,
    attachment: { contentType: 'application/pdf', size: 21, sha256: SHA256 },
    copies: request.recipients.map((recipient) => copyV1(recipient, { letterId: NEW_LETTER_ID })),
  });
}

/** A stand-in identity and correspondence service in one. */
class Backend {
  letters = new Map<string, LetterV1>();
  /** When set, `POST /letters` answers this. */
  sendAnswer: BackendAnswer | undefined;
  /** What `GET /letters?localRecordId=…` answers. */
  personLetters: LetterV1[] = [];

  reset(): void {
    this.letters = new Map([[LETTER_ID, letterV1({ partnerDocumentId: 'DS-2025-0900' })]]);
    this.sendAnswer = undefined;
    this.personLetters = [];
  }

  route(call: BackendCall): BackendAnswer | undefined {
    const [first, id, what, copyId, action] = call.url.pathname.split('/').slice(1);
    const query = call.url.searchParams;
    if (first === 'persons' && id === undefined) return [200, { persons: this.personsBy(query) }];
    if (first === 'persons') return id === PERSON_ID ? [200, person] : undefined;
    if (first === 'inbox') return [200, { items: [...this.letters.values()].map(inboxItemOf) }];
    if (first !== 'letters') return undefined;
    if (id === undefined && call.method === 'POST') return this.send(call.body as SendLetterRequestV1);
    if (id === undefined && query.has('sender')) return [200, { letters: [...this.letters.values()] }];
    if (id === undefined) return [200, { letters: this.personLetters, nextCursor: 'next-1' }];
    const letter = this.letters.get(id);
    if (letter === undefined) return undefined;
    if (what === undefined) return [200, letter];
    if (what === 'attachment') return [200, { ...letter.attachment, data: PDF_BASE64 }];
    const copy = letter.copies.find((candidate) => candidate.copyId === copyId);
    if (copy === undefined) return undefined;
    return actionOn(copy, action ?? '', call.body as Record<string, unknown>);
  }

  private personsBy(query: URLSearchParams): PersonViewV1[] {
    const value = query.get('identifierValue');
    const system = query.get('identifierSystem');
    const known =
      (system === RBS_PAS && value === 'RBS0012345') ||
      (system === GP_PAS.system && value === GP_PAS.value) ||
      (system === BY_NHS_NUMBER.identifier.system && value === '9434765919');
    return known ? [person] : [];
  }

  private send(request: SendLetterRequestV1): BackendAnswer {
    if (this.sendAnswer) return this.sendAnswer;
    const known = [...this.letters.values()].find(
      (letter) =>
        request.partnerDocumentId !== undefined && letter.partnerDocumentId === request.partnerDocumentId,
    );
    if (known) return [200, known];
    const letter = letterOf(request);
    this.letters.set(letter.letterId, letter);
    return [201, letter];
  }
}

function actionOn(copy: LetterCopyV1, action: string, body: Record<string, unknown>): BackendAnswer {
  switch (action) {
    case 'read':
      return [200, { ...copy, status: 'read', readBy: body['by'] }];
    case 'acknowledge':
      return [
        200,
        { ...copy, status: 'acknowledged', acknowledgedBy: body['by'], acknowledgementNote: body['note'] },
      ];
    case 'reject':
      return [200, { ...copy, status: 'rejected', rejectedBy: body['by'], rejectionReason: body['reason'] }];
    default:
      return [201, copyV1(body['to'] as LetterCopyV1['recipient'], { copyId: 'copy-forwarded' })];
  }
}

function inboxItemOf(letter: LetterV1): InboxItemV1 {
  const copy = letter.copies[0] as LetterCopyV1;
  return {
    copy,
    letterId: letter.letterId,
    subject: letter.subject,
    sentBy: letter.sentBy,
    kind: letter.kind,
    title: letter.title,
    sentAt: letter.sentAt,
    letterStatus: letter.status,
    overdue: false,
  };
}

interface Caller {
  readonly role?: Role;
  readonly org?: string;
  readonly patient?: string;
  readonly headers?: Record<string, string>;
}

describe('GatewayCorrespondenceModule over HTTP', () => {
  const consent = new ConsentStub();
  const backend = new Backend();
  const stub = new BackendStub((call) => backend.route(call));
  let gateway: GatewaySpecApp;

  beforeAll(async () => {
    await stub.start();
    await consent.start();
    gateway = await startGatewaySpecApp({
      name: 'correspondence',
      backend: stub,
      consent,
      modules: (services) => [
        GatewayCorrespondenceModule.forRoot({ services: { ...services, correspondence: stub.url } }),
      ],
    });
  });

  afterAll(async () => {
    await gateway.close();
    await stub.stop();
    await consent.stop();
  });

  beforeEach(() => {
    gateway.audited.length = 0;
    stub.calls.length = 0;
    backend.reset();
    consent.reset();
    consent.policies.set(PERSON_ID, policyV1(PERSON_ID));
  });

  /** A policy where A81001 (a GP practice with no record of the person) is registered practice. */
  const withPractice = (changes: Partial<PersonAccessPolicyV1> = {}) =>
    consent.policies.set(
      PERSON_ID,
      policyV1(PERSON_ID, {
        relationships: [
          {
            relationshipId: 'rel-1',
            organisation: 'A81001',
            kind: 'registered-practice',
            since: '2020-01-01T00:00:00.000Z',
          },
        ],
        ...changes,
      }),
    );
  const objectedAtRbs = {
    objections: [
      { objectionId: 'o-1', recordedBy: 'RBS', recordedAt: '2025-01-01T00:00:00.000Z', onBehalf: false },
    ],
  };

  async function call(method: string, path: string, body?: unknown, caller: Caller = {}): Promise<Response> {
    const { accessToken } = await gateway.issuer.issue({
      sub: 'user-1',
      org: caller.org ?? 'RBS',
      role: caller.role ?? 'practitioner',
      ...(caller.patient === undefined ? {} : { patient: caller.patient }),
    });
    return fetch(`${gateway.baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${accessToken}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...caller.headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  }

  const asSystem = (org = 'RBS'): Caller => ({ role: 'system', org });
  const lastAudit = (): RequestAuditFacts => {
    const facts = gateway.audited[gateway.audited.length - 1];
    if (!facts) throw new Error('no request was audited');
    return facts;
  };
  const callsTo = (method: string, path: string) =>
    stub.calls.filter((c) => c.method === method && c.url.pathname === path);
  const sentRequest = () => callsTo('POST', '/letters')[0]?.body as SendLetterRequestV1 | undefined;
  const expressionsOf = async (response: Response) =>
    ((await jsonOf(response)).issue as { expression?: string[] }[]).map((issue) => issue.expression?.[0]);

  it('declares Communication, DocumentReference and Binary in the CapabilityStatement', async () => {
    const statement = await jsonOf(await call('GET', '/fhir/metadata'));
    const interactions = Object.fromEntries(
      (statement.rest[0].resource as { type: string; interaction: { code: string }[] }[]).map((resource) => [
        resource.type,
        resource.interaction.map((interaction) => interaction.code),
      ]),
    );
    expect(interactions).toMatchObject({
      Binary: ['read'],
      Communication: ['read', 'create'],
      DocumentReference: ['read'],
    });
  });

  describe('POST /fhir/Communication', () => {
    it('sends the letter as the token organisation and answers 201 with the Communication as stored', async () => {
      const response = await call('POST', '/fhir/Communication', dischargeCommunication(), asSystem());
      expect(response.status).toBe(201);
      expect(response.headers.get('location')).toMatch(new RegExp(`/fhir/Communication/${NEW_LETTER_ID}$`));
      expect(response.headers.get('content-type')).toContain('application/fhir+json');
      expect(await jsonOf(response)).toMatchObject({
        resourceType: 'Communication',
        id: NEW_LETTER_ID,
        status: 'completed',
        sent: '2026-11-26T10:00:00.000Z',
        payload: [{ contentReference: { reference: `DocumentReference/${NEW_LETTER_ID}` } }],
      });
    });

    it('maps the patient, recipients, kind and document to the contract', async () => {
      await call('POST', '/fhir/Communication', dischargeCommunication(), asSystem());
      const request = sentRequest();
      expect(request).toMatchObject({
        subject: { personId: PERSON_ID, localRecordId: 'lr-rbs-1' },
        sentBy: { subject: 'user-1', role: 'system', organisation: 'RBS' },
        kind: 'discharge-summary',
        title: 'Discharge summary: cardiology ward',
        author: 'Dr A Khan, Cardiology',
        partnerDocumentId: 'DS-2026-0001',
        note: 'Please review the medication changes.',
        recipients: [
          { organisation: 'Y12345' },
          { organisation: 'RY8', team: 'district-nursing' },
          { organisation: 'Y12345', practitioner: 'gp-7' },
        ],
        attachment: { contentType: 'application/pdf', data: PDF_BASE64, title: 'discharge.pdf' },
      });
      expect(JSON.stringify(request?.documentReference)).not.toContain(PDF_BASE64);
    });

    it('audits the person and the letter', async () => {
      await call('POST', '/fhir/Communication', dischargeCommunication(), asSystem());
      expect(lastAudit()).toMatchObject({ operation: 'Communication.create', outcome: 'permitted' });
      expect([...lastAudit().personIds]).toEqual([PERSON_ID]);
      expect(lastAudit().entities).toEqual([{ resourceType: 'DocumentReference', id: NEW_LETTER_ID }]);
    });

    it('answers 200 when the same document is sent again unchanged', async () => {
      await call('POST', '/fhir/Communication', dischargeCommunication(), asSystem());
      const again = await call('POST', '/fhir/Communication', dischargeCommunication(), asSystem());
      expect(again.status).toBe(200);
      expect((await jsonOf(again)).id).toBe(NEW_LETTER_ID);
    });

    it('names the person, without a local record, for an NHS number or Patient/<person id>', async () => {
      await call(
        'POST',
        '/fhir/Communication',
        dischargeCommunication({ subject: BY_NHS_NUMBER }),
        asSystem(),
      );
      expect(sentRequest()?.subject).toEqual({ personId: PERSON_ID });
      stub.calls.length = 0;
      backend.reset();
      const byId = dischargeCommunication({ subject: { reference: `Patient/${PERSON_ID}` } });
      await call('POST', '/fhir/Communication', byId, asSystem());
      expect(sentRequest()?.subject).toEqual({ personId: PERSON_ID });
    });

    it.each([
      ['an unknown identifier', { identifier: { system: RBS_PAS, value: 'RBS-NONE' } }],
      ["another organisation's identifier", { identifier: GP_PAS }],
      ['an unknown person id', { reference: `Patient/${UNKNOWN_ID}` }],
    ])('answers 422 at Communication.subject for %s, and sends nothing', async (_, subject) => {
      const response = await call(
        'POST',
        '/fhir/Communication',
        dischargeCommunication({ subject }),
        asSystem(),
      );
      expect(response.status).toBe(422);
      const body = await jsonOf(response);
      expect(body.issue[0]).toMatchObject({ code: 'business-rule', expression: ['Communication.subject'] });
      expect(body.issue[0].diagnostics).toContain('register the patient first');
      expect(sentRequest()).toBeUndefined();
    });

    it.each([
      ['no recipient', { recipient: [] }, 'Communication.recipient'],
      [
        'an unknown recipient system',
        { recipient: [{ identifier: { system: 'https://example.org/Id/org', value: 'Y12345' } }] },
        'Communication.recipient[0].identifier.system',
      ],
      [
        'a bad ODS code',
        { recipient: [{ identifier: { system: ODS_ORGANISATION_SYSTEM, value: 'not ods' } }] },
        'Communication.recipient[0].identifier.value',
      ],
      [
        'a team without its organisation',
        { recipient: [{ identifier: { system: TEAM_SYSTEM, value: 'district-nursing' } }] },
        'Communication.recipient[0].identifier.value',
      ],
      ['no attachment', { payload: [{ contentString: 'see attached' }] }, 'Communication.payload[0]'],
      ['no subject', { subject: undefined }, 'Communication.subject'],
    ])('answers 400 for %s with its expression, and sends nothing', async (_, changes, expression) => {
      const response = await call('POST', '/fhir/Communication', dischargeCommunication(changes), asSystem());
      expect(response.status).toBe(400);
      expect(await expressionsOf(response)).toEqual([expression]);
      expect(sentRequest()).toBeUndefined();
    });

    it.each([
      [400, outcome('invalid', 'attachment.data is not base64', 'attachment.data'), 'attachment.data'],
      [413, outcome('too-long', 'the attachment is larger than 5242880 bytes'), undefined],
      [415, outcome('not-supported', 'the attachment is not the application/pdf it claims to be'), undefined],
    ])('passes the service answer %s through with its OperationOutcome', async (status, body, expression) => {
      backend.sendAnswer = [status, body];
      const response = await call('POST', '/fhir/Communication', dischargeCommunication(), asSystem());
      expect(response.status).toBe(status);
      const answered = await jsonOf(response);
      expect(answered.issue[0].diagnostics).toBe(body.issue[0]?.diagnostics);
      expect(answered.issue[0].expression?.[0]).toBe(expression);
    });

    it('refuses a sender who may not see the person (403) and a practitioner token (403)', async () => {
      const stranger = await call(
        'POST',
        '/fhir/Communication',
        dischargeCommunication({ subject: BY_NHS_NUMBER }),
        asSystem('XYZ99'),
      );
      expect(stranger.status).toBe(403);
      expect((await call('POST', '/fhir/Communication', dischargeCommunication())).status).toBe(403);
      expect(sentRequest()).toBeUndefined();
    });
  });

  describe('FHIR reads', () => {
    it('serves the DocumentReference with the attachment by Binary url and its SHA-256', async () => {
      const response = await call('GET', `/fhir/DocumentReference/${LETTER_ID}`, undefined, asSystem());
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('application/fhir+json');
      const resource = await jsonOf(response);
      expect(resource).toMatchObject({ resourceType: 'DocumentReference', id: LETTER_ID, status: 'current' });
      expect(resource.content[0].attachment).toMatchObject({
        url: `Binary/${LETTER_ID}`,
        extension: [{ url: ATTACHMENT_SHA256_EXTENSION, valueString: SHA256 }],
      });
      expect(lastAudit()).toMatchObject({ operation: 'DocumentReference.read' });
      expect(lastAudit().entities).toEqual([{ resourceType: 'DocumentReference', id: LETTER_ID }]);
    });

    it('serves the Communication to a recipient organisation', async () => {
      const response = await call('GET', `/fhir/Communication/${LETTER_ID}`, undefined, asSystem('Y12345'));
      expect(response.status).toBe(200);
      expect((await jsonOf(response)).recipient).toHaveLength(2);
    });

    it('serves a letter to an organisation the access decision allows', async () => {
      withPractice();
      const response = await call('GET', `/fhir/DocumentReference/${LETTER_ID}`, undefined, {
        org: 'A81001',
      });
      expect(response.status).toBe(200);
      expect([...lastAudit().personIds]).toEqual([PERSON_ID]);
    });

    it('answers 404 to an organisation that is neither sender, recipient nor allowed', async () => {
      const stranger = await call(
        'GET',
        `/fhir/DocumentReference/${LETTER_ID}`,
        undefined,
        asSystem('XYZ99'),
      );
      const unknown = await call(
        'GET',
        `/fhir/DocumentReference/${UNKNOWN_ID}`,
        undefined,
        asSystem('XYZ99'),
      );
      expect(stranger.status).toBe(404);
      expect(unknown.status).toBe(404);
      expect((await jsonOf(stranger)).issue).toEqual((await jsonOf(unknown)).issue);
      expect((await call('GET', '/fhir/Communication/not-a-uuid', undefined, asSystem())).status).toBe(404);
    });

    it("answers 404 when the person's objection keeps the sender's letters inside it", async () => {
      withPractice(objectedAtRbs);
      const response = await call('GET', `/fhir/DocumentReference/${LETTER_ID}`, undefined, {
        org: 'A81001',
      });
      expect(response.status).toBe(404);
    });

    it('serves the Binary bytes with the stored type, nosniff and as a download', async () => {
      const response = await call('GET', `/fhir/Binary/${LETTER_ID}`, undefined, asSystem('Y12345'));
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/pdf');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('content-disposition')).toBe(`attachment; filename="${LETTER_ID}.pdf"`);
      expect(Buffer.from(await response.arrayBuffer()).toString('base64')).toBe(PDF_BASE64);
      expect(lastAudit()).toMatchObject({ operation: 'Binary.read' });
    });

    it('serves a Binary resource when asked for FHIR JSON', async () => {
      const response = await call('GET', `/fhir/Binary/${LETTER_ID}`, undefined, {
        ...asSystem(),
        headers: { accept: 'application/fhir+json' },
      });
      expect(await jsonOf(response)).toEqual({
        resourceType: 'Binary',
        id: LETTER_ID,
        contentType: 'application/pdf',
        data: PDF_BASE64,
      });
    });
  });

  describe('JSON for clinical apps', () => {
    const letterBody = (changes: Record<string, unknown> = {}) => ({
      personId: PERSON_ID,
      kind: 'clinic-letter',
      title: 'Cardiology clinic letter',
      note: 'For your information.',
      recipients: [{ organisation: 'Y12345' }],
      attachment: { contentType: 'application/pdf', data: PDF_BASE64 },
      ...changes,
    });

    it("sends a letter about the person with the sender's own local record of them", async () => {
      const response = await call('POST', '/correspondence/letters', letterBody());
      expect(response.status).toBe(201);
      expect(sentRequest()).toEqual({
        subject: { personId: PERSON_ID, localRecordId: 'lr-rbs-1' },
        sentBy: { subject: 'user-1', role: 'practitioner', organisation: 'RBS' },
        kind: 'clinic-letter',
        title: 'Cardiology clinic letter',
        note: 'For your information.',
        recipients: [{ organisation: 'Y12345' }],
        attachment: { contentType: 'application/pdf', data: PDF_BASE64 },
      });
      expect(lastAudit()).toMatchObject({ operation: 'Letter.create' });
    });

    it('sends without a local record when the sender holds none', async () => {
      withPractice();
      await call('POST', '/correspondence/letters', letterBody(), { org: 'A81001' });
      expect(sentRequest()?.subject).toEqual({ personId: PERSON_ID });
    });

    it('refuses a bad body with the paths (400) and an unknown person (404)', async () => {
      const bad = await call(
        'POST',
        '/correspondence/letters',
        letterBody({ kind: 'memo', recipients: [{ organisation: 'nope' }] }),
      );
      expect(bad.status).toBe(400);
      expect(await expressionsOf(bad)).toEqual(['kind', 'recipients[0].organisation']);
      const unknown = await call('POST', '/correspondence/letters', letterBody({ personId: UNKNOWN_ID }));
      expect(unknown.status).toBe(404);
      expect(sentRequest()).toBeUndefined();
    });

    it("lists the caller's organisation's inbox, passing the filters on and auditing each letter", async () => {
      const response = await call(
        'GET',
        `/correspondence/inbox?team=district-nursing&status=open&kind=discharge-summary&overdue=true&personId=${PERSON_ID}&cursor=c1&limit=5`,
        undefined,
        { org: 'RY8' },
      );
      expect(response.status).toBe(200);
      expect((await jsonOf(response)).items).toHaveLength(1);
      const query = Object.fromEntries(callsTo('GET', '/inbox')[0]?.url.searchParams ?? []);
      expect(query).toEqual({
        organisation: 'RY8',
        team: 'district-nursing',
        personId: PERSON_ID,
        status: 'open',
        kind: 'discharge-summary',
        overdue: 'true',
        cursor: 'c1',
        limit: '5',
      });
      expect(lastAudit()).toMatchObject({ operation: 'Letter.search' });
      expect([...lastAudit().personIds]).toEqual([PERSON_ID]);
      expect(lastAudit().entities).toEqual([{ resourceType: 'DocumentReference', id: LETTER_ID }]);
    });

    it('refuses a bad inbox filter (400) and an individual (403)', async () => {
      expect((await call('GET', '/correspondence/inbox?status=lost')).status).toBe(400);
      expect((await call('GET', '/correspondence/inbox?limit=0')).status).toBe(400);
      expect((await call('GET', '/correspondence/inbox?overdue=maybe')).status).toBe(400);
      const individual = { role: 'individual' as const, org: 'NHSAPP', patient: PERSON_ID };
      expect((await call('GET', '/correspondence/inbox', undefined, individual)).status).toBe(403);
    });

    it("lists the caller's organisation's sent letters", async () => {
      const response = await call('GET', '/correspondence/sent?status=awaiting&limit=10');
      expect(response.status).toBe(200);
      const query = Object.fromEntries(callsTo('GET', '/letters')[0]?.url.searchParams ?? []);
      expect(query).toEqual({ sender: 'RBS', status: 'awaiting', limit: '10' });
      expect(lastAudit().entities).toEqual([{ resourceType: 'DocumentReference', id: LETTER_ID }]);
    });

    it('reads a letter with every copy, and its content', async () => {
      const letter = await call('GET', `/correspondence/letters/${LETTER_ID}`);
      expect(letter.status).toBe(200);
      expect((await jsonOf(letter)).copies).toHaveLength(2);
      const content = await call('GET', `/correspondence/letters/${LETTER_ID}/content`, undefined, {
        org: 'Y12345',
      });
      expect(content.headers.get('content-type')).toBe('application/pdf');
      expect(content.headers.get('x-content-type-options')).toBe('nosniff');
      expect(Buffer.from(await content.arrayBuffer()).toString('base64')).toBe(PDF_BASE64);
    });

    it('answers 404 for the letter and its content to an outsider', async () => {
      expect(
        (await call('GET', `/correspondence/letters/${LETTER_ID}`, undefined, { org: 'XYZ99' })).status,
      ).toBe(404);
      expect(
        (await call('GET', `/correspondence/letters/${LETTER_ID}/content`, undefined, { org: 'XYZ99' }))
          .status,
      ).toBe(404);
      expect(callsTo('GET', `/letters/${LETTER_ID}/attachment`)).toEqual([]);
    });

    describe('acting on a copy', () => {
      const copyId = 'copy-Y12345-org';
      const copyPath = (action: string) => `/correspondence/letters/${LETTER_ID}/copies/${copyId}/${action}`;
      const by = { subject: 'user-1', role: 'practitioner', organisation: 'Y12345' };
      const gp: Caller = { org: 'Y12345' };

      it('marks it read as the token user', async () => {
        const response = await call('POST', copyPath('read'), undefined, gp);
        expect(response.status).toBe(200);
        expect(callsTo('POST', `/letters/${LETTER_ID}/copies/${copyId}/read`)[0]?.body).toEqual({ by });
        expect(lastAudit()).toMatchObject({ operation: 'LetterCopy.update' });
        expect(lastAudit().entities).toEqual([
          { resourceType: 'DocumentReference', id: LETTER_ID },
          { resourceType: 'LetterCopy', id: copyId },
        ]);
      });

      it('acknowledges with a note and rejects with a reason', async () => {
        const acknowledged = await call('POST', copyPath('acknowledge'), { note: 'Seen.' }, gp);
        expect(acknowledged.status).toBe(200);
        expect(callsTo('POST', `/letters/${LETTER_ID}/copies/${copyId}/acknowledge`)[0]?.body).toEqual({
          by,
          note: 'Seen.',
        });
        const rejected = await call('POST', copyPath('reject'), { reason: 'wrong-patient' }, gp);
        expect((await jsonOf(rejected)).status).toBe('rejected');
        expect(callsTo('POST', `/letters/${LETTER_ID}/copies/${copyId}/reject`)[0]?.body).toEqual({
          by,
          reason: 'wrong-patient',
        });
      });

      it('forwards with a note (201), auditing the new copy', async () => {
        const to = { organisation: 'A81001', team: 'pharmacy' };
        const response = await call('POST', copyPath('forward'), { to, note: 'For the pharmacist.' }, gp);
        expect(response.status).toBe(201);
        expect(callsTo('POST', `/letters/${LETTER_ID}/copies/${copyId}/forward`)[0]?.body).toEqual({
          by,
          to,
          note: 'For the pharmacist.',
        });
        expect(lastAudit().entities).toContainEqual({ resourceType: 'LetterCopy', id: 'copy-forwarded' });
      });

      it('refuses a bad reason, a by in the body (400), an unknown copy and an outsider (404)', async () => {
        expect((await call('POST', copyPath('reject'), { reason: 'bored' }, gp)).status).toBe(400);
        expect((await call('POST', copyPath('acknowledge'), { by }, gp)).status).toBe(400);
        const unknownCopy = `/correspondence/letters/${LETTER_ID}/copies/copy-none/read`;
        expect((await call('POST', unknownCopy, undefined, gp)).status).toBe(404);
        expect((await call('POST', copyPath('read'), undefined, { org: 'XYZ99' })).status).toBe(404);
        expect(stub.calls.filter((c) => c.method === 'POST')).toEqual([]);
      });
    });

    describe("a person's letters", () => {
      const fromRbs = letterV1();
      const fromPractice = letterV1({
        letterId: NEW_LETTER_ID,
        sentBy: { subject: 'gp-1', role: 'practitioner', organisation: 'A81001' },
      });
      const personLetters = `/correspondence/persons/${PERSON_ID}/letters`;

      beforeEach(() => {
        backend.personLetters = [fromRbs, fromPractice];
      });

      it('asks by every current local record and every person merged in, and pages on', async () => {
        withPractice();
        const response = await call('GET', `${personLetters}?limit=5&cursor=c1`, undefined, {
          org: 'A81001',
        });
        expect(response.status).toBe(200);
        expect(await jsonOf(response)).toMatchObject({ nextCursor: 'next-1' });
        const query = callsTo('GET', '/letters')[0]?.url.searchParams;
        expect(query?.getAll('localRecordId')).toEqual(['lr-rbs-1', 'lr-gp-1']);
        expect(query?.getAll('personId')).toEqual([PERSON_ID, OTHER_PERSON_ID]);
        expect(query?.get('limit')).toBe('5');
        expect(query?.get('cursor')).toBe('c1');
      });

      it('leaves out the letters the decision hides, and audits them as withheld', async () => {
        withPractice(objectedAtRbs);
        const response = await call('GET', personLetters, undefined, { org: 'A81001' });
        const page = await jsonOf(response);
        expect(page.letters.map((letter: LetterV1) => letter.letterId)).toEqual([NEW_LETTER_ID]);
        expect(lastAudit().entities).toEqual([
          { resourceType: 'DocumentReference', id: LETTER_ID, withheld: true },
          { resourceType: 'DocumentReference', id: NEW_LETTER_ID },
        ]);
        expect(lastAudit().outcome).toBe('filtered');
      });

      it('shows the individual their own letters', async () => {
        const response = await call('GET', personLetters, undefined, {
          role: 'individual',
          org: 'NHSAPP',
          patient: PERSON_ID,
        });
        expect(response.status).toBe(200);
        expect((await jsonOf(response)).letters).toHaveLength(2);
      });

      it('answers 403 to a practitioner without a relationship and 404 for an unknown person', async () => {
        expect((await call('GET', personLetters, undefined, { org: 'XYZ99' })).status).toBe(403);
        expect((await call('GET', `/correspondence/persons/${UNKNOWN_ID}/letters`)).status).toBe(404);
        expect(callsTo('GET', '/letters')).toEqual([]);
      });
    });
  });
});
