import { waitFor } from '@ilinks/shared/testing';
import { PlatformProcess } from './support/platform-process';
import { countIndexed, indexed, register } from './support/registrations';

/**
 * Registers records from several concurrent writers until `stopAfter` are acknowledged, then kills
 * the platform with SIGKILL while writes, relaying and consuming are all in flight.
 */
async function writeUntilKilled(platform: PlatformProcess, stopAfter: number): Promise<Map<number, string>> {
  const identityUrl = platform.serviceUrl('identity-matching');
  const acknowledged = new Map<number, string>();
  let next = 0;
  let killed = false;
  const writer = async () => {
    while (!killed) {
      const index = next++;
      try {
        acknowledged.set(index, await register(identityUrl, index));
      } catch {
        return; // the process is gone: this request was never acknowledged
      }
      if (acknowledged.size >= stopAfter && !killed) {
        killed = true;
        await platform.kill();
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, writer));
  return acknowledged;
}

describe('the embedded platform killed with SIGKILL mid-flow', () => {
  let platform: PlatformProcess;

  beforeAll(async () => {
    platform = await PlatformProcess.start();
  }, 90_000);

  afterAll(async () => {
    await platform?.dispose();
  });

  it('loses no acknowledged event and duplicates no effect after a restart', async () => {
    const acknowledged = await writeUntilKilled(platform, 300);
    expect(acknowledged.size).toBeGreaterThanOrEqual(300);

    await platform.start();
    const recordProjection = platform.serviceUrl('record-projection');
    // Every acknowledged registration reaches the other service, through the relay and the bus.
    await waitFor(async () => (await countIndexed(recordProjection)) >= acknowledged.size, {
      timeoutMs: 30_000,
      description: 'every acknowledged registration is indexed after the restart',
    });
    for (const localRecordId of acknowledged.values()) {
      expect(await indexed(recordProjection, localRecordId)).toBe(true);
    }

    // Requests cut off by the kill may or may not have been stored; none may appear twice. The
    // writers used indexes 0..n without gaps, so at most the in-flight ones (8 writers) are extra.
    const total = await countIndexed(recordProjection);
    expect(total).toBeLessThanOrEqual(acknowledged.size + 8);
  }, 120_000);
});
