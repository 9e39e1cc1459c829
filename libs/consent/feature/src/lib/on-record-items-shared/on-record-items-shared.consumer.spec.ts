import { defineIntegrationEvent, type MessageBus, toValidatedBusMessage } from '@ilinks/platform/messaging';
import { openBus, type RunningService } from '@ilinks/platform/runtime';
import {
  RECORD_EVENT_SOURCE,
  RECORD_TOPIC,
  type RecordItemsSharedV1,
  RecordItemsSharedV1Event,
} from '@ilinks/record-projection/contracts';
import { FixedClock } from '@ilinks/shared/kernel';
import { jsonOf, waitFor } from '@ilinks/shared/testing';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EMBEDDED_FOR_SPECS, startConsentService } from '../testing/start-consent-service';

const itemsSharedV1 = defineIntegrationEvent(RecordItemsSharedV1Event);
const SHARED_AT = '2026-11-26T09:00:00.000Z';

describe('a share of record items gives its recipient a referral (embedded adapters)', () => {
  let dataDir: string;
  let bus: MessageBus;
  let service: RunningService;
  const clock = new FixedClock(new Date('2026-11-26T10:00:00.000Z'));

  const relationshipsOf = async (personId: string) =>
    (await jsonOf(await fetch(`${service.url}/persons/${personId}/access-policy`))).relationships as {
      organisation: string;
      kind: string;
      since: string;
      until?: string;
    }[];

  function shareMessage(data: RecordItemsSharedV1, id = randomUUID()) {
    return toValidatedBusMessage(itemsSharedV1, data.personId, {
      id,
      source: RECORD_EVENT_SOURCE,
      subject: data.shareId,
      sequence: '0',
      time: data.sharedAt,
      data,
    });
  }

  function share(personId: string, recipientOrganisation: string): RecordItemsSharedV1 {
    return {
      shareId: randomUUID(),
      personId,
      organisation: 'RBS',
      recipientOrganisation,
      entryIds: [randomUUID()],
      sharedAt: SHARED_AT,
    };
  }

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ilinks-consent-share-'));
    bus = openBus(EMBEDDED_FOR_SPECS, { dataDir }, 'test');
    await bus.ensureTopics([RECORD_TOPIC]);
    service = await startConsentService(dataDir, bus, clock);
  });

  afterAll(async () => {
    await service?.stop();
    await bus?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('records one 90-day referral for the recipient organisation, however often the share is delivered', async () => {
    const personId = randomUUID();
    const shared = share(personId, 'Y12345');
    const message = shareMessage(shared);
    await bus.publish([message]);
    await bus.publish([message, shareMessage(shared)]);
    const marker = share(personId, 'A81001');
    await bus.publish([shareMessage(marker)]);

    const relationships = await waitFor(
      async () => {
        const current = await relationshipsOf(personId);
        return current.some((relationship) => relationship.organisation === 'A81001') && current;
      },
      { description: 'the referrals to be recorded' },
    );
    expect(relationships.filter((relationship) => relationship.organisation === 'Y12345')).toEqual([
      expect.objectContaining({
        kind: 'referral',
        since: SHARED_AT,
        until: '2027-02-24T09:00:00.000Z',
      }),
    ]);
  });

  it('records none for a share within the sending organisation', async () => {
    const personId = randomUUID();
    await bus.publish([shareMessage({ ...share(personId, 'RBS'), recipientTeam: 'respiratory' })]);
    await bus.publish([shareMessage(share(personId, 'Y12345'))]);
    const relationships = await waitFor(
      async () => {
        const current = await relationshipsOf(personId);
        return current.length > 0 && current;
      },
      { description: 'the referral to be recorded' },
    );
    expect(relationships.map((relationship) => relationship.organisation)).toEqual(['Y12345']);
  });
});
