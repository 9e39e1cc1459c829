import { nhsNumberClaimStream, personStream, localRecordStream } from '@ilinks/identity-matching/domain';
import { type EventStore, SqliteEventStore } from '@ilinks/platform/event-store';
import type { MessageBus } from '@ilinks/platform/messaging';
import { openBus, type RunningService } from '@ilinks/platform/runtime';
import { jsonOf } from '@ilinks/shared/testing';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { identityMatchingService } from '../identity-matching.service';
import { EMBEDDED_FOR_SPECS, startIdentityService } from '../testing/start-identity-service';

// Another replica of the identity service, over the same event store, is played by this test: it
// claims an NHS number (and, or not, goes on to create its person) while this replica registers a
// record with that number. Only the claim stream stands between them and two persons.
describe('an NHS number claimed by another replica at the same time', () => {
  let dataDir: string;
  let bus: MessageBus;
  let service: RunningService;
  let otherReplica: EventStore;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ilinks-replicas-'));
    bus = openBus(EMBEDDED_FOR_SPECS, { dataDir }, 'test');
    service = await startIdentityService(dataDir, bus);
    otherReplica = new SqliteEventStore(join(dataDir, identityMatchingService.name, 'events.sqlite'));
  }, 60_000);

  afterAll(async () => {
    await service?.stop();
    await bus?.close();
    await otherReplica?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const demographics = (nhsNumber: string, family = 'Okafor') => ({
    nhsNumber,
    names: [{ family, given: ['Chidi'] }],
    birthDate: family === 'Okafor' ? '1971-08-02' : '1990-01-17',
    gender: 'male',
    addresses: [],
    telecom: [],
  });
  const register = (nhsNumber: string, value: string, family?: string) =>
    fetch(`${service.url}/local-records`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        organisation: 'RBS',
        identifier: { system: 'https://rbs.example/Id/mrn', value },
        demographics: demographics(nhsNumber, family),
      }),
    });
  const append = (stream: string, type: string, data: unknown) =>
    otherReplica.appendToStream(stream, [{ id: randomUUID(), type, data }], { expectedRevision: 'any' });
  const at = new Date().toISOString();

  it('links to the other replica’s person once it appears, instead of making a second one', async () => {
    const nhsNumber = '9434765870';
    const theirPerson = randomUUID();
    const theirRecord = randomUUID();
    await append(nhsNumberClaimStream(nhsNumber), 'NhsNumberClaimed', {
      personId: theirPerson,
      localRecordId: theirRecord,
      claimedAt: at,
    });
    const answer = register(nhsNumber, 'OURS-1');
    // The other replica finishes its registration a moment later.
    setTimeout(() => {
      void append(localRecordStream(theirRecord), 'LocalRecordRegistered', {
        localRecordId: theirRecord,
        organisation: 'Y12345',
        identifier: { system: 'https://y12345.example/Id/patient', value: 'THEIRS-1' },
        demographics: demographics(nhsNumber),
        registeredAt: at,
      }).then(() =>
        append(personStream(theirPerson), 'PersonRegistered', {
          personId: theirPerson,
          localRecordId: theirRecord,
          method: 'new-person',
          registeredAt: at,
        }),
      );
    }, 400);
    const body = await jsonOf(await answer);
    expect(body).toMatchObject({ personId: theirPerson, link: { outcome: 'linked', method: 'nhs-number' } });
  }, 30_000);

  it('adopts a claim whose person never appears, so the NHS number is never locked out', async () => {
    const nhsNumber = '9434765919';
    const abandoned = randomUUID();
    await append(nhsNumberClaimStream(nhsNumber), 'NhsNumberClaimed', {
      personId: abandoned,
      localRecordId: randomUUID(),
      claimedAt: at,
    });
    const body = await jsonOf(await register(nhsNumber, 'OURS-2', 'Adeyemi'));
    expect(body).toMatchObject({ personId: abandoned, link: { outcome: 'new-person' } });
    expect(body.person.localRecords).toHaveLength(1);
  }, 30_000);
});
