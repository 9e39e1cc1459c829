import { PeriodicSweep } from './periodic-sweep';

const waitFor = async (condition: () => boolean, timeoutMs = 2_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

describe('PeriodicSweep', () => {
  it('runs rounds every interval until stopped', async () => {
    let rounds = 0;
    const sweep = new PeriodicSweep({
      name: 'test',
      intervalMs: 10,
      sweep: async () => void rounds++,
      onError: () => undefined,
    });
    sweep.start();
    await waitFor(() => rounds >= 3);
    await sweep.stop();
    const afterStop = rounds;
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(rounds).toBe(afterStop);
  });

  it('never overlaps two rounds', async () => {
    let active = 0;
    let most = 0;
    let rounds = 0;
    const sweep = new PeriodicSweep({
      name: 'test',
      intervalMs: 1,
      sweep: async () => {
        active++;
        most = Math.max(most, active);
        await new Promise((resolve) => setTimeout(resolve, 15));
        active--;
        rounds++;
      },
      onError: () => undefined,
    });
    sweep.start();
    void sweep.runOnce();
    await waitFor(() => rounds >= 3);
    await sweep.stop();
    expect(most).toBe(1);
  });

  it('tells of a failed round and goes on with the next', async () => {
    const errors: unknown[] = [];
    let rounds = 0;
    const sweep = new PeriodicSweep({
      name: 'test',
      intervalMs: 5,
      sweep: async () => {
        rounds++;
        if (rounds === 1) throw new Error('store unavailable');
      },
      onError: (error) => errors.push(error),
    });
    sweep.start();
    await waitFor(() => rounds >= 2);
    await sweep.stop();
    expect(errors).toEqual([new Error('store unavailable')]);
  });

  it('runs one round on demand, without being started', async () => {
    let rounds = 0;
    const sweep = new PeriodicSweep({
      name: 'test',
      intervalMs: 60_000,
      sweep: async () => void rounds++,
      onError: () => undefined,
    });
    await sweep.runOnce();
    expect(rounds).toBe(1);
    await sweep.stop();
  });
});
