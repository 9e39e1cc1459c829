import { IdentityWriteQueue } from './identity-write-queue';

describe('IdentityWriteQueue', () => {
  it('runs work one at a time, in the order it was queued', async () => {
    const queue = new IdentityWriteQueue();
    const log: string[] = [];
    const job = (name: string, ms: number) =>
      queue.run(async () => {
        log.push(`start ${name}`);
        await new Promise((resolve) => setTimeout(resolve, ms));
        log.push(`end ${name}`);
        return name;
      });
    expect(await Promise.all([job('a', 20), job('b', 1), job('c', 5)])).toEqual(['a', 'b', 'c']);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });

  it('goes on after a failed job, which fails alone', async () => {
    const queue = new IdentityWriteQueue();
    const failed = queue.run(() => Promise.reject(new Error('boom')));
    const next = queue.run(() => Promise.resolve('next'));
    await expect(failed).rejects.toThrow('boom');
    await expect(next).resolves.toBe('next');
  });
});
