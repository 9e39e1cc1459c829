import { waitFor } from '@ilinks/shared/testing';
import { randomUUID } from 'node:crypto';
import { kafkaAndMongoEnvironment, kafkaBroker } from './support/infra';
import { PlatformProcess } from './support/platform-process';
import {
  countIndexed as countIndexedFor,
  indexed,
  organisationForThisRun,
  register,
} from './support/registrations';

// Topics and consumer groups are shared with earlier runs on the same broker; this run counts only its own records.
const organisation = organisationForThisRun();
const countIndexed = (recordProjectionUrl: string) => countIndexedFor(recordProjectionUrl, organisation);

async function registerRange(
  identityUrl: string,
  from: number,
  count: number,
  ids: Map<number, string>,
): Promise<void> {
  for (let index = from; index < from + count; index++)
    ids.set(index, await register(identityUrl, index, organisation));
}

describe('the platform on real Kafka and a MongoDB-wire server', () => {
  let platform: PlatformProcess;

  beforeAll(async () => {
    platform = await PlatformProcess.start(undefined, kafkaAndMongoEnvironment(randomUUID().slice(0, 8)));
  }, 120_000);

  afterAll(async () => {
    await platform?.dispose();
  });

  it(
    'carries registrations from identity to the record index through Kafka',
    () =>
      platform.explainFailure(async () => {
        const ids = new Map<number, string>();
        await registerRange(platform.serviceUrl('identity-matching'), 0, 20, ids);
        const recordProjection = platform.serviceUrl('record-projection');
        await waitFor(async () => (await countIndexed(recordProjection)) === 20, {
          timeoutMs: 30_000,
          description: '20 indexed',
        });
        for (const id of ids.values()) expect(await indexed(recordProjection, id)).toBe(true);
      }),
    60_000,
  );

  it(
    'loses nothing and duplicates no effect when the broker stops and starts again while events flow',
    () =>
      platform.explainFailure(async () => {
        const identity = platform.serviceUrl('identity-matching');
        const recordProjection = platform.serviceUrl('record-projection');
        const before = await countIndexed(recordProjection);
        const ids = new Map<number, string>();
        await registerRange(identity, 1000, 15, ids);
        await kafkaBroker('stop');
        try {
          // The event store is the outbox: writes are still acknowledged while the broker is away.
          await registerRange(identity, 1015, 15, ids);
        } finally {
          await kafkaBroker('start');
        }
        await registerRange(identity, 1030, 15, ids);
        await waitFor(async () => (await countIndexed(recordProjection)) >= before + ids.size, {
          timeoutMs: 90_000,
          intervalMs: 250,
          description: 'every registration made around the broker restart is indexed',
        });
        expect(await countIndexed(recordProjection)).toBe(before + ids.size);
        for (const id of ids.values()) expect(await indexed(recordProjection, id)).toBe(true);
      }),
    180_000,
  );

  it(
    'loses nothing and duplicates no effect when the process is killed mid-batch',
    () =>
      platform.explainFailure(async () => {
        const before = await countIndexed(platform.serviceUrl('record-projection'));
        const ids = new Map<number, string>();
        await registerRange(platform.serviceUrl('identity-matching'), 2000, 60, ids);
        // Kill while the relay and the consumer are still working through the backlog.
        await platform.kill();
        await platform.start();
        // Services listen on new ports after the restart.
        const recordProjection = platform.serviceUrl('record-projection');
        await waitFor(async () => (await countIndexed(recordProjection)) >= before + ids.size, {
          timeoutMs: 90_000,
          intervalMs: 250,
          description: 'the backlog is indexed after the restart',
        });
        expect(await countIndexed(recordProjection)).toBe(before + ids.size);
        for (const id of ids.values()) expect(await indexed(recordProjection, id)).toBe(true);
      }),
    // Each registration is matched against the views in the MongoDB-wire server: FerretDB indexes
    // only _id (ADR 0005), so a blocking lookup scans the collection — far slower than on MongoDB.
    240_000,
  );
});
