import {
  CORRESPONDENCE_EVENT_SOURCE,
  CORRESPONDENCE_TOPIC,
  type LetterCopyChangedV1,
  LetterCopyChangedV1Event,
  type LetterSentV1,
  LetterSentV1Event,
} from '@ilinks/correspondence/contracts';
import { defineIntegrationEvent, type MessageBus, toValidatedBusMessage } from '@ilinks/platform/messaging';
import { openBus, type RunningService } from '@ilinks/platform/runtime';
import { FixedClock } from '@ilinks/shared/kernel';
import { jsonOf, waitFor } from '@ilinks/shared/testing';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EMBEDDED_FOR_SPECS, startConsentService } from '../testing/start-consent-service';

const letterSentV1 = defineIntegrationEvent(LetterSentV1Event);
const letterCopyChangedV1 = defineIntegrationEvent(LetterCopyChangedV1Event);
const SENT_AT = '2026-11-26T09:00:00.000Z';
const FORWARDED_AT = '2026-11-26T09:30:00.000Z';

describe('a letter gives the organisations it is sent to a referral (embedded adapters)', () => {
  let dataDir: string;
  let bus: MessageBus;
  let service: RunningService;
  const clock = new FixedClock(new Date('2026-11-26T10:00:00.000Z'));

  const relationshipsOf = async (personId: string) =>
    (await jsonOf(await fetch(`${service.url}/persons/${personId}/access-policy`))).relationships as {
      organisation: string;
      kind: string;
      until?: string;
    }[];

  const letter = (
    personId: string,
    recipients: readonly { organisation: string; team?: string }[],
  ): LetterSentV1 => ({
    letterId: randomUUID(),
    version: 1,
    personId,
    organisation: 'RBS',
    kind: 'discharge-summary',
    copies: recipients.map((recipient) => ({ copyId: randomUUID(), recipient })),
    sentAt: SENT_AT,
  });

  const messageOf = (data: LetterSentV1) =>
    toValidatedBusMessage(letterSentV1, data.letterId, {
      id: randomUUID(),
      source: CORRESPONDENCE_EVENT_SOURCE,
      subject: data.letterId,
      sequence: '0',
      time: data.sentAt,
      data,
    });

  const forwardOf = (
    sent: LetterSentV1,
    recipient: { organisation: string; team?: string },
    change: LetterCopyChangedV1['change'] = 'forwarded',
  ): LetterCopyChangedV1 => ({
    letterId: sent.letterId,
    copyId: randomUUID(),
    change,
    recipient,
    senderOrganisation: sent.organisation,
    forwardedFromCopyId: sent.copies[0]?.copyId,
    personId: sent.personId,
    changedAt: FORWARDED_AT,
  });

  const changeMessageOf = (data: LetterCopyChangedV1) =>
    toValidatedBusMessage(letterCopyChangedV1, data.letterId, {
      id: randomUUID(),
      source: CORRESPONDENCE_EVENT_SOURCE,
      subject: data.letterId,
      sequence: '1',
      time: data.changedAt,
      data,
    });

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ilinks-consent-letter-'));
    bus = openBus(EMBEDDED_FOR_SPECS, { dataDir }, 'test');
    await bus.ensureTopics([CORRESPONDENCE_TOPIC]);
    service = await startConsentService(dataDir, bus, clock);
  });

  afterAll(async () => {
    await service?.stop();
    await bus?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('records one referral per recipient organisation but the sender, however often it is delivered', async () => {
    const personId = randomUUID();
    const sent = letter(personId, [
      { organisation: 'Y12345' },
      { organisation: 'RY1', team: 'district-nursing' },
      { organisation: 'RBS', team: 'cardiology' },
    ]);
    await bus.publish([messageOf(sent)]);
    await bus.publish([messageOf(sent), messageOf(sent)]);
    const relationships = await waitFor(
      async () => {
        const current = await relationshipsOf(personId);
        return current.length >= 2 && current;
      },
      { description: 'the referrals to be recorded' },
    );
    expect(
      relationships.map((relationship) => [relationship.organisation, relationship.kind]).sort(),
    ).toEqual([
      ['RY1', 'referral'],
      ['Y12345', 'referral'],
    ]);
    expect(relationships[0]?.until).toBe('2027-02-24T09:00:00.000Z');
  });

  it('records a referral for an organisation a copy is forwarded to, from the forward, once however often it is delivered', async () => {
    const personId = randomUUID();
    const sent = letter(personId, [
      { organisation: 'Y12345' },
      { organisation: 'RY1', team: 'district-nursing' },
    ]);
    const toSocialCare = forwardOf(sent, { organisation: 'LA001', team: 'adult-social-care' });
    await bus.publish([messageOf(sent)]);
    await bus.publish([
      // Nothing for these: back to the sender, to a recipient already referred, not a forward.
      changeMessageOf(forwardOf(sent, { organisation: 'RBS', team: 'cardiology' })),
      changeMessageOf(forwardOf(sent, { organisation: 'RY1', team: 'community-matrons' })),
      changeMessageOf(forwardOf(sent, { organisation: 'Q99' }, 'read')),
      changeMessageOf(toSocialCare),
      changeMessageOf(toSocialCare),
      // Last on the letter's key: once it is recorded, everything before it has been handled.
      changeMessageOf(forwardOf(sent, { organisation: 'RW4' })),
    ]);
    const relationships = await waitFor(
      async () => {
        const current = await relationshipsOf(personId);
        return current.some((relationship) => relationship.organisation === 'RW4') && current;
      },
      { description: 'the forwards to be handled' },
    );
    expect(relationships.map((relationship) => relationship.organisation).sort()).toEqual([
      'LA001',
      'RW4',
      'RY1',
      'Y12345',
    ]);
    const untilOf = (organisation: string) =>
      relationships.find((relationship) => relationship.organisation === organisation)?.until;
    expect(untilOf('LA001')).toBe('2027-02-24T09:30:00.000Z');
    expect(untilOf('RY1')).toBe('2027-02-24T09:00:00.000Z');
  });
});
