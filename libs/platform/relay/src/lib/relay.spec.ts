import { SqliteEventStore, type EventStore, type RecordedEvent } from '@ilinks/platform/event-store';
import { type BusMessage, InProcessMessageBus, type MessageBus } from '@ilinks/platform/messaging';
import { SqliteReadModelStore } from '@ilinks/platform/read-models';
import { eventIdFor } from '@ilinks/shared/kernel';
import { waitFor } from '@ilinks/shared/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReadModelCheckpointStore } from './checkpoint-store';
import { Relay, type RelayMapper } from './relay';

const topic = 'ilinks.test.v1';
const idOf = (stream: string, index: number): string => eventIdFor(stream, 'relay-spec', index);
const mapper: RelayMapper = (event: RecordedEvent) => [
  {
    topic,
    key: event.streamName,
    value: Buffer.from(JSON.stringify(event.data)),
    headers: { 'x-event-id': event.id },
  },
];

/** A bus that refuses to publish while `down` is true, like a stopped broker. */
class FlakyBus implements MessageBus {
  down = false;
  constructor(private readonly inner: MessageBus) {}
  async publish(messages: readonly BusMessage[]): Promise<void> {
    if (this.down) throw new Error('broker unavailable');
    await this.inner.publish(messages);
  }
  consume: MessageBus['consume'] = (options, handler) => this.inner.consume(options, handler);
  ensureTopics: MessageBus['ensureTopics'] = (topics) => this.inner.ensureTopics(topics);
  consumerLag: MessageBus['consumerLag'] = (groupId, topics) => this.inner.consumerLag(groupId, topics);
  close = () => this.inner.close();
}

describe('Relay', () => {
  let dir: string;
  let store: EventStore;
  let bus: FlakyBus;
  let checkpoints: ReadModelCheckpointStore;
  let views: SqliteReadModelStore;
  const received: string[] = [];

  async function append(stream: string, count: number, from = 0): Promise<void> {
    for (let i = from; i < from + count; i++) {
      await store.appendToStream(stream, [{ id: idOf(stream, i), type: 'Happened', data: { i } }], {
        expectedRevision: 'any',
      });
    }
  }

  const relayFor = () =>
    new Relay(store, bus, checkpoints, {
      name: 'test.relay',
      streamPrefixes: ['test.'],
      mapper,
      maxBatchSize: 10,
      retryInitialMs: 10,
    });

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ilinks-relay-'));
    store = new SqliteEventStore(join(dir, 'events.sqlite'), { synchronous: 'normal' });
    bus = new FlakyBus(new InProcessMessageBus({ filename: join(dir, 'bus.sqlite') }));
    views = new SqliteReadModelStore({ filename: join(dir, 'views.sqlite') });
    checkpoints = await ReadModelCheckpointStore.open(views);
    received.length = 0;
    await bus.ensureTopics([topic]);
    await bus.consume({ groupId: 'observer', topics: [topic] }, async (message) => {
      received.push(message.headers['x-event-id']);
    });
  });

  afterEach(async () => {
    await bus.close();
    await store.close();
    await views.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts and stops over an empty store without saving a checkpoint', async () => {
    const relay = relayFor();
    await relay.start();
    await relay.stop();
    expect(await checkpoints.load('test.relay')).toBeUndefined();
  });

  it('publishes every event of its streams in order and checkpoints the last', async () => {
    await append('test.a', 15);
    await append('other.x', 3);
    const relay = relayFor();
    await relay.start();
    await append('test.b', 5);
    await waitFor(() => received.length === 20, { description: 'all 20 published' });
    const streamA = Array.from({ length: 15 }, (_, i) => idOf('test.a', i));
    expect(received.filter((id) => streamA.includes(id))).toEqual(streamA);
    await relay.stop();
    expect(await relay.checkpoint()).toBe(await store.headPosition());
  });

  it('resumes after its checkpoint: a restarted relay republishes nothing it had acknowledged', async () => {
    await append('test.a', 10);
    const first = relayFor();
    await first.start();
    await waitFor(() => received.length === 10, { description: 'first batch' });
    await first.stop();
    await append('test.a', 5, 10);
    const second = relayFor();
    await second.start();
    await waitFor(() => received.length === 15, { description: 'only the new events' });
    await second.stop();
    expect(new Set(received).size).toBe(15);
  });

  it('keeps retrying while the broker refuses, never skipping or moving the checkpoint past unpublished events', async () => {
    const relay = relayFor();
    await relay.start();
    bus.down = true;
    await append('test.a', 12);
    const checkpointWhileDown = await relay.checkpoint();
    expect(checkpointWhileDown === undefined || checkpointWhileDown < (await store.headPosition())).toBe(
      true,
    );
    bus.down = false;
    await waitFor(() => received.length === 12, { description: 'published once the broker is back' });
    await relay.stop();
    expect(new Set(received).size).toBe(12);
  });

  it('publishes again what was in flight when it died: at least once, never a gap', async () => {
    await append('test.a', 30);
    // A relay that "dies" after publishing but before checkpointing: its checkpoint stays behind.
    bus.down = false;
    await checkpoints.save('test.relay', 9n);
    const relay = relayFor();
    await relay.start();
    // SQLite positions start at 1: after position 9 come the events at positions 10..30.
    await waitFor(() => received.length === 21, { description: 'everything after the checkpoint' });
    await relay.stop();
    expect(received[0]).toBe(idOf('test.a', 9));
  });
});
