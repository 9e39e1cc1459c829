import {
  CORRESPONDENCE_TOPIC,
  type InboxPageV1,
  type LetterCopyV1,
  type LettersPageV1,
  type LetterV1,
} from '@ilinks/correspondence/contracts';
import { fromBusMessage, type IntegrationEvent, type MessageBus } from '@ilinks/platform/messaging';
import { openBus, type RunningService } from '@ilinks/platform/runtime';
import { FixedClock } from '@ilinks/shared/kernel';
import { jsonOf, waitFor } from '@ilinks/shared/testing';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LetterReminders } from '../reminders/letter-reminders';
import { EMBEDDED_FOR_SPECS, startCorrespondenceService } from '../testing/start-correspondence-service';

const HOSPITAL = 'RXH01';
const OTHER_HOSPITAL = 'RXA01';
const PRACTICE = 'Y01234';
const COMMUNITY = 'RCOM1';
const PERSON = '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';
const LOCAL_RECORD = '1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d';
const drSender = { subject: 'dr-sender', role: 'practitioner', organisation: HOSPITAL };
const gpClerk = { subject: 'gp-clerk', role: 'practitioner', organisation: PRACTICE };
const drGp = { subject: 'dr-gp', role: 'practitioner', organisation: PRACTICE };
const districtNurse = { subject: 'nurse-dn', role: 'practitioner', organisation: COMMUNITY };
const outsider = { subject: 'dr-other', role: 'practitioner', organisation: OTHER_HOSPITAL };
const ACK_DUE_SECONDS = 60;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n', 'latin1').toString('base64');

describe('the correspondence service (embedded adapters, over HTTP)', () => {
  let dataDir: string;
  let bus: MessageBus;
  let service: RunningService;
  const clock = new FixedClock(new Date('2026-03-01T09:00:00.000Z'));
  const published: IntegrationEvent<{ letterId: string }>[] = [];

  const call = (method: string, path: string, body?: unknown, idempotencyKey?: string) =>
    fetch(`${service.url}${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(idempotencyKey === undefined ? {} : { 'idempotency-key': idempotencyKey }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const post = (path: string, body: unknown, key = `key-${randomUUID()}`) => call('POST', path, body, key);
  const get = (path: string) => call('GET', path);

  function letterRequest(overrides: Record<string, unknown> = {}) {
    return {
      subject: { personId: PERSON, localRecordId: LOCAL_RECORD },
      sentBy: drSender,
      author: 'Dr S Ender, Cardiology',
      kind: 'discharge-summary',
      type: { system: 'http://loinc.org', code: '18842-5', display: 'Discharge summary' },
      title: 'Discharge summary',
      note: 'Please review medication changes.',
      recipients: [{ organisation: PRACTICE }, { organisation: COMMUNITY, team: 'district-nursing' }],
      attachment: { contentType: 'application/pdf', data: PDF, title: 'discharge.pdf' },
      partnerDocumentId: `doc-${randomUUID()}`,
      ...overrides,
    };
  }

  async function send(overrides: Record<string, unknown> = {}): Promise<LetterV1> {
    clock.advance(1000);
    const response = await post('/letters', letterRequest(overrides));
    expect(response.status).toBe(201);
    return (await jsonOf(response)) as LetterV1;
  }

  const publishedFor = (type: string, letterId: string) =>
    waitFor(
      () =>
        published.some(
          (event) => event.type === `ilinks.correspondence.${type}.v1` && event.data.letterId === letterId,
        ),
      {
        description: `${type} published`,
      },
    );

  const copyOf = (letter: LetterV1, organisation: string): LetterCopyV1 =>
    letter.copies.find((copy) => copy.recipient.organisation === organisation) as LetterCopyV1;
  const act = (letter: LetterV1, copy: LetterCopyV1, action: string, body: unknown) =>
    post(`/letters/${letter.letterId}/copies/${copy.copyId}/${action}`, body);
  const inbox = async (query: string): Promise<InboxPageV1> =>
    (await jsonOf(await get(`/inbox?${query}`))) as InboxPageV1;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ilinks-correspondence-'));
    bus = openBus(EMBEDDED_FOR_SPECS, { dataDir }, 'test');
    await bus.ensureTopics([CORRESPONDENCE_TOPIC]);
    service = await startCorrespondenceService(dataDir, bus, {
      clock,
      env: {
        ILINKS_LETTER_ACK_DUE_SECONDS: String(ACK_DUE_SECONDS),
        ILINKS_LETTER_REMINDER_INTERVAL_SECONDS: '30',
        ILINKS_LETTER_MAX_REMINDERS: '2',
        ILINKS_LETTER_MAX_ATTACHMENT_BYTES: '1024',
      },
    });
    await bus.consume({ groupId: 'test-observer', topics: [CORRESPONDENCE_TOPIC] }, async (message) => {
      published.push(fromBusMessage(message) as IntegrationEvent<{ letterId: string }>);
    });
  });

  afterAll(async () => {
    await service?.stop();
    await bus?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('delivers a letter to a GP and a community team: each inbox has its copy', async () => {
    const letter = await send();
    expect(letter).toMatchObject({
      status: 'current',
      version: 1,
      title: 'Discharge summary',
      attachment: { contentType: 'application/pdf', title: 'discharge.pdf' },
    });
    expect(letter.copies.map((copy) => copy.status)).toEqual(['delivered', 'delivered']);
    const gp = await inbox(`organisation=${PRACTICE}`);
    expect(gp.items.find((item) => item.letterId === letter.letterId)?.copy.copyId).toBe(
      copyOf(letter, PRACTICE).copyId,
    );
    const team = await inbox(`organisation=${COMMUNITY}&team=district-nursing`);
    expect(team.items.find((item) => item.letterId === letter.letterId)).toMatchObject({
      kind: 'discharge-summary',
      letterStatus: 'current',
      overdue: false,
    });
    const attachment = await jsonOf(await get(`/letters/${letter.letterId}/attachment`));
    expect(attachment).toMatchObject({ contentType: 'application/pdf', data: PDF });
    await publishedFor('letter-sent', letter.letterId);
  });

  it('records reads, acknowledgements and rejections; the sender sees every copy', async () => {
    const letter = await send();
    const read = await act(letter, copyOf(letter, PRACTICE), 'read', { by: gpClerk });
    expect(read.status).toBe(200);
    expect(await jsonOf(read)).toMatchObject({ status: 'read', readBy: gpClerk });
    const acknowledged = await act(letter, copyOf(letter, PRACTICE), 'acknowledge', {
      by: drGp,
      note: 'Actioned.',
    });
    expect(await jsonOf(acknowledged)).toMatchObject({
      status: 'acknowledged',
      acknowledgementNote: 'Actioned.',
    });
    const rejected = await act(letter, copyOf(letter, COMMUNITY), 'reject', {
      by: districtNurse,
      reason: 'not-for-this-service',
    });
    expect(await jsonOf(rejected)).toMatchObject({
      status: 'rejected',
      rejectionReason: 'not-for-this-service',
    });
    const seen = (await jsonOf(await get(`/letters/${letter.letterId}`))) as LetterV1;
    expect(seen.copies.map((copy) => [copy.recipient.organisation, copy.status])).toEqual([
      [PRACTICE, 'acknowledged'],
      [COMMUNITY, 'rejected'],
    ]);
    const closed = (await jsonOf(await get(`/letters?sender=${HOSPITAL}&status=closed`))) as LettersPageV1;
    expect(closed.letters.map((l) => l.letterId)).toContain(letter.letterId);
    const awaiting = (await jsonOf(
      await get(`/letters?sender=${HOSPITAL}&status=awaiting`),
    )) as LettersPageV1;
    expect(awaiting.letters.map((l) => l.letterId)).not.toContain(letter.letterId);
  });

  it('changes nothing on a second acknowledgement and refuses a rejection after it (409)', async () => {
    const letter = await send();
    const copy = copyOf(letter, PRACTICE);
    const first = await jsonOf(await act(letter, copy, 'acknowledge', { by: gpClerk }));
    clock.advance(1000);
    expect(await jsonOf(await act(letter, copy, 'acknowledge', { by: drGp }))).toEqual(first);
    expect((await act(letter, copy, 'reject', { by: gpClerk, reason: 'wrong-patient' })).status).toBe(409);
  });

  it("refuses another organisation's acknowledgement (403)", async () => {
    const letter = await send();
    const response = await act(letter, copyOf(letter, PRACTICE), 'acknowledge', { by: outsider });
    expect(response.status).toBe(403);
  });

  it('forwards a copy with a note, keeping the chain', async () => {
    const letter = await send();
    const response = await act(letter, copyOf(letter, PRACTICE), 'forward', {
      by: gpClerk,
      to: { organisation: PRACTICE, team: 'pharmacy' },
      note: 'Medication review please.',
    });
    expect(response.status).toBe(201);
    const forwarded = (await jsonOf(response)) as LetterCopyV1;
    expect(forwarded).toMatchObject({
      status: 'delivered',
      recipient: { organisation: PRACTICE, team: 'pharmacy' },
      forwardedFrom: {
        copyId: copyOf(letter, PRACTICE).copyId,
        by: gpClerk,
        note: 'Medication review please.',
      },
    });
    const pharmacy = await inbox(`organisation=${PRACTICE}&team=pharmacy`);
    expect(pharmacy.items.map((item) => item.copy.copyId)).toContain(forwarded.copyId);
    expect(((await jsonOf(await get(`/letters/${letter.letterId}`))) as LetterV1).copies).toHaveLength(3);
    const again = await act(letter, copyOf(letter, PRACTICE), 'forward', {
      by: gpClerk,
      to: { organisation: COMMUNITY, team: 'district-nursing' },
      note: 'Again.',
    });
    expect(again.status).toBe(400);
  });

  it('keeps a resent document as one letter (200) and refuses a changed one (409)', async () => {
    const request = letterRequest();
    clock.advance(1000);
    const first = (await jsonOf(await post('/letters', request))) as LetterV1;
    const resent = await post('/letters', request);
    expect(resent.status).toBe(200);
    expect(((await jsonOf(resent)) as LetterV1).letterId).toBe(first.letterId);
    const changed = await post('/letters', { ...request, title: 'Discharge summary (amended)' });
    expect(changed.status).toBe(409);
    const retried = await post('/letters', request, 'same-key-0001');
    expect(retried.status).toBe(200);
  });

  it('answers a retry with the same key as the first time', async () => {
    clock.advance(1000);
    const request = letterRequest({ partnerDocumentId: undefined });
    const first = await post('/letters', request, 'send-retry-0001');
    expect(first.status).toBe(201);
    const again = await post('/letters', request, 'send-retry-0001');
    expect(again.status).toBe(201);
    expect(((await jsonOf(again)) as LetterV1).letterId).toBe(((await jsonOf(first)) as LetterV1).letterId);
  });

  it('supersedes a letter with a correction: version 2, the old one superseded and still readable', async () => {
    const old = await send();
    const correction = await send({ supersedes: old.letterId, title: 'Discharge summary (corrected)' });
    expect(correction).toMatchObject({ version: 2, supersedes: old.letterId, status: 'current' });
    const reread = (await jsonOf(await get(`/letters/${old.letterId}`))) as LetterV1;
    expect(reread).toMatchObject({ status: 'superseded', supersededBy: correction.letterId, version: 1 });
    const gp = await inbox(`organisation=${PRACTICE}&limit=100`);
    expect(gp.items.find((item) => item.letterId === correction.letterId)?.letterStatus).toBe('current');
    expect(gp.items.find((item) => item.letterId === old.letterId)?.letterStatus).toBe('superseded');
    const other = await post('/letters', letterRequest({ supersedes: old.letterId }));
    expect(other.status).toBe(409);
    const foreign = await post(
      '/letters',
      letterRequest({ supersedes: correction.letterId, sentBy: outsider }),
    );
    expect(foreign.status).toBe(403);
    await publishedFor('letter-superseded', old.letterId);
  });

  it('supersedes nothing when the correction itself is refused (its document id already used for other content)', async () => {
    const old = await send();
    const taken = await send({ title: 'Clinic letter' });
    const refused = await post(
      '/letters',
      letterRequest({
        partnerDocumentId: taken.partnerDocumentId,
        title: 'Discharge summary (corrected)',
        supersedes: old.letterId,
      }),
    );
    expect(refused.status).toBe(409);
    const reread = (await jsonOf(await get(`/letters/${old.letterId}`))) as LetterV1;
    expect(reread.status).toBe('current');
    expect(reread.supersededBy).toBeUndefined();
  });

  it("lists a person's letters by local record and by person id, newest first, in pages", async () => {
    const person = randomUUID();
    const record = randomUUID();
    const byRecord = await send({ subject: { personId: person, localRecordId: record } });
    const byPerson = await send({ subject: { personId: person } });
    const elsewhere = await send({ subject: { personId: randomUUID() } });
    const first = (await jsonOf(
      await get(`/letters?localRecordId=${record}&personId=${person}&limit=1`),
    )) as LettersPageV1;
    expect(first.letters.map((l) => l.letterId)).toEqual([byPerson.letterId]);
    const second = (await jsonOf(
      await get(`/letters?localRecordId=${record}&personId=${person}&limit=1&cursor=${first.nextCursor}`),
    )) as LettersPageV1;
    expect(second.letters.map((l) => l.letterId)).toEqual([byRecord.letterId]);
    const rest =
      second.nextCursor === undefined
        ? { letters: [] }
        : ((await jsonOf(
            await get(
              `/letters?localRecordId=${record}&personId=${person}&limit=1&cursor=${second.nextCursor}`,
            ),
          )) as LettersPageV1);
    expect(rest.letters).toEqual([]);
    const onlyRecord = (await jsonOf(await get(`/letters?localRecordId=${record}`))) as LettersPageV1;
    expect(onlyRecord.letters.map((l) => l.letterId)).toEqual([byRecord.letterId]);
    expect(onlyRecord.letters.map((l) => l.letterId)).not.toContain(elsewhere.letterId);
  });

  it('raises a reminder once when due, and none after acknowledgement', async () => {
    const reminders = service.app.get(LetterReminders);
    const letter = await send({
      recipients: [{ organisation: PRACTICE, practitioner: 'dr-gp' }, { organisation: COMMUNITY }],
    });
    await reminders.sweepOnce();
    const due = await inbox(`organisation=${PRACTICE}&practitioner=dr-gp&overdue=true`);
    expect(due.items.map((item) => item.letterId)).not.toContain(letter.letterId);
    await act(letter, copyOf(letter, COMMUNITY), 'acknowledge', { by: districtNurse });
    clock.advance(ACK_DUE_SECONDS * 1000);
    await reminders.sweepOnce();
    await reminders.sweepOnce();
    const seen = (await jsonOf(await get(`/letters/${letter.letterId}`))) as LetterV1;
    expect(copyOf(seen, PRACTICE).reminders.map((reminder) => reminder.number)).toEqual([1]);
    expect(copyOf(seen, COMMUNITY).reminders).toEqual([]);
    const overdue = await inbox(`organisation=${PRACTICE}&practitioner=dr-gp&overdue=true`);
    expect(overdue.items.map((item) => item.letterId)).toContain(letter.letterId);
    expect(overdue.items.every((item) => item.overdue)).toBe(true);
    expect((await act(letter, copyOf(letter, PRACTICE), 'acknowledge', { by: gpClerk })).status).toBe(403);
    await act(letter, copyOf(letter, PRACTICE), 'acknowledge', { by: drGp });
    clock.advance(3600 * 1000);
    await reminders.sweepOnce();
    const after = (await jsonOf(await get(`/letters/${letter.letterId}`))) as LetterV1;
    expect(copyOf(after, PRACTICE).reminders).toHaveLength(1);
    await publishedFor('letter-acknowledgement-overdue', letter.letterId);
  });

  describe('bad input: 4xx with paths, nothing stored', () => {
    it.each([
      ['an empty title', { title: ' ' }, 'title'],
      ['no recipient', { recipients: [] }, 'recipients'],
      [
        'a recipient twice',
        { recipients: [{ organisation: PRACTICE }, { organisation: PRACTICE }] },
        'recipients[1]',
      ],
      ['an unknown kind', { kind: 'fax' }, 'kind'],
      ['a bad subject', { subject: { personId: 'nobody' } }, 'subject.personId'],
    ])('refuses %s (400)', async (_, overrides, path) => {
      const request = letterRequest(overrides);
      const response = await post('/letters', request);
      expect(response.status).toBe(400);
      const outcome = await jsonOf(response);
      expect(JSON.stringify(outcome)).toContain(path);
      expect(
        (await jsonOf(await get(`/letters?sender=${HOSPITAL}&limit=100`))).letters.map(
          (l: LetterV1) => l.partnerDocumentId,
        ),
      ).not.toContain(request.partnerDocumentId);
    });

    it('refuses an attachment that is not what it claims (415) and one too large (413)', async () => {
      const fake = await post(
        '/letters',
        letterRequest({
          attachment: { contentType: 'application/pdf', data: Buffer.from('hello').toString('base64') },
        }),
      );
      expect(fake.status).toBe(415);
      const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(2048, 32)]).toString('base64');
      expect(
        (await post('/letters', letterRequest({ attachment: { contentType: 'application/pdf', data: big } })))
          .status,
      ).toBe(413);
    });

    it("refuses a rejection 'other' without text and an unknown copy", async () => {
      const letter = await send();
      const other = await act(letter, copyOf(letter, PRACTICE), 'reject', { by: gpClerk, reason: 'other' });
      expect(other.status).toBe(400);
      expect(JSON.stringify(await jsonOf(other))).toContain('text');
      expect(
        (await post(`/letters/${letter.letterId}/copies/${randomUUID()}/read`, { by: gpClerk })).status,
      ).toBe(404);
      expect((await get(`/inbox`)).status).toBe(400);
    });
  });
});
