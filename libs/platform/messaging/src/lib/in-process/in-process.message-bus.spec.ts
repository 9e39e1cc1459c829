import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { messageBusContract } from '../message-bus.contract';
import type { ConsumedMessage } from '../messaging.port';
import { waitFor } from '@ilinks/shared/testing';
import { InProcessMessageBus } from './in-process.message-bus';

messageBusContract('in-process (SQLite :memory:)', () => new InProcessMessageBus({ filename: ':memory:' }));

describe('InProcessMessageBus', () => {
  let dir: string;
  const opened: InProcessMessageBus[] = [];
  /** Opens a bus that is closed after the test, whatever happens in it. */
  const open = (options: ConstructorParameters<typeof InProcessMessageBus>[0]): InProcessMessageBus => {
    const bus = new InProcessMessageBus(options);
    opened.push(bus);
    return bus;
  };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ilinks-bus-'));
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((bus) => bus.close()));
    rmSync(dir, { recursive: true, force: true });
  });

  const message = (key: string, body: string) => ({
    topic: 'restart.topic',
    key,
    value: Buffer.from(body),
    headers: {},
  });

  it('survives a restart: committed offsets resume, uncommitted messages are redelivered, nothing is lost', async () => {
    const filename = join(dir, 'bus.sqlite');
    const sent = Array.from({ length: 30 }, (_, seq) => message(`key-${seq % 3}`, `m${seq}`));
    const firstRun: string[] = [];

    const before = open({ filename });
    await before.publish(sent);
    let refused = 0;
    // After 10 messages the handler fails (with a long backoff): the message it holds stays uncommitted.
    const retry = { maxAttempts: 5, initialBackoffMs: 60_000, maxBackoffMs: 60_000 };
    await before.consume({ groupId: 'restarting', topics: ['restart.topic'], retry }, async (consumed) => {
      if (firstRun.length >= 10) {
        refused++;
        throw new Error('not now');
      }
      firstRun.push(consumed.value.toString());
    });
    await waitFor(() => firstRun.length === 10 && refused > 0, {
      description: '10 messages handled and the next refused',
    });
    await before.close();

    const secondRun: string[] = [];
    const after = open({ filename });
    await after.consume({ groupId: 'restarting', topics: ['restart.topic'] }, async (consumed) => {
      secondRun.push(consumed.value.toString());
    });
    await waitFor(() => new Set([...firstRun, ...secondRun]).size === sent.length, {
      description: 'the rest handled',
    });
    await after.close();

    expect(secondRun).toHaveLength(20);
    expect(secondRun.filter((body) => firstRun.includes(body))).toEqual([]);
    expect(new Set([...firstRun, ...secondRun]).size).toBe(30);
  });

  it('keeps published messages across a restart even with no consumer', async () => {
    const filename = join(dir, 'bus.sqlite');
    const before = open({ filename });
    await before.publish([message('k', 'durable')]);
    await before.close();

    const after = open({ filename });
    const received: string[] = [];
    await after.consume({ groupId: 'late', topics: ['restart.topic'] }, async (consumed) => {
      received.push(consumed.value.toString());
    });
    await waitFor(() => received.length === 1, { description: 'the durable message' });
    await after.close();
    expect(received).toEqual(['durable']);
  });

  it('shares a group’s partitions between its consumers in one process, each message handled once', async () => {
    const bus = open({ filename: ':memory:', partitions: 3 });
    const handledBy = new Map<string, string[]>([
      ['a', []],
      ['b', []],
    ]);
    const record = (name: string) => async (consumed: ConsumedMessage) => {
      handledBy.get(name)?.push(consumed.value.toString());
    };
    await bus.consume({ groupId: 'shared', topics: ['restart.topic'] }, record('a'));
    await bus.consume({ groupId: 'shared', topics: ['restart.topic'] }, record('b'));

    await bus.publish(Array.from({ length: 60 }, (_, seq) => message(`key-${seq % 12}`, `m${seq}`)));

    const all = () => [...handledBy.values()].flat();
    await waitFor(() => all().length >= 60, { description: '60 messages' });
    await bus.close();
    expect(new Set(all()).size).toBe(60);
    expect(all()).toHaveLength(60);
    expect(handledBy.get('a')?.length).toBeGreaterThan(0);
    expect(handledBy.get('b')?.length).toBeGreaterThan(0);
  });

  it('moves partitions to the remaining consumer when one leaves', async () => {
    const bus = open({ filename: ':memory:' });
    const handled: string[] = [];
    const first = await bus.consume(
      { groupId: 'rebalance', topics: ['restart.topic'] },
      async () => undefined,
    );
    await bus.consume({ groupId: 'rebalance', topics: ['restart.topic'] }, async (consumed) => {
      handled.push(consumed.value.toString());
    });
    await first.stop();

    await bus.publish(Array.from({ length: 9 }, (_, seq) => message(`key-${seq}`, `m${seq}`)));

    await waitFor(() => handled.length === 9, { description: '9 messages on the remaining consumer' });
    await bus.close();
  });

  it('starts a new group at the end of the log when fromBeginning is false', async () => {
    const bus = open({ filename: ':memory:' });
    await bus.publish([message('k', 'old')]);
    const received: string[] = [];
    await bus.consume(
      { groupId: 'latest', topics: ['restart.topic'], fromBeginning: false },
      async (consumed) => {
        received.push(consumed.value.toString());
      },
    );
    await bus.publish([message('k', 'new')]);
    await waitFor(() => received.length === 1, { description: 'the new message' });
    await bus.close();
    expect(received).toEqual(['new']);
  });

  it('keeps a topic’s partition count when reopened with another default', async () => {
    const filename = join(dir, 'bus.sqlite');
    const before = open({ filename, partitions: 2 });
    await before.ensureTopics(['restart.topic']);
    await before.close();
    const after = open({ filename, partitions: 8 });
    const partitions = new Set<number>();
    await after.consume({ groupId: 'count', topics: ['restart.topic'] }, async (consumed) => {
      partitions.add(consumed.partition);
    });
    await after.publish(Array.from({ length: 40 }, (_, seq) => message(`key-${seq}`, 'x')));
    await waitFor(() => partitions.size === 2, { description: 'both partitions seen' });
    await after.close();
    expect([...partitions].every((partition) => partition < 2)).toBe(true);
  });

  it('wakes the worker of each partition written to at once, the fallback poll aside', async () => {
    const bus = open({ filename: ':memory:', partitions: 4, pollIntervalMs: 60_000 });
    const seen: ConsumedMessage[] = [];
    await bus.consume({ groupId: 'awake', topics: ['restart.topic'] }, async (consumed) => {
      seen.push(consumed);
    });
    for (let round = 1; round <= 3; round++) {
      await bus.publish(Array.from({ length: 20 }, (_, seq) => message(`key-${round}-${seq}`, 'x')));
      await waitFor(() => seen.length === round * 20, { description: `round ${round}`, timeoutMs: 2_000 });
    }
    expect(new Set(seen.map((consumed) => consumed.partition)).size).toBe(4);
  });

  it('refuses to publish after close', async () => {
    const bus = open({ filename: ':memory:' });
    await bus.close();
    await expect(bus.publish([message('k', 'late')])).rejects.toThrow('closed');
  });
});
